#pragma once

#include <boost/json/object.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "storage/dynamodb/curl_handle_pool.hpp"
#include "storage/dynamodb/dynamodb_config.hpp"
#include "storage/dynamodb/retry_budget.hpp"

namespace bank {

// The DynamoDB JSON protocol over HTTPS: libcurl signs every request (CURLOPT_AWS_SIGV4),
// handles are pooled so connections stay open, and transient failures (throttling, 5xx,
// network) are retried with backoff while the caller's budget lasts. Safe to use from many
// threads at once.
class DynamoDbClient {
public:
    explicit DynamoDbClient(DynamoDbConfig config);

    // Runs one operation ("GetItem", "TransactWriteItems", ...) and returns its answer.
    // Throws DynamoDbError when the service refuses it or the budget is spent.
    boost::json::object call(std::string_view operation, const boost::json::object& request,
                             RetryBudget& budget);
    // The same with a fresh budget of the configured size.
    boost::json::object call(std::string_view operation, const boost::json::object& request);

    RetryBudget new_budget() const;
    const DynamoDbConfig& config() const { return config_; }

    // The test seam for a request that fails, as a network or a service can make it fail:
    // asked before each call of an operation, the fault may refuse the call unsent, or send
    // it and lose its answer (DynamoDB applied it, the caller hears an error). Either throws
    // a DynamoDbError that is not retried within the call, so the caller's own handling of
    // a failed request is what runs. Called from many threads at once; set before the store
    // takes writes, never outside tests.
    enum class Fault { none, refuse, lose_answer };
    using FaultHook = std::function<Fault(std::string_view operation)>;
    void inject_fault(FaultHook hook) { fault_ = std::make_shared<FaultHook>(std::move(hook)); }

private:
    boost::json::object attempt(std::string_view operation, const std::string& body,
                                std::chrono::milliseconds time_left);

    DynamoDbConfig config_;
    std::string sigv4_;  // "aws:amz:REGION:dynamodb"
    std::string user_password_;
    CurlHandlePool handles_;
    std::shared_ptr<FaultHook> fault_;
};

}  // namespace bank
