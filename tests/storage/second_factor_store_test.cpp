// The SecondFactorStore contract, run against each engine (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): a record is read back whole, and a write holds only
// over the version it was decided on, so two requests using one code cannot both succeed.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/random.hpp"
#include "ledger/second_factor_plans.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

class SecondFactorStoreTest : public test::EngineStoreTest {
protected:
    SecondFactorStoreTest() : EngineStoreTest("second_factor") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        user_ = test::add_test_user(*store_, clock_, "factor@example.com");
    }

    SecondFactor started() const {
        return plan_totp_enrolment(std::nullopt, user_.user_id, "v1.sealed-secret").next;
    }

    User user_;
};

TEST_P(SecondFactorStoreTest, ARecordIsReadBackWhole) {
    EXPECT_EQ(store_->find_second_factor(user_.user_id), std::nullopt);
    ASSERT_TRUE(store_->save_second_factor(started()));
    auto confirmed = plan_totp_confirmation(store_->find_second_factor(user_.user_id), 59'384'160,
                                            {"hash-a", "hash-b"});
    ASSERT_EQ(confirmed.status, SecondFactorStatus::ok);
    confirmed.next.challenges_spent_through = from_micros(2'083'968'000'123'456);
    confirmed.next.step_up_threshold = Money::from_cents(12'34);
    ASSERT_TRUE(store_->save_second_factor(confirmed.next));

    const auto read = store_->find_second_factor(user_.user_id);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->user_id, user_.user_id);
    EXPECT_EQ(read->totp_secret_sealed, "v1.sealed-secret");
    EXPECT_TRUE(read->totp_confirmed);
    EXPECT_EQ(read->last_used_step, 59'384'160);
    EXPECT_EQ(read->recovery_code_hashes, (std::vector<std::string>{"hash-a", "hash-b"}));
    EXPECT_EQ(read->challenges_spent_through, from_micros(2'083'968'000'123'456));
    EXPECT_EQ(read->step_up_threshold, Money::from_cents(12'34));
    EXPECT_EQ(read->version, 2);
}

TEST_P(SecondFactorStoreTest, AnEmptyRecordKeepsItsThreshold) {
    const auto plan = plan_step_up_threshold(std::nullopt, user_.user_id, Money::from_cents(0));
    ASSERT_TRUE(store_->save_second_factor(plan.next));
    const auto read = store_->find_second_factor(user_.user_id);
    ASSERT_TRUE(read.has_value());
    EXPECT_TRUE(read->totp_secret_sealed.empty());
    EXPECT_TRUE(read->recovery_code_hashes.empty());
    EXPECT_EQ(read->step_up_threshold, Money::from_cents(0));
}

TEST_P(SecondFactorStoreTest, AWriteHoldsOnlyOverTheVersionItWasDecidedOn) {
    ASSERT_TRUE(store_->save_second_factor(started()));
    EXPECT_FALSE(store_->save_second_factor(started())) << "a second first version";
    const auto current = store_->find_second_factor(user_.user_id);
    const auto first = plan_totp_enrolment(current, user_.user_id, "v1.first").next;
    const auto second = plan_totp_enrolment(current, user_.user_id, "v1.second").next;
    EXPECT_TRUE(store_->save_second_factor(first));
    EXPECT_FALSE(store_->save_second_factor(second)) << "decided on a version now gone";
    EXPECT_EQ(store_->find_second_factor(user_.user_id)->totp_secret_sealed, "v1.first");
}

// Eight threads use the same code at once: exactly one write holds.
TEST_P(SecondFactorStoreTest, OneCodeUsedAtOnceByManyIsAcceptedOnce) {
    auto confirmed = plan_totp_confirmation(started(), 100, {});
    ASSERT_TRUE(store_->save_second_factor(started()));
    ASSERT_TRUE(store_->save_second_factor(confirmed.next));
    const ChallengeUse use{clock_.now(), clock_.now() + std::chrono::minutes(5), clock_.now()};
    std::atomic<int> accepted = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            for (int attempt = 0; attempt < 3; ++attempt) {
                const auto plan =
                    plan_totp_use(store_->find_second_factor(user_.user_id), 101, use);
                if (plan.status != SecondFactorStatus::ok) return;
                if (store_->save_second_factor(plan.next)) {
                    ++accepted;
                    return;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(accepted.load(), 1);
    EXPECT_EQ(store_->find_second_factor(user_.user_id)->last_used_step, 101);
}

INSTANTIATE_TEST_SUITE_P(Engines, SecondFactorStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
