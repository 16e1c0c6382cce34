#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "ledger/store.hpp"

namespace bank {

// A DynamoDB request that failed for good: refused by the service, or retried until the
// budget ran out. `type` is the short exception name ("ConditionalCheckFailedException",
// "TransactionCanceledException", "ResourceNotFoundException"), or "NetworkError" when no
// answer came.
class DynamoDbError : public StoreUnavailable {
public:
    DynamoDbError(std::string type, const std::string& message, long http_status,
                  std::vector<std::string> cancellation_codes = {});

    const std::string& type() const { return type_; }
    long http_status() const { return http_status_; }
    // TransactionCanceledException: one code per item of the request, in order ("None",
    // "ConditionalCheckFailed", "TransactionConflict", "ThrottlingError", ...).
    const std::vector<std::string>& cancellation_codes() const { return cancellation_codes_; }

    // Worth trying again after a pause: throttling, a 5xx answer, a network failure.
    bool is_transient() const;
    bool is_conditional_check_failed() const { return type_ == "ConditionalCheckFailedException"; }
    bool is_transaction_canceled() const { return type_ == "TransactionCanceledException"; }
    // A cancelled transaction whose reasons include a conflict or throttling rather than a
    // failed condition: running the command again may succeed.
    bool is_retryable_cancellation() const;
    // The index of the first item whose condition failed, or -1.
    int failed_condition_index() const;

private:
    std::string type_;
    long http_status_ = 0;
    std::vector<std::string> cancellation_codes_;
};

}  // namespace bank
