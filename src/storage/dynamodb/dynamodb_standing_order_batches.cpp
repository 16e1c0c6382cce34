// DynamoDbStore's batch calls of the StandingOrderStore role (the scheduler's): each element
// is its own request with its own condition (BatchWriteItem has no conditions, so it cannot
// carry a claim), and the requests of a batch are sent concurrently, so a batch costs a few
// round trips rather than one per element.
#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "storage/dynamodb/dynamodb_limits.hpp"
#include "storage/dynamodb/dynamodb_standing_orders.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

namespace {

// Calls `one(index)` for every index below `count` on a few threads of this call's own, and
// returns when all are done. The first exception (StoreUnavailable, DynamoDbError) is
// rethrown after every thread has stopped; the elements not yet started are not run.
template <typename One>
void run_concurrently(std::size_t count, One one) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr first_error;
    std::mutex error_mutex;
    auto work = [&] {
        for (std::size_t index = next++; index < count && !failed; index = next++) {
            try {
                one(index);
            } catch (...) {
                const std::lock_guard lock(error_mutex);
                if (!first_error) first_error = std::current_exception();
                failed = true;
            }
        }
    };
    const std::size_t threads = std::min(count, dynamodb_limits::standing_order_requests_in_flight);
    std::vector<std::thread> workers;
    workers.reserve(threads);
    for (std::size_t thread = 1; thread < threads; ++thread) workers.emplace_back(work);
    work();
    for (auto& worker : workers) worker.join();
    if (first_error) std::rethrow_exception(first_error);
}

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
