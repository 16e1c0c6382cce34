#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/budget.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace bank {

// The budgets table (BankingBudgets: user_id + budget_key "<category>#<month>", the month
// "every" for an every-month budget). The key is the budget's slot, so a second budget of the
// same category and month fails its `attribute_not_exists` condition on any server; the id is
// an attribute, found by a Query of the person's at most limits::budgets_per_user_max items.
// Every change is one PutItem or DeleteItem conditional on the version decided on.
class DynamoDbBudgets {
public:
    DynamoDbBudgets(DynamoDbClient& client, const DynamoDbTables& tables)
        : client_(client), tables_(tables) {}

    std::vector<Budget> list(std::string_view user_id);
    std::optional<Budget> find(std::string_view user_id, std::string_view budget_id);
    bool add(const Budget& budget);
    bool save(const Budget& next);
    bool remove(const Budget& current);

private:
    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
};

}  // namespace bank
