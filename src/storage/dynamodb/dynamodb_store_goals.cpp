// DynamoDbStore's GoalStore role, kept out of dynamodb_store.cpp.
#include "storage/dynamodb/dynamodb_goals.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

std::vector<SavingsGoal> DynamoDbStore::list_goals(std::string_view user_id) {
    return DynamoDbGoals(client_, tables_).list(user_id);
}

std::optional<SavingsGoal> DynamoDbStore::find_goal(std::string_view user_id,
                                                    std::string_view goal_id) {
    return DynamoDbGoals(client_, tables_).find(user_id, goal_id);
}

bool DynamoDbStore::add_goal(const SavingsGoal& goal) {
    return DynamoDbGoals(client_, tables_).add(goal);
}

bool DynamoDbStore::save_goal(const SavingsGoal& next) {
    return DynamoDbGoals(client_, tables_).save(next);
}

bool DynamoDbStore::remove_goal(const SavingsGoal& current) {
    return DynamoDbGoals(client_, tables_).remove(current);
}

}  // namespace bank
