#include "storage/dynamodb/dynamodb_client.hpp"

#include <curl/curl.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <memory>
#include <utility>
#include <vector>

#include "storage/dynamodb/dynamodb_error.hpp"

namespace bank {

namespace {

size_t append_body(char* data, size_t size, size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

struct HeaderList {
    curl_slist* list = nullptr;
    ~HeaderList() { curl_slist_free_all(list); }
    void add(const std::string& line) {
        curl_slist* grown = curl_slist_append(list, line.c_str());
        if (grown == nullptr) throw std::bad_alloc();
        list = grown;
    }
};

std::string string_member(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->get_string())
                                                  : std::string();
}

// "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException" -> the part after '#'.
std::string short_type(const std::string& type) {
    const auto hash = type.rfind('#');
    return hash == std::string::npos ? type : type.substr(hash + 1);
}

[[noreturn]] void throw_service_error(long status, const std::string& body) {
    boost::system::error_code parse_error;
    const boost::json::value parsed = boost::json::parse(body, parse_error);
    if (parse_error || !parsed.is_object()) {
        throw DynamoDbError(status >= 500 ? "ServerError" : "HttpError",
                            "HTTP " + std::to_string(status), status);
    }
    const boost::json::object& error = parsed.get_object();
    std::string message = string_member(error, "message");
    if (message.empty()) message = string_member(error, "Message");
    std::vector<std::string> codes;
    if (const auto* reasons = error.if_contains("CancellationReasons");
        reasons != nullptr && reasons->is_array()) {
        for (const auto& reason : reasons->get_array()) {
            codes.push_back(reason.is_object() ? string_member(reason.get_object(), "Code")
                                               : std::string());
        }
    }
    throw DynamoDbError(short_type(string_member(error, "__type")), message, status,
                        std::move(codes));
}

}  // namespace

DynamoDbClient::DynamoDbClient(DynamoDbConfig config)
    : config_(std::move(config)),
      sigv4_("aws:amz:" + config_.region + ":dynamodb"),
      user_password_(config_.access_key_id + ":" + config_.secret_access_key),
      handles_(dynamodb_limits::idle_connections_max) {}

RetryBudget DynamoDbClient::new_budget() const {
    return RetryBudget(config_.retries_max, config_.retry_delay_base, config_.retry_delay_max,
                       config_.operation_deadline);
}

boost::json::object DynamoDbClient::call(std::string_view operation,
                                         const boost::json::object& request) {
    RetryBudget budget = new_budget();
    return call(operation, request, budget);
}

boost::json::object DynamoDbClient::call(std::string_view operation,
                                         const boost::json::object& request, RetryBudget& budget) {
    const std::string body = boost::json::serialize(request);
    const Fault fault = fault_ && *fault_ ? (*fault_)(operation) : Fault::none;
    if (fault == Fault::refuse) {
        throw DynamoDbError("InjectedFault", std::string(operation) + ": refused by a test", 400);
    }
    for (;;) {
        if (budget.remaining() <= std::chrono::milliseconds(0)) {
            throw DynamoDbError("NetworkError",
                                std::string(operation) + ": the operation's deadline passed", 0);
        }
        try {
            boost::json::object answer = attempt(operation, body, budget.remaining());
            if (fault == Fault::lose_answer) {
                throw DynamoDbError("InjectedFault",
                                    std::string(operation) + ": answer lost by a test", 400);
            }
            return answer;
        } catch (const DynamoDbError& error) {
            if (!error.is_transient() || !budget.retry()) throw;
        }
    }
}

// One signed POST. Resending the same body is harmless: reads change nothing, and every
// transactional write carries a ClientRequestToken.
boost::json::object DynamoDbClient::attempt(std::string_view operation, const std::string& body,
                                            std::chrono::milliseconds time_left) {
    CurlHandlePool::Handle handle = handles_.acquire();
    CURL* curl = handle.get();
    HeaderList headers;
    headers.add("Content-Type: application/x-amz-json-1.0");
    headers.add("X-Amz-Target: DynamoDB_20120810." + std::string(operation));
    if (!config_.session_token.empty()) {
        headers.add("X-Amz-Security-Token: " + config_.session_token);
    }
    std::string response;
    char error_text[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, config_.endpoint.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4_.c_str());
    curl_easy_setopt(curl, CURLOPT_USERPWD, user_password_.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
    const auto timeout =
        std::max(std::chrono::milliseconds(1), std::min(config_.request_timeout, time_left));
    const auto connect_timeout = std::min(config_.connect_timeout, timeout);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");

    const CURLcode code = curl_easy_perform(curl);
    if (code != CURLE_OK) {
        throw DynamoDbError("NetworkError",
                            std::string(operation) + ": " +
                                (error_text[0] != '\0' ? error_text : curl_easy_strerror(code)),
                            0);
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) throw_service_error(status, response);
    boost::system::error_code parse_error;
    boost::json::value parsed = boost::json::parse(response, parse_error);
    if (parse_error || !parsed.is_object()) {
        throw DynamoDbError("ServerError", std::string(operation) + ": unreadable answer", 500);
    }
    return std::move(parsed.get_object());
}

}  // namespace bank
