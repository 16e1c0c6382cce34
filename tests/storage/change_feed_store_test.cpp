// The ChangeFeedReads contract, run against each engine (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): while writer threads post at once, a reader pages
// through the feed with small pages; afterwards the feed has held every posting exactly once,
// in feed order (positions strictly increasing: SQLite's commit order), every account's
// postings in the order they committed (each balance_after follows from the one before), and
// reading on from any position it gave out yields the same tail.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_limits.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"
#include "storage/sqlite/sqlite_change_feed.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_query.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

constexpr int writers = 4;
constexpr int postings_per_writer = 10;
constexpr std::size_t small_page = 3;

Money cents(std::int64_t amount) { return Money::from_cents(amount); }

class ChangeFeedStoreTest : public test::EngineStoreTest {
protected:
    ChangeFeedStoreTest() : EngineStoreTest("change_feed") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        for (int person = 0; person < writers; ++person) {
            const User user = test::add_test_user(*store_, clock_,
                                                  "feed" + std::to_string(person) + "@example.com");
            people_.push_back(user);
            accounts_.push_back(test::open_test_account(*store_, user, cents(1'000'00)));
        }
    }

    // Writer `person`: deposits into its account and transfers to the next person's, in turn.
    void post_as(int person) {
        for (int index = 0; index < postings_per_writer; ++index) {
            Posting posting;
            posting.user_id = people_[person].user_id;
            posting.account_id = accounts_[person].account_id;
            posting.amount = cents(100 + index);
            posting.description = "feed " + std::to_string(index);
            if (index % 2 == 1) {
                posting.kind = PostingKind::transfer;
                posting.to_account_number = accounts_[(person + 1) % writers].account_number;
            }
            const WriteResult result = test::write_and_wait(*store_, posting);
            ASSERT_EQ(result.status, WriteStatus::ok) << "writer " << person << " item " << index;
        }
    }

    // Pages on from `after` until the feed has nothing more, appending to `read`.
    void read_to_end(std::string after, std::vector<Change>& read) {
        for (;;) {
            ChangePage page = store_->read_changes(after, small_page);
            EXPECT_LE(page.changes.size(), small_page);
            if (page.changes.empty()) return;
            after = page.changes.back().position;
            for (Change& change : page.changes) read.push_back(std::move(change));
        }
    }

    std::vector<User> people_;
    std::vector<Account> accounts_;
};

TEST_P(ChangeFeedStoreTest, EveryPostingOnceInOrderWhileWritersPostAndResumableFromAnyPosition) {
    std::vector<Change> read;
    std::atomic<bool> writing = true;
    std::thread reader([&] {
        std::string after;
        while (writing) {
            const ChangePage page = store_->read_changes(after, small_page);
            for (const Change& change : page.changes) read.push_back(change);
            if (!page.changes.empty()) after = page.changes.back().position;
        }
    });
    std::vector<std::thread> threads;
    for (int person = 0; person < writers; ++person)
        threads.emplace_back([&, person] { post_as(person); });
    for (auto& thread : threads) thread.join();
    writing = false;
    reader.join();
    if (GetParam() == "dynamodb") {
        // The test clock stood still, so every posting is within the settle lag: none served.
        EXPECT_TRUE(read.empty()) << read.size() << " served before they settled";
        EXPECT_TRUE(store_->read_changes("", 1000).changes.empty());
        clock_.advance(dynamodb_limits::change_feed_settle_lag + std::chrono::seconds(1));
    } else {
        EXPECT_FALSE(read.empty()) << "SQLite serves a posting once it committed";
    }
    read_to_end(read.empty() ? std::string() : read.back().position, read);

    std::set<std::string> stored;
    store_->for_each_transaction(
        [&](const Transaction& row) { stored.insert(row.transaction_id); });
    ASSERT_EQ(stored.size(), static_cast<std::size_t>(writers * (1 + postings_per_writer * 3 / 2)));
    std::multiset<std::string> served;
    for (const Change& change : read) served.insert(change.posting.transaction_id);
    EXPECT_EQ(served.size(), stored.size()) << "every posting exactly once";
    EXPECT_EQ(std::set<std::string>(served.begin(), served.end()), stored);

    std::map<std::string, Money> balance;  // per account, as the feed tells it
    for (std::size_t index = 0; index < read.size(); ++index) {
        const Transaction& row = read[index].posting;
        if (index > 0) {
            EXPECT_LT(read[index - 1].position, read[index].position) << "feed order";
            if (GetParam() == "sqlite") {
                EXPECT_LT(read[index - 1].posting.sequence, row.sequence) << "commit order";
            }
        }
        const Money before = balance[row.account_id];
        const Money after = is_credit(row.transaction_type) ? *before.checked_add(row.amount)
                                                            : *before.checked_sub(row.amount);
        EXPECT_EQ(row.balance_after, after) << "the account's postings in commit order";
        balance[row.account_id] = row.balance_after;
    }
    for (const Account& account : accounts_) {
        EXPECT_EQ(balance[account.account_id], store_->find_account(account.account_id)->balance);
    }

    // Resuming from a position given out reads exactly the tail after it.
    for (std::size_t from = 0; from < read.size(); from += 9) {
        std::vector<Change> tail;
        read_to_end(read[from].position, tail);
        ASSERT_EQ(tail.size(), read.size() - from - 1) << "resumed after " << from;
        for (std::size_t index = 0; index < tail.size(); ++index) {
            EXPECT_EQ(tail[index].position, read[from + 1 + index].position);
        }
    }
}

