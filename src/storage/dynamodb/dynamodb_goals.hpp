#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/savings_goal.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace bank {

// The goals table (BankingGoals: user_id + goal_id). A person's goals are one Query of at
// most limits::goals_per_person items; every change is one PutItem or DeleteItem conditional
// on the goal's absence or on the version decided on.
class DynamoDbGoals {
public:
    DynamoDbGoals(DynamoDbClient& client, const DynamoDbTables& tables)
        : client_(client), tables_(tables) {}

    std::vector<SavingsGoal> list(std::string_view user_id);
    std::optional<SavingsGoal> find(std::string_view user_id, std::string_view goal_id);
    bool add(const SavingsGoal& goal);
    bool save(const SavingsGoal& next);
    bool remove(const SavingsGoal& current);

private:
    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
};

}  // namespace bank
