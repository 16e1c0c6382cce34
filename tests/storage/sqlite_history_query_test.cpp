#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <future>
#include <memory>
#include <set>

#include "core/random.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_history_query.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t start_micros = 1'768'435'200'000'000;  // 2026-01-15T00:00:00Z

// A person with three accounts and a history with repeated amounts (so the amount sorts need
// their tie-break), several categories and descriptions, and another person beside them.
class SqliteHistoryQueryTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
        ada_ = add_user("ada@example.com");
        grace_ = add_user("grace@example.com");
        for (int index = 0; index < 3; ++index) accounts_.push_back(open(ada_));
        graces_ = open(grace_);
        const char* categories[] = {"groceries", "dining", "rent", "transport"};
        const char* descriptions[] = {"Tesco", "Uber ride", "March rent", "Coffee", "UBER eats"};
        for (int index = 0; index < 60; ++index) {
            Posting command;
            command.kind = index % 5 == 0 ? PostingKind::deposit : PostingKind::withdrawal;
            command.user_id = ada_.user_id;
            command.account_id = accounts_[index % 3].account_id;
            command.amount = Money::from_cents(100 * (1 + (index * 7) % 9));  // $1 .. $9, repeated
            command.description = descriptions[index % 5];
            command.category =
                command.kind == PostingKind::deposit ? "income" : categories[index % 4];
            ASSERT_EQ(write(command).status, WriteStatus::ok) << index;
            clock_.advance(6h);
        }
        Posting theirs;
        theirs.kind = PostingKind::withdrawal;
        theirs.user_id = grace_.user_id;
        theirs.account_id = graces_.account_id;
        theirs.amount = Money::from_cents(500);
        theirs.description = "Tesco";
        theirs.category = "groceries";
        ASSERT_EQ(write(theirs).status, WriteStatus::ok);
    }

    void TearDown() override { store_.reset(); }

    WriteResult write(WriteCommand command) {
        return test::write_and_wait(*store_, std::move(command));
    }

    User add_user(const std::string& email) { return test::add_test_user(*store_, clock_, email); }

    Account open(const User& user) {
        return test::open_test_account(*store_, user, Money::from_cents(1'000'000));
    }

    TransactionQuery query_for(const User& user) {
        TransactionQuery query;
        query.user_id = user.user_id;
        query.limit = 1000;
        return query;
    }

    // Every row of the query, read `page_size` at a time through the keyset cursor.
    std::vector<Transaction> paged(TransactionQuery query, std::size_t page_size) {
        std::vector<Transaction> rows;
        query.limit = page_size;
        for (int pages = 0; pages < 1000; ++pages) {
            const auto page = store_->list_transactions(query);
            rows.insert(rows.end(), page.begin(), page.end());
            if (page.size() < page_size) return rows;
            query.continue_after(page.back());
        }
        ADD_FAILURE() << "paging did not end";
        return rows;
    }

    // Everything of the person, filtered and ordered here, independently of the store.
    std::vector<Transaction> expected(const TransactionQuery& query,
                                      const std::function<bool(const Transaction&)>& keep) {
        std::vector<Transaction> rows;
        store_->for_each_transaction([&](const Transaction& row) {
            const bool own = std::any_of(accounts_.begin(), accounts_.end(), [&](const Account& a) {
                return a.account_id == row.account_id;
            });
            if (own && keep(row)) rows.push_back(row);
        });
        const auto before = [&](const Transaction& l, const Transaction& r) {
            switch (query.sort) {
                case TransactionSort::newest:
                    return l.sequence > r.sequence;
                case TransactionSort::oldest:
                    return l.sequence < r.sequence;
                case TransactionSort::largest:
                    return l.amount != r.amount ? l.amount > r.amount : l.sequence > r.sequence;
                case TransactionSort::smallest:
                    return l.amount != r.amount ? l.amount < r.amount : l.sequence < r.sequence;
            }
            return false;
        };
        std::sort(rows.begin(), rows.end(), before);
        return rows;
    }

    static std::vector<std::int64_t> sequences(const std::vector<Transaction>& rows) {
        std::vector<std::int64_t> result;
        for (const auto& row : rows) result.push_back(row.sequence);
        return result;
    }

    ManualClock clock_{from_micros(start_micros)};
    test::ScratchDirectory directory_{"bank_history"};
    std::unique_ptr<SqliteStore> store_;
    User ada_, grace_;
    std::vector<Account> accounts_;
    Account graces_;
};

