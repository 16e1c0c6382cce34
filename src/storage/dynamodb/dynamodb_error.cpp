#include "storage/dynamodb/dynamodb_error.hpp"

#include <utility>

namespace bank {

DynamoDbError::DynamoDbError(std::string type, const std::string& message, long http_status,
                             std::vector<std::string> cancellation_codes)
    : StoreUnavailable("dynamodb: " + type + ": " + message),
      type_(std::move(type)),
      http_status_(http_status),
      cancellation_codes_(std::move(cancellation_codes)) {}

bool DynamoDbError::is_transient() const {
    if (http_status_ == 0 || http_status_ >= 500) return true;
    return type_ == "ProvisionedThroughputExceededException" || type_ == "ThrottlingException" ||
           type_ == "RequestLimitExceeded" || type_ == "LimitExceededException" ||
           type_ == "TransactionInProgressException" || type_ == "InternalServerError" ||
           type_ == "ServiceUnavailable";
}

bool DynamoDbError::is_retryable_cancellation() const {
    if (!is_transaction_canceled()) return false;
    for (const std::string& code : cancellation_codes_) {
        if (code == "TransactionConflict" || code == "ThrottlingError" ||
            code == "ProvisionedThroughputExceeded") {
            return true;
        }
    }
    return false;
}

int DynamoDbError::failed_condition_index() const {
    for (std::size_t index = 0; index < cancellation_codes_.size(); ++index) {
        if (cancellation_codes_[index] == "ConditionalCheckFailed") return static_cast<int>(index);
    }
    return -1;
}

}  // namespace bank
