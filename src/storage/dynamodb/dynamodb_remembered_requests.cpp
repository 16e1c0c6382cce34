// DynamoDbStore::find_remembered_request: a strongly consistent GetItem of the idempotency
// record (user_id + idempotency_key), in a file of its own to keep dynamodb_store.cpp within
// the size limit.
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

using namespace dynamodb_items;

std::optional<RememberedRequest> DynamoDbStore::find_remembered_request(
    std::string_view user_id, std::string_view idempotency_key) {
    if (user_id.empty() || idempotency_key.empty()) return std::nullopt;
    RetryBudget budget = client_.new_budget();
    const auto record = reads_.get_item(
        tables_.idempotency_records,
        {{"user_id", string_value(user_id)}, {"idempotency_key", string_value(idempotency_key)}},
        budget);
    if (!record) return std::nullopt;
    return RememberedRequest{text_of(*record, "request_fingerprint"),
                             from_micros(number_of(*record, "created_at"))};
}

}  // namespace bank
