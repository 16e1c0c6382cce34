#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "ledger/store.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "support/store_helpers.hpp"

namespace bank::test {

// The fixture of a store test run against each engine, named by the test parameter
// ("sqlite" always; "dynamodb" when BANK_TEST_DYNAMODB_ENDPOINT is set, else the test is
// skipped, which scripts/dev test never leaves unset): a fresh SQLite file or fresh DynamoDB
// tables under a random prefix, dropped again afterwards. A derived SetUp calls this one
// first and returns when IsSkipped().
class EngineStoreTest : public ::testing::TestWithParam<std::string> {
protected:
    // `name` names the scratch folder ("bank_<name>") and the table prefix ("<name>_<random>_").
    explicit EngineStoreTest(const std::string& name,
                             Timestamp start = from_micros(2'083'968'000'000'000));

    void SetUp() override;
    void TearDown() override;

    ManualClock clock_;
    ScratchDirectory directory_;
    std::optional<DynamoDbConfig> config_;
    std::unique_ptr<DynamoDbClient> client_;
    std::unique_ptr<Store> store_;

private:
    std::string name_;
};

}  // namespace bank::test
