#pragma once

#include <boost/json/object.hpp>

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

private:
    boost::json::object attempt(std::string_view operation, const std::string& body,
                                std::chrono::milliseconds time_left);

    DynamoDbConfig config_;
    std::string sigv4_;  // "aws:amz:REGION:dynamodb"
    std::string user_password_;
    CurlHandlePool handles_;
};

}  // namespace bank
