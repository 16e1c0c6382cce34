// What only the DynamoDB store has: its configuration, its retry budget, its error
// classification and `bank setup-dynamodb`. The Store contract itself is checked for every
// engine in store_contract_test.cpp.

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <thread>
#include <vector>

#include "core/random.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"
#include "storage/dynamodb/retry_budget.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

// Sets environment variables for one test and puts the old values back afterwards.
class ScopedEnvironment {
public:
    void set(const std::string& name, const std::string& value) {
        remember(name);
        ::setenv(name.c_str(), value.c_str(), 1);
    }
    void unset(const std::string& name) {
        remember(name);
        ::unsetenv(name.c_str());
    }
    ~ScopedEnvironment() {
        for (const auto& [name, value] : saved_) {
            if (value)
                ::setenv(name.c_str(), value->c_str(), 1);
            else
                ::unsetenv(name.c_str());
        }
    }

private:
    void remember(const std::string& name) {
        if (saved_.count(name)) return;
        const char* value = std::getenv(name.c_str());
        saved_[name] = value ? std::optional<std::string>(value) : std::nullopt;
    }
    std::map<std::string, std::optional<std::string>> saved_;
};

class DynamoDbConfigTest : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* name :
             {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
              "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB",
              "BANK_DYNAMODB_TABLE_PREFIX"}) {
            environment_.unset(name);
        }
        environment_.set("AWS_SHARED_CREDENTIALS_FILE", directory_.file("credentials"));
        environment_.set("AWS_CONFIG_FILE", directory_.file("config"));
    }

    void write_file(const char* name, const std::string& text) {
        std::ofstream(directory_.file(name)) << text;
    }

    test::ScratchDirectory directory_{"bank_aws"};
    ScopedEnvironment environment_;
};

TEST_F(DynamoDbConfigTest, ReadsTheEnvironmentFirst) {
    environment_.set("AWS_ACCESS_KEY_ID", "AKIAENV");
    environment_.set("AWS_SECRET_ACCESS_KEY", "secret");
    environment_.set("AWS_SESSION_TOKEN", "token");
    environment_.set("AWS_REGION", "eu-west-1");
    environment_.set("BANK_DYNAMODB_TABLE_PREFIX", "staging_");
    write_file("credentials",
               "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = x\n");
    const DynamoDbConfig config = DynamoDbConfig::from_environment();
    EXPECT_EQ(config.access_key_id, "AKIAENV");
    EXPECT_EQ(config.session_token, "token");
    EXPECT_EQ(config.region, "eu-west-1");
    EXPECT_EQ(config.endpoint, "https://dynamodb.eu-west-1.amazonaws.com");
    EXPECT_EQ(config.table_prefix, "staging_");
}

TEST_F(DynamoDbConfigTest, FallsBackToTheProfileFiles) {
    write_file("credentials",
               "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n"
               "[work]\naws_access_key_id = AKIAWORK\naws_secret_access_key = w\n"
               "aws_session_token = t\n");
    write_file("config", "[default]\nregion = us-east-2\n[profile work]\nregion = ap-south-1\n");
    DynamoDbConfig config = DynamoDbConfig::from_environment();
    EXPECT_EQ(config.access_key_id, "AKIADEFAULT");
    EXPECT_EQ(config.region, "us-east-2");

    environment_.set("AWS_PROFILE", "work");
    environment_.set("AWS_ENDPOINT_URL", "http://localhost:8000");
    config = DynamoDbConfig::from_environment();
    EXPECT_EQ(config.access_key_id, "AKIAWORK");
    EXPECT_EQ(config.secret_access_key, "w");
    EXPECT_EQ(config.session_token, "t");
    EXPECT_EQ(config.region, "ap-south-1");
    EXPECT_EQ(config.endpoint, "http://localhost:8000");
    environment_.set("AWS_ENDPOINT_URL_DYNAMODB", "http://localhost:9000");
    EXPECT_EQ(DynamoDbConfig::from_environment().endpoint, "http://localhost:9000");
}

TEST_F(DynamoDbConfigTest, RefusesToStartWithoutRegionOrCredentials) {
    EXPECT_THROW(DynamoDbConfig::from_environment(), std::runtime_error);
    environment_.set("AWS_REGION", "us-east-1");
    EXPECT_THROW(DynamoDbConfig::from_environment(), std::runtime_error);
}

