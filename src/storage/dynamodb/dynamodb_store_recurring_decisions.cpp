// DynamoDbStore's RecurringDecisionStore role, kept out of dynamodb_store.cpp.
#include "storage/dynamodb/dynamodb_recurring_decisions.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

std::vector<RecurringDecision> DynamoDbStore::list_recurring_decisions(std::string_view user_id) {
    return DynamoDbRecurringDecisions(client_, tables_).list(user_id);
}

void DynamoDbStore::put_recurring_decision(const RecurringDecision& decision) {
    DynamoDbRecurringDecisions(client_, tables_).put(decision);
}

bool DynamoDbStore::remove_recurring_decision(std::string_view user_id,
                                              std::string_view recurrence_key) {
    return DynamoDbRecurringDecisions(client_, tables_).remove(user_id, recurrence_key);
}

}  // namespace bank
