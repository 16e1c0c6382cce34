#include "storage/dynamodb/dynamodb_new_items.hpp"

#include <spdlog/spdlog.h>

#include <exception>
#include <string>
#include <utility>

#include "ledger/conditional_batch_plans.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_concurrent.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_limits.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank::dynamodb_new_items {

namespace json = boost::json;

namespace {

// Per item sent, whether its condition failed (empty when the failure named no item).
std::vector<bool> conditions_failed(const DynamoDbError& error) {
    std::vector<bool> failed;
    if (!error.is_transaction_canceled()) return failed;
    for (const std::string& code : error.cancellation_codes()) {
        failed.push_back(code == "ConditionalCheckFailed");
    }
    return failed;
}

// One request's items (`indexes` into `items`), sent until each is settled or given up.
void put_request(DynamoDbClient& client, const std::vector<json::object>& items,
                 std::vector<std::size_t> indexes, int tries_max, std::vector<Outcome>& outcomes) {
    for (int fruitless = 0;;) {
        json::array request;
        for (const std::size_t index : indexes) request.push_back(items[index]);
        std::vector<bool> failed;
        try {
            // Each try as if it were a command of its own.
            RetryBudget budget = client.new_budget();
            dynamodb_writes::transact(client, std::move(request), budget);
            for (const std::size_t index : indexes) outcomes[index] = Outcome::written;
            return;
        } catch (const DynamoDbError& error) {
            failed = conditions_failed(error);
            if (!error.is_transaction_canceled()) {
                spdlog::warn("dynamodb store: {} new items not written: {}", indexes.size(),
                             error.what());
            }
        } catch (const std::exception& error) {
            spdlog::warn("dynamodb store: {} new items not written: {}", indexes.size(),
                         error.what());
        }
        bool settled_any = false;
        for (const bool taken : failed) settled_any = settled_any || taken;
        if (!settled_any) ++fruitless;
        const ConditionalBatchRetry retry =
            plan_conditional_batch_retry(indexes.size(), failed, fruitless, tries_max);
        for (const std::size_t position : retry.settled) {
            outcomes[indexes[position]] = Outcome::taken;
        }
        std::vector<std::size_t> left;
        for (const std::size_t position : retry.resend) left.push_back(indexes[position]);
        if (retry.gives_up) {
            spdlog::error("dynamodb store: {} new items given up after {} tries", left.size(),
                          fruitless);
            return;  // their outcome stays lost
        }
        if (left.empty()) return;
        indexes = std::move(left);
    }
}

}  // namespace

std::vector<Outcome> put_all(DynamoDbClient& client, const std::vector<json::object>& items,
                             int tries_max) {
    std::vector<Outcome> outcomes(items.size(), Outcome::lost);
    std::vector<std::vector<std::size_t>> requests;
    for (std::size_t index = 0; index < items.size(); ++index) {
        if (requests.empty() || requests.back().size() == dynamodb_limits::batch_get_items_max) {
            requests.emplace_back();
        }
        requests.back().push_back(index);
    }
    // Each request catches its own failures, so one never stops its neighbours.
    run_concurrently(requests.size(), [&](std::size_t request) {
        put_request(client, items, std::move(requests[request]), tries_max, outcomes);
    });
    return outcomes;
}

}  // namespace bank::dynamodb_new_items
