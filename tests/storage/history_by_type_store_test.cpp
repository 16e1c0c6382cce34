// The history read by type and period, run against each engine (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): what the analytics read to leave out a person's own
// transfers (service/own_transfers: the period's outgoing transfer legs, a page of 100 at a
// time). Whatever index a store walks (SQLite's (account_id, transaction_type, sequence,
// timestamp) since schema 22), a page holds exactly the person's rows of that type in the
// period, in the page's order, and paging neither repeats nor skips one.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

class HistoryByTypeStoreTest : public test::EngineStoreTest {
protected:
    HistoryByTypeStoreTest() : EngineStoreTest("history_by_type") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        started_ = clock_.now();
        ada_ = test::add_test_user(*store_, clock_, "ada@example.com");
        grace_ = test::add_test_user(*store_, clock_, "grace@example.com");
        checking_ = open(ada_);
        savings_ = open(ada_);
        graces_ = open(grace_);
        // A month of every kind of posting: transfers between Ada's accounts, to and from
        // Grace, Grace's own, deposits and withdrawals, four days' postings a day apart.
        for (int day = 0; day < 30; ++day) {
            post(day % 3 == 0 ? PostingKind::deposit : PostingKind::withdrawal, ada_, checking_,
                 1'000 + day);
            if (day % 2 == 0) post_transfer(ada_, checking_, savings_, 200 + day);
            if (day % 5 == 0) post_transfer(ada_, savings_, checking_, 300 + day);
            if (day % 3 == 0) post_transfer(ada_, checking_, graces_, 400 + day);
            if (day % 4 == 0) post_transfer(grace_, graces_, checking_, 500 + day);
            if (day % 2 == 1) post_transfer(grace_, graces_, graces_two(), 600 + day);
            clock_.advance(24h);
        }
    }

    Account open(const User& user) {
        return test::open_test_account(*store_, user, Money::from_cents(10'000'000));
    }

    const Account& graces_two() {
        if (!graces_two_) graces_two_ = open(grace_);
        return *graces_two_;
    }

    void post(PostingKind kind, const User& user, const Account& account, std::int64_t cents) {
        Posting command;
        command.kind = kind;
        command.user_id = user.user_id;
        command.account_id = account.account_id;
        command.amount = Money::from_cents(cents);
        command.description = "test";
        ASSERT_EQ(test::write_and_wait(*store_, command).status, WriteStatus::ok);
        clock_.advance(1h);
    }

    void post_transfer(const User& user, const Account& from, const Account& to,
                       std::int64_t cents) {
        Posting command;
        command.kind = PostingKind::transfer;
        command.user_id = user.user_id;
        command.account_id = from.account_id;
        command.to_account_number = to.account_number;
        command.amount = Money::from_cents(cents);
        command.description = "Transfer";
        command.category = "transfers";
        ASSERT_EQ(test::write_and_wait(*store_, command).status, WriteStatus::ok);
        clock_.advance(1h);
    }

    // Every row of the query, `page_size` at a time through the keyset cursor.
    std::vector<std::int64_t> paged(TransactionQuery query, std::size_t page_size) {
        std::vector<std::int64_t> sequences;
        query.limit = page_size;
        for (int pages = 0; pages < 200; ++pages) {
            const auto page = store_->list_transactions(query);
            for (const Transaction& row : page) sequences.push_back(row.sequence);
            if (page.size() < page_size) return sequences;
            query.continue_after(page.back());
        }
        ADD_FAILURE() << "paging did not end";
        return sequences;
    }

    // The person's rows of the query's type, account and period, in its order, found here by
    // reading every posting of the store.
    std::vector<std::int64_t> expected(const TransactionQuery& query) {
        std::vector<std::int64_t> sequences;
        store_->for_each_transaction([&](const Transaction& row) {
            const bool own = query.account_id.empty() ? row.account_id == checking_.account_id ||
                                                            row.account_id == savings_.account_id
                                                      : row.account_id == query.account_id;
            if (!own || row.transaction_type != *query.type) return;
            if (query.from && row.timestamp < *query.from) return;
            if (query.to && row.timestamp >= *query.to) return;
            sequences.push_back(row.sequence);
        });
        std::sort(sequences.begin(), sequences.end());
        if (query.sort == TransactionSort::newest) std::reverse(sequences.begin(), sequences.end());
        return sequences;
    }

    TransactionQuery outgoing_transfers(Timestamp from, Timestamp to) const {
        TransactionQuery query;
        query.user_id = ada_.user_id;
        query.type = TransactionType::transfer_out;
        query.from = from;
        query.to = to;
        return query;
    }

    Timestamp started_;
    User ada_, grace_;
    Account checking_, savings_, graces_;
    std::optional<Account> graces_two_;
};

TEST_P(HistoryByTypeStoreTest, APeriodsRowsOfOneTypeArePagedWholeInEitherTimeOrder) {
    const TransactionQuery period = outgoing_transfers(started_ + 5 * 24h, started_ + 25 * 24h);
    for (const TransactionSort sort : {TransactionSort::newest, TransactionSort::oldest}) {
        TransactionQuery query = period;
        query.sort = sort;
        const std::vector<std::int64_t> want = expected(query);
        ASSERT_GT(want.size(), 12u) << "the period holds several pages";
        for (const std::size_t page_size : {std::size_t{1}, std::size_t{3}, std::size_t{100}}) {
            EXPECT_EQ(paged(query, page_size), want)
                << "sort " << static_cast<int>(sort) << ", pages of " << page_size;
        }
    }
}

TEST_P(HistoryByTypeStoreTest, ThePeriodsBoundsHoldOnEveryPage) {
    // The newest transfers lie after `to` and the oldest before `from`: a page walking the
    // type's rows in order must pass over both without returning them.
    const TransactionQuery late = outgoing_transfers(started_ + 20 * 24h, started_ + 40 * 24h);
    EXPECT_EQ(paged(late, 2), expected(late));
    const TransactionQuery early = outgoing_transfers(started_ - 24h, started_ + 3 * 24h);
    EXPECT_EQ(paged(early, 2), expected(early));
    ASSERT_FALSE(expected(early).empty());
    const TransactionQuery none = outgoing_transfers(started_ + 60 * 24h, started_ + 90 * 24h);
    EXPECT_TRUE(paged(none, 2).empty());
}

TEST_P(HistoryByTypeStoreTest, OneAccountAndOtherTypesGiveTheirOwnRowsAndNoOneElses) {
    TransactionQuery savings_only = outgoing_transfers(started_, started_ + 30 * 24h);
    savings_only.account_id = savings_.account_id;
    EXPECT_EQ(paged(savings_only, 2), expected(savings_only));
    ASSERT_FALSE(expected(savings_only).empty());
    TransactionQuery incoming = outgoing_transfers(started_, started_ + 30 * 24h);
    incoming.type = TransactionType::transfer_in;
    EXPECT_EQ(paged(incoming, 4), expected(incoming));
    TransactionQuery graces = outgoing_transfers(started_, started_ + 30 * 24h);
    graces.account_id = graces_.account_id;
    EXPECT_TRUE(store_->list_transactions(graces).empty()) << "Grace's account is not Ada's";
}

INSTANTIATE_TEST_SUITE_P(Engines, HistoryByTypeStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             return info.param;
                         });

}  // namespace
}  // namespace bank