TEST_P(ChangeFeedStoreTest, APageSaysWhetherMoreIsThereAndPositionsAreCheckedForShape) {
    if (GetParam() == "dynamodb") {
        clock_.advance(dynamodb_limits::change_feed_settle_lag + std::chrono::seconds(1));
    }
    const ChangePage first = store_->read_changes("", 3);
    ASSERT_EQ(first.changes.size(), 3u);
    EXPECT_TRUE(first.has_more);
    const ChangePage rest = store_->read_changes(first.changes.back().position, 1000);
    EXPECT_EQ(rest.changes.size(), static_cast<std::size_t>(writers) - 3);
    EXPECT_FALSE(rest.has_more);
    EXPECT_TRUE(store_->read_changes(rest.changes.back().position, 10).changes.empty());

    EXPECT_TRUE(store_->is_change_position(first.changes.front().position));
    EXPECT_FALSE(store_->is_change_position(""));
    EXPECT_FALSE(store_->is_change_position("12; DROP TABLE transactions"));
    EXPECT_FALSE(store_->is_change_position(first.changes.front().position + "0"));
}

// An upgrade: on SQLite the feed is the transactions table itself, so postings made before it
// are in it with the sequences they had. On DynamoDB `bank setup-dynamodb` creates
// BankingChanges and fills it from the stored postings (backfill_change_feed), at the
// positions the feed would have given them; a second fill changes nothing.
TEST_P(ChangeFeedStoreTest, PostingsStoredBeforeTheFeedExistedAreInItAfterTheUpgrade) {
    if (GetParam() == "dynamodb") {
        clock_.advance(dynamodb_limits::change_feed_settle_lag + std::chrono::seconds(1));
    }
    const ChangePage before = store_->read_changes("", 1000);
    ASSERT_EQ(before.changes.size(), static_cast<std::size_t>(writers));
    if (GetParam() == "dynamodb") {
        const DynamoDbTables tables(config_->table_prefix);
        client_->call("DeleteTable", boost::json::object{{"TableName", tables.changes}});
        // DynamoDB deletes a table in the background: wait until it is gone.
        for (int attempt = 0; attempt < 100; ++attempt) {
            try {
                client_->call("DescribeTable", boost::json::object{{"TableName", tables.changes}});
            } catch (const DynamoDbError& error) {
                if (error.type() == "ResourceNotFoundException") break;
                throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        bool created = false;
        for (const auto& line : tables.create_missing(*client_)) {
            created = created || line.starts_with(tables.changes + ": created");
        }
        ASSERT_TRUE(created);
        EXPECT_TRUE(store_->read_changes("", 1000).changes.empty()) << "a new, empty feed";
        auto& dynamodb = dynamic_cast<DynamoDbStore&>(*store_);
        EXPECT_EQ(dynamodb.backfill_change_feed(), static_cast<std::size_t>(writers));
        EXPECT_EQ(dynamodb.backfill_change_feed(), static_cast<std::size_t>(writers));
    }
    const ChangePage after = store_->read_changes("", 1000);
    ASSERT_EQ(after.changes.size(), before.changes.size());
    for (std::size_t index = 0; index < after.changes.size(); ++index) {
        EXPECT_EQ(after.changes[index].position, before.changes[index].position);
        EXPECT_EQ(after.changes[index].posting.transaction_id,
                  before.changes[index].posting.transaction_id);
        EXPECT_EQ(after.changes[index].posting.amount, cents(1'000'00));
    }
}

INSTANTIATE_TEST_SUITE_P(Engines, ChangeFeedStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

// SQLite's page is a seek of the primary key and the rows in its order: no scan, no sort, so a
// page costs the same however long the table. Asked of SQLite for the very query a page runs.
TEST(SqliteChangeFeedTest, APageSeeksThePrimaryKey) {
    test::ScratchDirectory directory("change_feed_plan");
    ManualClock clock(utc_day_start(std::chrono::year{2027} / std::chrono::March / 1));
    { SqliteStore store(directory.file("bank.db"), clock); }
    SqliteConnection connection(directory.file("bank.db"), SqliteConnection::Mode::read_only);
    auto plan = connection.query("EXPLAIN QUERY PLAN " + SqliteChangeFeed::page_sql());
    std::string steps;
    while (plan.step()) steps += plan.text(3) + "\n";
    EXPECT_NE(steps.find("SEARCH transactions USING INTEGER PRIMARY KEY (rowid>?)"),
              std::string::npos)
        << steps;
    EXPECT_EQ(steps.find("SCAN"), std::string::npos) << steps;
    EXPECT_EQ(steps.find("TEMP B-TREE"), std::string::npos) << steps;
}

}  // namespace
}  // namespace bank
