// The PostingBatch contract, run against each engine (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): each item decided as if sent alone, in order, a
// refused item leaving its neighbours written; money neither made nor lost (bank verify's
// invariants hold); an idempotency key covering the whole batch.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "core/random.hpp"
#include "ledger/verifier.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

Money cents(std::int64_t value) { return Money::from_cents(value); }

class PostingBatchStoreTest : public test::EngineStoreTest {
protected:
    PostingBatchStoreTest() : EngineStoreTest("posting_batch") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        ada_ = test::add_test_user(*store_, clock_, "ada@example.com");
        grace_ = test::add_test_user(*store_, clock_, "grace@example.com");
        adas_ = test::open_test_account(*store_, ada_, cents(10'000));
        graces_ = test::open_test_account(*store_, grace_, cents(500));
    }

    Posting transfer(const Account& from, const std::string& to_number, std::int64_t amount) {
        Posting posting;
        posting.kind = PostingKind::transfer;
        posting.user_id = ada_.user_id;
        posting.account_id = from.account_id;
        posting.to_account_number = to_number;
        posting.amount = cents(amount);
        posting.description = "payroll";
        return posting;
    }

    Money balance(const Account& account) {
        return store_->find_account(account.account_id).value().balance;
    }

    std::int64_t transaction_count() {
        std::int64_t count = 0;
        store_->for_each_transaction([&](const Transaction&) { ++count; });
        return count;
    }

    User ada_;
    User grace_;
    Account adas_;
    Account graces_;
};

TEST_P(PostingBatchStoreTest, ARefusedItemInTheMiddleLeavesTheOthersWritten) {
    PostingBatch batch{ada_.user_id, {}, "", ""};
    batch.items = {transfer(adas_, graces_.account_number, 3'000),
                   transfer(adas_, graces_.account_number, 8'000),  // only 7,000 left
                   transfer(adas_, "0000000000", 100),              // unknown payee
                   transfer(graces_, adas_.account_number, 100),    // not Ada's account
                   transfer(adas_, graces_.account_number, 7'000)};
    const WriteResult result = test::write_and_wait(*store_, batch);
    ASSERT_EQ(result.status, WriteStatus::ok);
    ASSERT_EQ(result.items.size(), 5u);
    EXPECT_EQ(result.items[0].status, WriteStatus::ok);
    EXPECT_EQ(result.items[1].status, WriteStatus::insufficient_funds);
    EXPECT_EQ(result.items[2].status, WriteStatus::counterparty_not_found);
    EXPECT_EQ(result.items[3].status, WriteStatus::account_not_found);
    EXPECT_EQ(result.items[4].status, WriteStatus::ok);
    ASSERT_EQ(result.items[0].transactions.size(), 2u);
    EXPECT_EQ(result.items[0].transactions[0].balance_after, cents(7'000));
    EXPECT_EQ(result.items[4].transactions[0].balance_after, Money());
    EXPECT_EQ(result.items[4].transactions[1].balance_after, cents(10'500));
    EXPECT_EQ(balance(adas_), Money());
    EXPECT_EQ(balance(graces_), cents(10'500));
    // The balances still sum to what was deposited: the two openings.
    EXPECT_EQ(balance(adas_).cents() + balance(graces_).cents(), 10'500);
    EXPECT_EQ(transaction_count(), 2 + 4);  // two openings, two transfers of two legs
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_TRUE(report.ok);
}

TEST_P(PostingBatchStoreTest, AKeyCoversTheWholeBatch) {
    PostingBatch batch{ada_.user_id, {}, "batch-1", "fingerprint-1"};
    batch.items = {transfer(adas_, graces_.account_number, 6'000),
                   transfer(adas_, graces_.account_number, 6'000)};
    const WriteResult first = test::write_and_wait(*store_, batch);
    ASSERT_EQ(first.status, WriteStatus::ok);
    ASSERT_EQ(first.items.size(), 2u);
    EXPECT_EQ(first.items[1].status, WriteStatus::insufficient_funds);
    // Money arrives: the refused item would now go, but a replay answers what was decided.
    ASSERT_EQ(test::write_and_wait(*store_, Posting{PostingKind::deposit, ada_.user_id,
                                                    adas_.account_id, "", cents(10'000)})
                  .status,
              WriteStatus::ok);
    const WriteResult again = test::write_and_wait(*store_, batch);
    ASSERT_EQ(again.status, WriteStatus::duplicate);
    ASSERT_EQ(again.items.size(), 2u);
    EXPECT_EQ(again.items[0].status, WriteStatus::ok);
    ASSERT_FALSE(again.items[0].transactions.empty());
    EXPECT_EQ(again.items[0].transactions[0].transaction_id,
              first.items[0].transactions[0].transaction_id);
    EXPECT_EQ(again.items[1].status, WriteStatus::insufficient_funds);
    EXPECT_EQ(balance(adas_), cents(14'000));
    EXPECT_EQ(balance(graces_), cents(6'500));

    PostingBatch other = batch;
    other.request_fingerprint = "fingerprint-2";
    EXPECT_EQ(test::write_and_wait(*store_, other).status, WriteStatus::idempotency_conflict);
    // A single posting under the batch's key is another request too.
    Posting single = transfer(adas_, graces_.account_number, 100);
    single.idempotency_key = "batch-1";
    single.request_fingerprint = "fingerprint-single";
    EXPECT_EQ(test::write_and_wait(*store_, single).status, WriteStatus::idempotency_conflict);
    EXPECT_EQ(balance(adas_), cents(14'000));
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

INSTANTIATE_TEST_SUITE_P(Engines, PostingBatchStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
