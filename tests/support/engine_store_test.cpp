#include "support/engine_store_test.hpp"

#include <cstdlib>

#include <boost/json.hpp>

#include "core/random.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank::test {

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
}

DynamoDbConfig dynamodb_config(const std::string& name) {
    DynamoDbConfig config;
    config.endpoint = env("BANK_TEST_DYNAMODB_ENDPOINT");
    config.region = env("AWS_REGION").empty() ? "us-east-1" : env("AWS_REGION");
    config.access_key_id = env("AWS_ACCESS_KEY_ID").empty() ? "test" : env("AWS_ACCESS_KEY_ID");
    config.secret_access_key =
        env("AWS_SECRET_ACCESS_KEY").empty() ? "test" : env("AWS_SECRET_ACCESS_KEY");
    config.table_prefix = name + "_" + random_token(6) + "_";
    return config;
}

}  // namespace

EngineStoreTest::EngineStoreTest(const std::string& name, Timestamp start)
    : clock_(start), directory_("bank_" + name), name_(name) {}

void EngineStoreTest::SetUp() {
    if (GetParam() != "dynamodb") {
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
        return;
    }
    if (env("BANK_TEST_DYNAMODB_ENDPOINT").empty()) {
        GTEST_SKIP() << "BANK_TEST_DYNAMODB_ENDPOINT is not set (scripts/dev test starts "
                        "DynamoDB Local and sets it)";
    }
    config_ = dynamodb_config(name_);
    client_ = std::make_unique<DynamoDbClient>(*config_);
    DynamoDbTables(config_->table_prefix).create_missing(*client_);
    store_ = std::make_unique<DynamoDbStore>(*config_, clock_);
}

void EngineStoreTest::TearDown() {
    if (store_) store_->shutdown();
    store_.reset();
    if (!client_) return;
    for (const auto& table : DynamoDbTables(config_->table_prefix).all()) {
        try {
            client_->call("DeleteTable", boost::json::object{{"TableName", table}});
        } catch (const std::exception&) {
            // An emulator restarted meanwhile has nothing left to delete.
        }
    }
}

}  // namespace bank::test