constexpr TransactionSort every_sort[] = {TransactionSort::newest, TransactionSort::oldest,
                                          TransactionSort::largest, TransactionSort::smallest};

TEST_F(SqliteHistoryQueryTest, EverySortIsTotalAndPagesNeitherRepeatNorSkip) {
    for (const TransactionSort sort : every_sort) {
        TransactionQuery query = query_for(ada_);
        query.sort = sort;
        const auto want = sequences(expected(query, [](const Transaction&) { return true; }));
        ASSERT_EQ(want.size(), 63u);  // three opening deposits and sixty postings
        EXPECT_EQ(sequences(store_->list_transactions(query)), want) << to_string(sort);
        for (const std::size_t page_size : {1u, 2u, 7u, 25u, 63u, 100u}) {
            const auto got = sequences(paged(query, page_size));
            EXPECT_EQ(got, want) << to_string(sort) << " in pages of " << page_size;
            EXPECT_EQ(std::set<std::int64_t>(got.begin(), got.end()).size(), got.size());
        }
    }
}

// The newest rows since an instant, with no other filter, walk (account_id, sequence) when the
// window fills the page and the time index otherwise (sqlite_history_query.cpp): the same rows
// either way, also when later postings carry earlier times (sequence and time disagree).
TEST_F(SqliteHistoryQueryTest, NewestSinceAnInstantGivesTheSameRowsWhicheverIndexItWalks) {
    const Timestamp end = clock_.now();
    for (int index = 0; index < 30; ++index) {
        const Timestamp at = end - std::chrono::hours(7 * ((index * 11) % 30));  // to and fro
        clock_.advance(at - clock_.now());
        Posting command;
        command.kind = PostingKind::withdrawal;
        command.user_id = ada_.user_id;
        command.account_id = accounts_[static_cast<std::size_t>(index) % 2].account_id;
        command.amount = Money::from_cents(100 + index);
        command.description = "Late";
        ASSERT_EQ(write(command).status, WriteStatus::ok) << index;
    }
    for (const int hours_back : {1, 40, 100, 200, 400, 2000}) {
        TransactionQuery query = query_for(ada_);
        query.from = end - std::chrono::hours(hours_back);
        const auto want = sequences(
            expected(query, [&](const Transaction& row) { return row.timestamp >= *query.from; }));
        for (const std::size_t page_size : {1u, 2u, 7u, 25u, 100u}) {
            EXPECT_EQ(sequences(paged(query, page_size)), want)
                << hours_back << " hours back in pages of " << page_size;
        }
    }
}

TEST_F(SqliteHistoryQueryTest, FiltersByCategoryAndPagesInEverySort) {
    for (const TransactionSort sort : every_sort) {
        TransactionQuery query = query_for(ada_);
        query.sort = sort;
        query.category = "dining";
        const auto want = sequences(
            expected(query, [](const Transaction& row) { return row.category == "dining"; }));
        ASSERT_FALSE(want.empty());
        EXPECT_EQ(sequences(paged(query, 4)), want) << to_string(sort);
    }
    TransactionQuery grace = query_for(grace_);
    grace.category = "groceries";
    ASSERT_EQ(store_->list_transactions(grace).size(), 1u);
}

