#pragma once

#include <chrono>
#include <string>

#include "storage/dynamodb/dynamodb_limits.hpp"

namespace bank {

// Where and as whom the DynamoDB store talks to AWS.
struct DynamoDbConfig {
    std::string region;
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;  // empty for long-term keys
    // "https://dynamodb.REGION.amazonaws.com" unless overridden (DynamoDB Local, say).
    std::string endpoint;
    // Put before every table name, so that several environments share one AWS account.
    std::string table_prefix;
    int retries_max = dynamodb_limits::retries_max;
    std::chrono::milliseconds retry_delay_base = dynamodb_limits::retry_delay_base;
    std::chrono::milliseconds retry_delay_max = dynamodb_limits::retry_delay_max;
    std::chrono::milliseconds connect_timeout = dynamodb_limits::connect_timeout;
    std::chrono::milliseconds request_timeout = dynamodb_limits::request_timeout;
    std::chrono::milliseconds operation_deadline = dynamodb_limits::operation_deadline;

    // As every AWS tool reads it: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
    // AWS_SESSION_TOKEN and AWS_REGION (or AWS_DEFAULT_REGION) from the environment, else
    // the profile AWS_PROFILE (default "default") of ~/.aws/credentials and ~/.aws/config
    // (AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move them). The endpoint comes from
    // AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL, the prefix from
    // BANK_DYNAMODB_TABLE_PREFIX. Throws std::runtime_error when no region or no
    // credentials are found.
    static DynamoDbConfig from_environment();
};

}  // namespace bank
