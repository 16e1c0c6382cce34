// DynamoDbStore's BudgetStore role, kept out of dynamodb_store.cpp.
#include "storage/dynamodb/dynamodb_budgets.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

std::vector<Budget> DynamoDbStore::list_budgets(std::string_view user_id) {
    return DynamoDbBudgets(client_, tables_).list(user_id);
}

std::optional<Budget> DynamoDbStore::find_budget(std::string_view user_id,
                                                 std::string_view budget_id) {
    return DynamoDbBudgets(client_, tables_).find(user_id, budget_id);
}

bool DynamoDbStore::add_budget(const Budget& budget) {
    return DynamoDbBudgets(client_, tables_).add(budget);
}

bool DynamoDbStore::save_budget(const Budget& next) {
    return DynamoDbBudgets(client_, tables_).save(next);
}

bool DynamoDbStore::remove_budget(const Budget& current) {
    return DynamoDbBudgets(client_, tables_).remove(current);
}

}  // namespace bank
