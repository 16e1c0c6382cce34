#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "ledger/alert.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace bank {

// BankingAlertRules (user_id + rule_id) and BankingNotifications (user_id + notification_id).
// A notification is a PutItem conditional on `attribute_not_exists`, so its deterministic id
// stores it once whichever server evaluates it; a person's notifications (at most
// limits::notifications_per_user_max, trimmed) are read by one Query and ordered here. The
// evaluator's cursor is a reserved item of BankingNotifications (user_id "#alert-cursor",
// which no person's 32-hex-digit id can be), written over its version.
class DynamoDbNotifications {
public:
    DynamoDbNotifications(DynamoDbClient& client, const DynamoDbTables& tables)
        : client_(client), tables_(tables) {}

    std::vector<AlertRule> rules(std::string_view user_id);
    bool add_rule(const AlertRule& rule);
    bool remove_rule(std::string_view user_id, std::string_view rule_id);

    bool add(const Notification& notification);
    std::vector<Notification> newest(std::string_view user_id, std::size_t limit);
    std::size_t unread(std::string_view user_id);
    bool mark_read(std::string_view user_id, std::string_view notification_id);
    void trim(std::string_view user_id, std::size_t keep);

    AlertCursor cursor();
    bool save_cursor(const AlertCursor& next);

private:
    std::vector<Notification> all_of(std::string_view user_id);

    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
};

}  // namespace bank
