// DynamoDbStore's SessionReads role, beside dynamodb_store.cpp (which is near its size limit).
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

std::vector<Session> DynamoDbStore::list_sessions(std::string_view user_id) {
    RetryBudget budget = client_.new_budget();
    return user_commands_.session_commands().sessions_of(user_id, budget);
}

}  // namespace bank