TEST(RetryBudgetTest, AllowsExactlyItsRetries) {
    RetryBudget budget(3, 1ms, 2ms);
    EXPECT_TRUE(budget.retry());
    EXPECT_TRUE(budget.retry());
    EXPECT_TRUE(budget.retry());
    EXPECT_FALSE(budget.retry());
    EXPECT_FALSE(budget.retry()) << "a spent budget stays spent";
    EXPECT_EQ(budget.retries(), 3);
}

TEST(DynamoDbErrorTest, TellsTransientFailuresFromRefusals) {
    EXPECT_TRUE(DynamoDbError("ProvisionedThroughputExceededException", "", 400).is_transient());
    EXPECT_TRUE(DynamoDbError("ThrottlingException", "", 400).is_transient());
    EXPECT_TRUE(DynamoDbError("InternalServerError", "", 500).is_transient());
    EXPECT_TRUE(DynamoDbError("NetworkError", "", 0).is_transient());
    EXPECT_FALSE(DynamoDbError("ValidationException", "", 400).is_transient());
    EXPECT_FALSE(DynamoDbError("ConditionalCheckFailedException", "", 400).is_transient());

    const DynamoDbError conflict("TransactionCanceledException", "", 400,
                                 {"None", "TransactionConflict", "None"});
    EXPECT_TRUE(conflict.is_retryable_cancellation());
    EXPECT_EQ(conflict.failed_condition_index(), -1);
    const DynamoDbError refused("TransactionCanceledException", "", 400,
                                {"None", "ConditionalCheckFailed"});
    EXPECT_FALSE(refused.is_retryable_cancellation());
    EXPECT_EQ(refused.failed_condition_index(), 1);
}

// A TCP port that accepts connections and never answers: every request times out. It counts
// the connections it accepted: a client that gives up on a silent connection opens another
// for each attempt.
class SilentServer {
public:
    SilentServer() {
        socket_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address);
        ::listen(socket_, 64);
        socklen_t length = sizeof address;
        ::getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        acceptor_ = std::thread([this] { accept_until_stopped(); });
    }
    SilentServer(const SilentServer&) = delete;
    SilentServer& operator=(const SilentServer&) = delete;
    ~SilentServer() {
        stopping_ = true;
        acceptor_.join();
        for (const int connection : accepted_) ::close(connection);
        ::close(socket_);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int connections() const { return connections_.load(); }

private:
    void accept_until_stopped() {
        constexpr int poll_interval_ms = 20;
        while (!stopping_) {
            pollfd listening{socket_, POLLIN, 0};
            if (::poll(&listening, 1, poll_interval_ms) <= 0) continue;
            const int connection = ::accept(socket_, nullptr, nullptr);
            if (connection < 0) continue;
            accepted_.push_back(connection);
            ++connections_;
        }
    }

    int socket_ = -1;
    unsigned short port_ = 0;
    std::vector<int> accepted_;  // only the acceptor thread touches it until it is joined
    std::atomic<int> connections_{0};
    std::atomic<bool> stopping_{false};
    std::thread acceptor_;
};

DynamoDbConfig unreachable_config(const std::string& endpoint) {
    DynamoDbConfig config;
    config.endpoint = endpoint;
    config.region = "us-east-1";
    config.access_key_id = "test";
    config.secret_access_key = "test";
    config.retries_max = 2;
    config.retry_delay_base = 1ms;
    config.retry_delay_max = 5ms;
    config.connect_timeout = 200ms;
    config.request_timeout = 200ms;
    return config;
}

TEST(DynamoDbStoreTest, ASpentRetryBudgetAnswersUnavailableWithoutBlockingTheCaller) {
    SilentServer server;
    SystemClock clock;
    DynamoDbStore store(unreachable_config(server.url()), clock);
    Posting deposit;
    deposit.user_id = "u";
    deposit.account_id = "a";
    deposit.amount = Money::from_cents(100);
    auto promise = std::make_shared<std::promise<WriteStatus>>();
    auto outcome = promise->get_future();
    store.submit(deposit, [promise](WriteResult result) { promise->set_value(result.status); });
    // submit never waits: it returned while the silent server still holds the first attempt.
    EXPECT_EQ(outcome.wait_for(0s), std::future_status::timeout);
    ASSERT_EQ(outcome.wait_for(30s), std::future_status::ready);
    EXPECT_EQ(outcome.get(), WriteStatus::unavailable);
    EXPECT_EQ(server.connections(), 3) << "the first try and two retries, each timed out";
    EXPECT_THROW(store.find_user("u"), DynamoDbError);
    store.shutdown();
}