TEST_F(SqliteHistoryQueryTest, AmountBoundsAreInclusive) {
    for (const TransactionSort sort : every_sort) {
        TransactionQuery query = query_for(ada_);
        query.sort = sort;
        query.min_amount = Money::from_cents(300);
        query.max_amount = Money::from_cents(500);
        const auto want = sequences(expected(query, [](const Transaction& row) {
            return row.amount.cents() >= 300 && row.amount.cents() <= 500;
        }));
        const auto got = paged(query, 5);
        EXPECT_EQ(sequences(got), want) << to_string(sort);
        EXPECT_TRUE(std::any_of(got.begin(), got.end(),
                                [](const Transaction& r) { return r.amount.cents() == 300; }));
        EXPECT_TRUE(std::any_of(got.begin(), got.end(),
                                [](const Transaction& r) { return r.amount.cents() == 500; }));
    }
    TransactionQuery exact = query_for(ada_);
    exact.min_amount = Money::from_cents(700);
    exact.max_amount = Money::from_cents(700);
    const auto rows = store_->list_transactions(exact);
    ASSERT_FALSE(rows.empty());
    for (const auto& row : rows) EXPECT_EQ(row.amount.cents(), 700);

    TransactionQuery only_min = query_for(ada_);
    only_min.min_amount = Money::from_cents(900);
    for (const auto& row : store_->list_transactions(only_min)) EXPECT_GE(row.amount.cents(), 900);
    TransactionQuery only_max = query_for(ada_);
    only_max.max_amount = Money::from_cents(100);
    const auto smallest = store_->list_transactions(only_max);
    ASSERT_FALSE(smallest.empty());
    for (const auto& row : smallest) EXPECT_EQ(row.amount.cents(), 100);
}

TEST_F(SqliteHistoryQueryTest, CombinesEveryFilterWithEverySort) {
    for (const TransactionSort sort : every_sort) {
        TransactionQuery query = query_for(ada_);
        query.sort = sort;
        query.account_id = accounts_[1].account_id;
        query.type = TransactionType::withdrawal;
        query.text = "uber";
        query.min_amount = Money::from_cents(200);
        query.from = from_micros(start_micros) + 24h;
        query.to = from_micros(start_micros) + 24h * 12;
        const auto want = sequences(expected(query, [&](const Transaction& row) {
            std::string lower = row.description;
            std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
            return row.account_id == accounts_[1].account_id &&
                   row.transaction_type == TransactionType::withdrawal &&
                   lower.find("uber") != std::string::npos && row.amount.cents() >= 200 &&
                   row.timestamp >= *query.from && row.timestamp < *query.to;
        }));
        ASSERT_FALSE(want.empty());
        EXPECT_EQ(sequences(paged(query, 2)), want) << to_string(sort);
    }
}

TEST_F(SqliteHistoryQueryTest, AnotherPersonsAccountFindsNothing) {
    for (const TransactionSort sort : every_sort) {
        TransactionQuery query = query_for(ada_);
        query.sort = sort;
        query.account_id = graces_.account_id;
        EXPECT_TRUE(store_->list_transactions(query).empty());
    }
    TransactionQuery none = query_for(ada_);
    none.limit = 0;
    EXPECT_TRUE(store_->list_transactions(none).empty());
}

TEST_F(SqliteHistoryQueryTest, RowsPostedWhilePagingDoNotDisturbLaterPages) {
    for (const TransactionSort sort : every_sort) {
        TransactionQuery query = query_for(ada_);
        query.sort = sort;
        query.limit = 10;
        const auto page = store_->list_transactions(query);
        std::vector<std::int64_t> seen = sequences(page);
        Posting late;
        late.kind = PostingKind::deposit;
        late.user_id = ada_.user_id;
        late.account_id = accounts_[0].account_id;
        late.amount = Money::from_cents(sort == TransactionSort::smallest ? 1 : 100);
        late.category = "income";
        const WriteResult posted = write(late);
        ASSERT_EQ(posted.status, WriteStatus::ok);
        const std::int64_t late_sequence = posted.transactions.at(0).sequence;
        query.continue_after(page.back());
        for (const auto& row : paged(query, 10)) seen.push_back(row.sequence);

        // The new row shows up exactly when it sorts after the first page's last row.
        std::vector<std::int64_t> want =
            sequences(expected(query, [](const Transaction&) { return true; }));
        const auto cursor = std::find(want.begin(), want.end(), page.back().sequence);
        const auto fresh = std::find(want.begin(), want.end(), late_sequence);
        ASSERT_NE(fresh, want.end());
        if (fresh < cursor) want.erase(fresh);
        EXPECT_EQ(seen, want) << to_string(sort);
        EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()).size(), seen.size());
    }
}

