#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "ledger/alert.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// The alert_rules, notifications and alert_cursor tables (schema 18) on one connection.
// A notification is inserted with ON CONFLICT DO NOTHING on its deterministic id, so a
// repeated evaluation stores nothing twice; the cursor row is written over its version.
class SqliteNotifications {
public:
    explicit SqliteNotifications(SqliteConnection& connection) : connection_(connection) {}

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
    SqliteConnection& connection_;
};

}  // namespace bank