TEST(DynamoDbStoreTest, AnEndpointThatRefusesConnectionsIsUnavailable) {
    SystemClock clock;
    DynamoDbStore store(unreachable_config("http://127.0.0.1:1"), clock);
    auto promise = std::make_shared<std::promise<WriteStatus>>();
    auto outcome = promise->get_future();
    store.submit(DeleteSession{"token"},
                 [promise](WriteResult result) { promise->set_value(result.status); });
    ASSERT_EQ(outcome.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(outcome.get(), WriteStatus::unavailable);
}

TEST(DynamoDbSetupTest, CreatesTheTablesOnceAndASecondRunChangesNothing) {
    const char* endpoint = std::getenv("BANK_TEST_DYNAMODB_ENDPOINT");
    if (endpoint == nullptr || *endpoint == '\0') {
        GTEST_SKIP() << "BANK_TEST_DYNAMODB_ENDPOINT is not set";
    }
    DynamoDbConfig config = unreachable_config(endpoint);
    config.retries_max = 5;
    config.request_timeout = 10s;
    config.table_prefix = "setup_" + random_token(6) + "_";
    DynamoDbClient client(config);
    const DynamoDbTables tables(config.table_prefix);
    const auto first = tables.create_missing(client);
    ASSERT_EQ(first.size(), tables.all().size());
    // BankingStandingOrders, BankingProposals, BankingBudgets and BankingInterestRates are the
    // 13th to 16th, BankingChanges (the change feed) the 17th, BankingRecurringDecisions the
    // 18th, BankingGoals the 19th, BankingWebhooks and BankingWebhookDeliveries the 20th and
    // 21st, BankingAlertRules and BankingNotifications the 22nd and 23rd, BankingBankFigures
    // (the bank-wide counters) the 24th.
    ASSERT_EQ(first.size(), 24u);
    for (const auto& line : first) EXPECT_NE(line.find(": created"), std::string::npos) << line;
    const auto second = tables.create_missing(client);
    ASSERT_EQ(second.size(), first.size()) << "the second run reports every table";
    for (const auto& line : second) {
        EXPECT_NE(line.find(": exists, ACTIVE"), std::string::npos) << line;
    }
    const auto described =
        client.call("DescribeTable", boost::json::object{{"TableName", tables.transactions}});
    const auto& table = described.at("Table").as_object();
    EXPECT_EQ(table.at("BillingModeSummary").at("BillingMode").as_string(), "PAY_PER_REQUEST");
    EXPECT_EQ(table.at("GlobalSecondaryIndexes").at(0).at("IndexName").as_string(),
              "AccountIdTimestampIndex");
    // The audit log is bounded by age: its events expire.
    const auto expiry =
        client.call("DescribeTimeToLive", boost::json::object{{"TableName", tables.audit_events}});
    const auto& ttl = expiry.at("TimeToLiveDescription").as_object();
    EXPECT_EQ(ttl.at("TimeToLiveStatus").as_string(), "ENABLED");
    EXPECT_EQ(ttl.at("AttributeName").as_string(), "expires_at_seconds");
    // So are the largest transfers of the bank-wide figures (the only items there that carry
    // the attribute).
    const auto figures_expiry =
        client.call("DescribeTimeToLive", boost::json::object{{"TableName", tables.bank_figures}});
    const auto& figures_ttl = figures_expiry.at("TimeToLiveDescription").as_object();
    EXPECT_EQ(figures_ttl.at("TimeToLiveStatus").as_string(), "ENABLED");
    EXPECT_EQ(figures_ttl.at("AttributeName").as_string(), "expires_at_seconds");
    for (const auto& name : tables.all()) {
        client.call("DeleteTable", boost::json::object{{"TableName", name}});
    }
}

}  // namespace
}  // namespace bank
