// DynamoDbStore::find_remembered_request: a strongly consistent GetItem of the idempotency
// record (user_id + idempotency_key), in a file of its own to keep dynamodb_store.cpp within
// the size limit.
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

std::optional<RememberedRequest> DynamoDbStore::find_remembered_request(
    std::string_view user_id, std::string_view idempotency_key) {
    if (user_id.empty() || idempotency_key.empty()) return std::nullopt;
    RetryBudget budget = client_.new_budget();
    const auto record = reads_.idempotency_record(user_id, idempotency_key, budget);
    if (!record) return std::nullopt;
    return DynamoDbReads::remembered_request(*record);
}

}  // namespace bank
