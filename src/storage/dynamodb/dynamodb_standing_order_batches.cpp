// DynamoDbStore's batch calls of the StandingOrderStore role (the scheduler's): each element
// is its own request with its own condition (BatchWriteItem has no conditions, so it cannot
// carry a claim), and the requests of a batch are sent concurrently, so a batch costs a few
// round trips rather than one per element.

#include "storage/dynamodb/dynamodb_concurrent.hpp"
#include "storage/dynamodb/dynamodb_standing_orders.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

namespace {

// std::vector<bool> packs its elements into shared words, so threads write into chars.
std::vector<bool> as_bools(const std::vector<char>& written) {
    return std::vector<bool>(written.begin(), written.end());
}

}  // namespace

std::vector<std::optional<Occurrence>> DynamoDbStore::find_occurrences(
    const std::vector<OccurrenceId>& ids) {
    std::vector<std::optional<Occurrence>> found(ids.size());
    DynamoDbStandingOrders orders(client_, tables_);
    run_concurrently(ids.size(), [&](std::size_t index) {
        const auto& id = ids[index];
        found[index] = orders.find_occurrence(id.user_id, id.standing_order_id, id.due_date);
    });
    return found;
}

std::vector<bool> DynamoDbStore::save_occurrences(const std::vector<Occurrence>& next) {
    std::vector<char> written(next.size(), 0);
    DynamoDbStandingOrders orders(client_, tables_);
    run_concurrently(next.size(), [&](std::size_t index) {
        written[index] = orders.save_occurrence(next[index]) ? 1 : 0;
    });
    return as_bools(written);
}

std::vector<bool> DynamoDbStore::save_standing_orders(const std::vector<StandingOrder>& next) {
    std::vector<char> written(next.size(), 0);
    DynamoDbStandingOrders orders(client_, tables_);
    run_concurrently(next.size(),
                     [&](std::size_t index) { written[index] = orders.save(next[index]) ? 1 : 0; });
    return as_bools(written);
}

}  // namespace bank
