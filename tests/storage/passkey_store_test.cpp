// The PasskeyStore contract, run against each engine (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): a passkey is read back whole, by credential id and
// in its owner's list; a credential id is unique over the bank; a change holds only over
// the version it was decided on, so one challenge answered twice at once is accepted once.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/random.hpp"
#include "ledger/passkey_plans.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

class PasskeyStoreTest : public test::EngineStoreTest {
protected:
    PasskeyStoreTest() : EngineStoreTest("passkeys") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        user_ = test::add_test_user(*store_, clock_, "passkey@example.com");
        other_ = test::add_test_user(*store_, clock_, "other@example.com");
    }

    // A registration as the service decides it: over the person's passkeys as stored.
    Passkey registered(const User& owner, std::string credential_id, std::string name) {
        Passkey candidate;
        candidate.credential_id = std::move(credential_id);
        candidate.user_id = owner.user_id;
        candidate.user_handle = "handle-" + owner.user_id;
        candidate.public_key_cose = "pQECAyYgASFYIA";
        candidate.name = std::move(name);
        candidate.sign_count = 1;
        clock_.advance(std::chrono::seconds(1));
        const ChallengeUse challenge{clock_.now() - std::chrono::milliseconds(10),
                                     clock_.now() + std::chrono::minutes(5), clock_.now()};
        return plan_passkey_registration(store_->list_passkeys(owner.user_id), false,
                                         std::move(candidate), challenge)
            .next;
    }

    User user_;
    User other_;
};

TEST_P(PasskeyStoreTest, APasskeyIsReadBackWholeByCredentialAndInTheList) {
    EXPECT_TRUE(store_->list_passkeys(user_.user_id).empty());
    EXPECT_EQ(store_->find_passkey("cred-1"), std::nullopt);
    const Passkey first = registered(user_, "cred-1", "Laptop");
    ASSERT_EQ(first.version, 1);
    ASSERT_TRUE(store_->add_passkey(first));
    ASSERT_TRUE(store_->add_passkey(registered(user_, "cred-2", "Phone")));
    ASSERT_TRUE(store_->add_passkey(registered(other_, "cred-3", "Theirs")));

    const auto read = store_->find_passkey("cred-1");
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->user_id, user_.user_id);
    EXPECT_EQ(read->user_handle, "handle-" + user_.user_id);
    EXPECT_EQ(read->public_key_cose, "pQECAyYgASFYIA");
    EXPECT_EQ(read->name, "Laptop");
    EXPECT_EQ(read->sign_count, 1);
    EXPECT_EQ(read->created_at, first.created_at);
    EXPECT_EQ(read->last_used_at, Timestamp{});
    EXPECT_EQ(read->challenges_spent_through, first.challenges_spent_through);
    EXPECT_EQ(read->version, 1);

    const auto mine = store_->list_passkeys(user_.user_id);
    ASSERT_EQ(mine.size(), 2U);
    EXPECT_EQ(mine[0].name, "Laptop") << "oldest first";
    EXPECT_EQ(mine[1].name, "Phone");
    EXPECT_EQ(store_->list_passkeys(other_.user_id).size(), 1U);
}

TEST_P(PasskeyStoreTest, ACredentialIdIsRegisteredOnceInTheWholeBank) {
    const Passkey first = registered(user_, "cred-1", "Laptop");
    ASSERT_TRUE(store_->add_passkey(first));
    // The planner refuses these already (credential_taken); the store holds even so.
    Passkey again = first;
    again.name = "Again";
    EXPECT_FALSE(store_->add_passkey(again));
    Passkey stolen = first;
    stolen.user_id = other_.user_id;
    stolen.name = "Stolen id";
    EXPECT_FALSE(store_->add_passkey(stolen));
    EXPECT_TRUE(store_->list_passkeys(other_.user_id).empty());
    EXPECT_EQ(store_->find_passkey("cred-1")->name, "Laptop");
}

TEST_P(PasskeyStoreTest, AUseAndARenameHoldOnlyOverTheVersionDecidedOn) {
    ASSERT_TRUE(store_->add_passkey(registered(user_, "cred-1", "Laptop")));
    const auto current = store_->find_passkey("cred-1");
    const ChallengeUse use{clock_.now(), clock_.now() + std::chrono::minutes(5),
                           clock_.now() + std::chrono::seconds(2)};
    const PasskeyPlan used = plan_passkey_use(current, 2, use);
    const PasskeyPlan renamed = plan_passkey_rename(current, user_.user_id, "Work laptop");
    ASSERT_EQ(used.status, PasskeyStatus::ok);
    ASSERT_TRUE(store_->save_passkey(used.next));
    EXPECT_FALSE(store_->save_passkey(renamed.next)) << "decided on a version now gone";
    const auto after = store_->find_passkey("cred-1");
    EXPECT_EQ(after->sign_count, 2);
    EXPECT_EQ(after->last_used_at, use.now);
    EXPECT_EQ(after->challenges_spent_through, use.issued_at);
    EXPECT_EQ(after->name, "Laptop");
    ASSERT_TRUE(store_->save_passkey(plan_passkey_rename(after, user_.user_id, "Work").next));
    EXPECT_EQ(store_->list_passkeys(user_.user_id).at(0).name, "Work");
}

// Eight threads answer one challenge with the same passkey at once: one use holds.
TEST_P(PasskeyStoreTest, OneChallengeAnsweredAtOnceByManyIsAcceptedOnce) {
    ASSERT_TRUE(store_->add_passkey(registered(user_, "cred-1", "Laptop")));
    const ChallengeUse use{clock_.now(), clock_.now() + std::chrono::minutes(5), clock_.now()};
    std::atomic<int> accepted = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            const auto plan = plan_passkey_use(store_->find_passkey("cred-1"),
                                               static_cast<std::uint32_t>(10 + i), use);
            if (plan.status == PasskeyStatus::ok && store_->save_passkey(plan.next)) ++accepted;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(accepted.load(), 1);
    EXPECT_EQ(plan_passkey_use(store_->find_passkey("cred-1"), 99, use).status,
              PasskeyStatus::challenge_spent);
}

TEST_P(PasskeyStoreTest, ARemovedPasskeyIsGoneAndItsCredentialIdFree) {
    ASSERT_TRUE(store_->add_passkey(registered(user_, "cred-1", "Laptop")));
    const auto current = store_->find_passkey("cred-1");
    Passkey stale = *current;
    stale.version = 7;
    EXPECT_FALSE(store_->remove_passkey(stale));
    ASSERT_TRUE(store_->remove_passkey(*current));
    EXPECT_FALSE(store_->remove_passkey(*current)) << "removed twice";
    EXPECT_EQ(store_->find_passkey("cred-1"), std::nullopt);
    EXPECT_TRUE(store_->list_passkeys(user_.user_id).empty());
    EXPECT_TRUE(store_->add_passkey(registered(other_, "cred-1", "Re-registered")));
    EXPECT_EQ(store_->find_passkey("cred-1")->user_id, other_.user_id);
}

INSTANTIATE_TEST_SUITE_P(Engines, PasskeyStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
