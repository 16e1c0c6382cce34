#pragma once

#include <string_view>
#include <vector>

#include "ledger/recurring_decision.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace bank {

// The decisions table (BankingRecurringDecisions: user_id + recurrence_key). The key is the
// recurrence, so a PutItem replaces the person's earlier decision on it on any server; a
// person's at most limits::recurring_decisions_per_user_max items are one Query.
class DynamoDbRecurringDecisions {
public:
    DynamoDbRecurringDecisions(DynamoDbClient& client, const DynamoDbTables& tables)
        : client_(client), tables_(tables) {}

    std::vector<RecurringDecision> list(std::string_view user_id);
    void put(const RecurringDecision& decision);
    bool remove(std::string_view user_id, std::string_view recurrence_key);

private:
    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
};

}  // namespace bank