// A type's rows of a period in time order (the analytics' read of a period's outgoing
// transfer legs) walk (account_id, transaction_type, sequence, timestamp) with the period
// checked in the index, no sort, on the first page and the next: not the period's rows of
// every type read from the table through (account_id, timestamp) and sorted (issue 16).
TEST_F(SqliteHistoryQueryTest, ATypesPageWalksTheTypeIndexWithoutASort) {
    store_.reset();
    SqliteConnection connection(directory_.file("bank.db"), SqliteConnection::Mode::read_only);
    const auto plan_of = [&](const TransactionQuery& query) {
        auto plan = connection.query("EXPLAIN QUERY PLAN " + SqliteHistoryQuery::page_sql(query));
        std::string steps;
        while (plan.step()) steps += plan.text(3) + "\n";
        return steps;
    };
    for (const TransactionSort sort : {TransactionSort::newest, TransactionSort::oldest}) {
        TransactionQuery query = query_for(ada_);
        query.type = TransactionType::transfer_out;
        query.from = from_micros(start_micros);
        query.to = from_micros(start_micros) + 24h * 365;
        query.sort = sort;
        query.limit = 100;
        for (const std::int64_t cursor : {std::int64_t{0}, std::int64_t{50}}) {
            query.before_sequence = cursor;
            const std::string steps = plan_of(query);
            EXPECT_NE(steps.find("USING INDEX transactions_by_account_type (account_id=? AND "
                                 "transaction_type=?"),
                      std::string::npos)
                << steps;
            EXPECT_EQ(steps.find("TEMP B-TREE"), std::string::npos) << steps;
        }
    }
}

// The period is checked on the index's timestamp, not assumed from the posting order: later
// postings dated earlier (as the interest pass writes them) are in or out by their time.
TEST_F(SqliteHistoryQueryTest, ATypesPeriodHoldsByTimeWhenLaterPostingsCarryEarlierTimes) {
    const Timestamp end = clock_.now();
    for (int index = 0; index < 30; ++index) {
        const Timestamp at = end - std::chrono::hours(7 * ((index * 11) % 30));  // to and fro
        clock_.advance(at - clock_.now());
        Posting command;
        command.kind = index % 3 == 0 ? PostingKind::deposit : PostingKind::withdrawal;
        command.user_id = ada_.user_id;
        command.account_id = accounts_[static_cast<std::size_t>(index) % 2].account_id;
        command.amount = Money::from_cents(100 + index);
        command.description = "Late";
        ASSERT_EQ(write(command).status, WriteStatus::ok) << index;
    }
    for (const TransactionSort sort : {TransactionSort::newest, TransactionSort::oldest}) {
        TransactionQuery query = query_for(ada_);
        query.type = TransactionType::withdrawal;
        query.from = end - 100h;
        query.to = end - 20h;
        query.sort = sort;
        const auto want = sequences(expected(query, [&](const Transaction& row) {
            return row.transaction_type == TransactionType::withdrawal &&
                   row.timestamp >= *query.from && row.timestamp < *query.to;
        }));
        ASSERT_FALSE(want.empty());
        for (const std::size_t page_size : {1u, 3u, 100u}) {
            EXPECT_EQ(sequences(paged(query, page_size)), want)
                << to_string(sort) << " in pages of " << page_size;
        }
    }
}

// Schema 22 adds the index to a file of an earlier schema when it opens.
TEST_F(SqliteHistoryQueryTest, OpeningAnEarlierSchemaAddsTheTypeIndex) {
    store_->shutdown();
    store_.reset();
    test::execute_sql(directory_.file("bank.db"),
                      "DROP INDEX transactions_by_account_type; PRAGMA user_version = 20;");
    store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
    SqliteConnection connection(directory_.file("bank.db"), SqliteConnection::Mode::read_only);
    auto index = connection.query(
        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
        "name = 'transactions_by_account_type'");
    ASSERT_TRUE(index.step());
    EXPECT_EQ(index.integer(0), 1);
    TransactionQuery query = query_for(ada_);
    query.type = TransactionType::deposit;
    EXPECT_EQ(sequences(paged(query, 5)), sequences(expected(query, [](const Transaction& row) {
                  return row.transaction_type == TransactionType::deposit;
              })));
}

}  // namespace
}  // namespace bank
