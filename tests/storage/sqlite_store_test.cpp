// What only the SQLite engine does: its writer's group commit and queue, the file (reopening,
// damage, schema migrations). What every engine does is in store_contract_test.cpp, run on
// SQLite too.

#include "storage/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <limits>
#include <map>
#include <memory>
#include <thread>
#include <tuple>

#include "core/limits.hpp"
#include "ledger/activity.hpp"
#include "ledger/bank_figure_verifier.hpp"
#include "ledger/verifier.hpp"
#include "storage/sqlite/sqlite_schema.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t start_micros = 1'768'435'200'000'000;  // 2026-01-15T00:00:00Z

Money cents(std::int64_t value) { return Money::from_cents(value); }

// account_id, month, category, type -> total cents, count
using RollupKey = std::tuple<std::string, std::string, std::string, TransactionType>;
using RollupMap = std::map<RollupKey, std::pair<std::int64_t, std::int64_t>>;

// Blocks the writer thread inside a completion so the next submits queue up together.
class WriterGate {
public:
    Store::Completion completion() {
        return [state = state_](WriteResult) {
            state->entered.set_value();
            state->released_future.wait();
        };
    }
    void wait_until_blocked() { state_->entered_future.wait(); }
    void release() { state_->released.set_value(); }

private:
    struct State {
        std::promise<void> entered;
        std::future<void> entered_future = entered.get_future();
        std::promise<void> released;
        std::future<void> released_future = released.get_future();
    };
    std::shared_ptr<State> state_ = std::make_shared<State>();
};

// A completion that hands the result to a future.
std::pair<Store::Completion, std::future<WriteResult>> completion_and_outcome() {
    auto promise = std::make_shared<std::promise<WriteResult>>();
    auto outcome = promise->get_future();
    return {[promise](WriteResult result) { promise->set_value(std::move(result)); },
            std::move(outcome)};
}

class SqliteStoreTest : public ::testing::Test {
protected:
    void SetUp() override { store_ = std::make_unique<SqliteStore>(path_, clock_); }

    void TearDown() override { store_.reset(); }

    void reopen() {
        store_.reset();
        store_ = std::make_unique<SqliteStore>(path_, clock_);
    }

    // Submits and waits for the durable outcome.
    WriteResult write(WriteCommand command) {
        return test::write_and_wait(*store_, std::move(command));
    }

    // Runs raw SQL on the file, past the store, to damage it on purpose.
    void tamper(const std::string& sql) { test::execute_sql(path_, sql); }
    // A row described "boom" fails as it is inserted: after its balances were written.
    void fail_rows_described_boom() {
        tamper(
            "CREATE TRIGGER fail_boom BEFORE INSERT ON transactions WHEN NEW.description = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'boom'); END;");
    }

    User add_user(const std::string& email) { return test::add_test_user(*store_, clock_, email); }

    Account open(const User& user, Money opening = {}) {
        return test::open_test_account(*store_, user, opening);
    }

    static Posting posting(PostingKind kind, const User& user, const Account& account,
                           std::int64_t amount) {
        Posting command;
        command.kind = kind;
        command.user_id = user.user_id;
        command.account_id = account.account_id;
        command.amount = cents(amount);
        command.description = "test";
        return command;
    }

    WriteResult deposit(const User& user, const Account& account, std::int64_t amount) {
        return write(posting(PostingKind::deposit, user, account, amount));
    }

    Money balance(const Account& account) {
        return store_->find_account(account.account_id).value().balance;
    }

    std::int64_t transaction_count() {
        std::int64_t count = 0;
        store_->for_each_transaction([&](const Transaction&) { ++count; });
        return count;
    }

    std::vector<Transaction> history(const User& user, std::size_t limit = 100) {
        TransactionQuery query;
        query.user_id = user.user_id;
        query.limit = limit;
        return store_->list_transactions(query);
    }

    Session session_for(const User& user, const std::string& token_hash) {
        Session session;
        session.token_hash = token_hash;
        session.user_id = user.user_id;
        session.csrf_secret = "csrf";
        session.created_at = clock_.now();
        session.last_seen = clock_.now();
        session.expires_at = clock_.now() + 12h;
        return session;
    }

    // The rollups as the store keeps them, and as the history says they must be.
    RollupMap stored_rollups() {
        RollupMap rollups;
        store_->for_each_rollup([&](const Rollup& rollup) {
            rollups[{rollup.account_id, rollup.month, rollup.category, rollup.transaction_type}] = {
                rollup.total.cents(), rollup.count};
        });
        return rollups;
    }

    RollupMap recomputed_rollups() {
        RollupMap rollups;
        store_->for_each_transaction([&](const Transaction& row) {
            auto& [total, count] = rollups[{row.account_id, format_month(row.timestamp),
                                            row.category, row.transaction_type}];
            total += row.amount.cents();
            ++count;
        });
        return rollups;
    }

    using PayeeMap = std::map<std::tuple<std::string, std::string, std::string>,
                              std::pair<std::int64_t, std::int64_t>>;

    // The payee rollups as the store keeps them, and as the outgoing postings say they must be.
    PayeeMap stored_payee_rollups() {
        PayeeMap rollups;
        store_->for_each_payee_rollup([&](const PayeeRollup& rollup) {
            rollups[{rollup.account_id, rollup.month, rollup.description}] = {rollup.total.cents(),
                                                                              rollup.count};
        });
        return rollups;
    }

    PayeeMap recomputed_payee_rollups() {
        PayeeMap rollups;
        store_->for_each_transaction([&](const Transaction& row) {
            if (is_credit(row.transaction_type)) return;
            auto& [total, count] =
                rollups[{row.account_id, format_month(row.timestamp), row.description}];
            total += row.amount.cents();
            ++count;
        });
        return rollups;
    }

    // The integer a one-value query answers on the file, past the store.
    int count_on_file(const std::string& sql) {
        sqlite3* database = nullptr;
        EXPECT_EQ(sqlite3_open(path_.c_str(), &database), SQLITE_OK);
        sqlite3_stmt* statement = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr), SQLITE_OK)
            << sqlite3_errmsg(database);
        EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW);
        const int count = sqlite3_column_int(statement, 0);
        sqlite3_finalize(statement);
        sqlite3_close(database);
        return count;
    }

    // The number of schema objects with this name (a table or an index).
    int schema_objects_named(const std::string& name) {
        sqlite3* database = nullptr;
        EXPECT_EQ(sqlite3_open(path_.c_str(), &database), SQLITE_OK);
        sqlite3_stmt* statement = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(database, "SELECT count(*) FROM sqlite_master WHERE name = ?",
                                     -1, &statement, nullptr),
                  SQLITE_OK);
        sqlite3_bind_text(statement, 1, name.c_str(), -1, SQLITE_TRANSIENT);
        EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW);
        const int count = sqlite3_column_int(statement, 0);
        sqlite3_finalize(statement);
        sqlite3_close(database);
        return count;
    }

    ManualClock clock_{from_micros(start_micros)};
    test::ScratchDirectory directory_{"bank_sqlite"};
    std::string path_ = directory_.file("bank.db");
    std::unique_ptr<SqliteStore> store_;
};

// ---- postings ----

TEST_F(SqliteStoreTest, RefusesADepositThatWouldOverflowTheBalance) {
    const User ada = add_user("ada@example.com");
    const Account account = open(ada);
    const std::int64_t near_max = std::numeric_limits<std::int64_t>::max() - 10;
    tamper("UPDATE accounts SET balance = " + std::to_string(near_max));
    EXPECT_EQ(deposit(ada, account, 11).status, WriteStatus::balance_overflow);
    EXPECT_EQ(balance(account), cents(near_max));
    EXPECT_EQ(transaction_count(), 0);
}

// ---- the writer ----

TEST_F(SqliteStoreTest, ConcurrentSubmitsAllCompleteAndBalancesAddUp) {
    const User ada = add_user("ada@example.com");
    // Each opening balance covers every transfer that could leave its account whatever the
    // order the writer sees them in (8 threads x 13 transfers x 50 cents at most), so every
    // submit must succeed; a refusal here is a writer bug, not bad luck in scheduling.
    constexpr std::int64_t opening_cents = 10'000;
    std::vector<Account> accounts;
    for (int index = 0; index < 4; ++index) accounts.push_back(open(ada, cents(opening_cents)));

    constexpr int threads_count = 8;
    constexpr int submits_per_thread = 25;
    std::atomic<int> completed{0};
    std::atomic<std::int64_t> deposited{0};
    auto all_done = std::make_shared<std::promise<void>>();
    auto all_done_future = all_done->get_future();
    std::vector<std::thread> threads;
    for (int thread = 0; thread < threads_count; ++thread) {
        threads.emplace_back([&, thread] {
            for (int index = 0; index < submits_per_thread; ++index) {
                const Account& account = accounts[(thread + index) % accounts.size()];
                const Account& next = accounts[(thread + index + 1) % accounts.size()];
                Posting command = index % 2 == 0
                                      ? posting(PostingKind::deposit, ada, account, 100 + index)
                                      : posting(PostingKind::transfer, ada, account, 50);
                command.to_account_number = next.account_number;
                const bool is_deposit = command.kind == PostingKind::deposit;
                const std::int64_t amount = command.amount.cents();
                store_->submit(std::move(command), [&, is_deposit, amount](WriteResult result) {
                    EXPECT_EQ(result.status, WriteStatus::ok);
                    if (is_deposit && result.status == WriteStatus::ok) deposited += amount;
                    if (++completed == threads_count * submits_per_thread) all_done->set_value();
                });
            }
        });
    }
    for (auto& thread : threads) thread.join();
    ASSERT_EQ(all_done_future.wait_for(30s), std::future_status::ready);

    Money total;
    for (const Account& account : accounts) total = *total.checked_add(balance(account));
    EXPECT_EQ(total, cents(4 * opening_cents + deposited.load()));
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_TRUE(report.ok);
    EXPECT_EQ(report.transfers, threads_count * (submits_per_thread / 2));  // odd indexes
}

TEST_F(SqliteStoreTest, ARefusedTransferDoesNotAbortItsBatch) {
    const User ada = add_user("ada@example.com");
    const Account from = open(ada, cents(1'000));
    const Account to = open(ada);

    WriterGate gate;
    store_->submit(posting(PostingKind::deposit, ada, to, 1), gate.completion());
    gate.wait_until_blocked();

    std::vector<std::future<WriteResult>> outcomes;
    auto submit = [&](std::int64_t amount) {
        auto [done, outcome] = completion_and_outcome();
        outcomes.push_back(std::move(outcome));
        Posting command = posting(PostingKind::transfer, ada, from, amount);
        command.to_account_number = to.account_number;
        store_->submit(command, std::move(done));
    };
    submit(400);
    submit(5'000);  // more than is left: refused
    submit(600);
    gate.release();

    EXPECT_EQ(outcomes[0].get().status, WriteStatus::ok);
    EXPECT_EQ(outcomes[1].get().status, WriteStatus::insufficient_funds);
    EXPECT_EQ(outcomes[2].get().status, WriteStatus::ok);
    EXPECT_EQ(balance(from), Money{});
    EXPECT_EQ(balance(to), cents(1'001));
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_F(SqliteStoreTest, AFailingCommandDoesNotAbortItsBatch) {
    const User ada = add_user("ada@example.com");
    const Account account = open(ada);
    write(CreateSession{session_for(ada, "taken"), 10});

    WriterGate gate;
    store_->submit(TouchSession{"taken", clock_.now()}, gate.completion());
    gate.wait_until_blocked();
    auto [failing_done, failing] = completion_and_outcome();
    auto [good_done, good] = completion_and_outcome();
    // The same token hash again breaks the primary key: an error, not a refusal.
    store_->submit(CreateSession{session_for(ada, "taken"), 10}, std::move(failing_done));
    store_->submit(posting(PostingKind::deposit, ada, account, 250), std::move(good_done));
    gate.release();
    EXPECT_EQ(failing.get().status, WriteStatus::unavailable);
    EXPECT_EQ(good.get().status, WriteStatus::ok);
    EXPECT_EQ(balance(account), cents(250));
}

TEST_F(SqliteStoreTest, AFailedCommitAnswersUnavailableAndTheWriterKeepsRunning) {
    const User ada = add_user("ada@example.com");
    const Account account = open(ada);
    // Another connection holding the write lock makes the batch fail after the busy timeout.
    sqlite3* blocker = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &blocker), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(blocker, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    EXPECT_EQ(deposit(ada, account, 100).status, WriteStatus::unavailable);
    sqlite3_exec(blocker, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(blocker);

    EXPECT_EQ(balance(account), Money{});
    EXPECT_EQ(deposit(ada, account, 100).status, WriteStatus::ok);
    EXPECT_EQ(balance(account), cents(100));
}

TEST_F(SqliteStoreTest, AFullQueueAnswersUnavailableAtOnce) {
    const User ada = add_user("ada@example.com");
    write(CreateSession{session_for(ada, "token"), 10});
    WriterGate gate;
    store_->submit(TouchSession{"token", clock_.now()}, gate.completion());
    gate.wait_until_blocked();

    std::atomic<std::size_t> ok_count{0};
    for (std::size_t index = 0; index < limits::writer_queue_depth_max; ++index) {
        store_->submit(TouchSession{"token", clock_.now()}, [&](WriteResult result) {
            if (result.status == WriteStatus::ok) ++ok_count;
        });
    }
    std::optional<WriteStatus> overflow;
    store_->submit(TouchSession{"token", clock_.now()},
                   [&](WriteResult result) { overflow = result.status; });
    ASSERT_TRUE(overflow);  // answered before submit returned
    EXPECT_EQ(*overflow, WriteStatus::unavailable);

    gate.release();
    store_->shutdown();
    EXPECT_EQ(ok_count.load(), limits::writer_queue_depth_max);
}

TEST_F(SqliteStoreTest, DataSurvivesReopening) {
    const User ada = add_user("ada@example.com");
    const Account account = open(ada, cents(4'200));
    write(CreateSession{session_for(ada, "token"), 10});
    reopen();
    EXPECT_EQ(store_->find_user(ada.user_id)->email, "ada@example.com");
    EXPECT_EQ(balance(account), cents(4'200));
    EXPECT_TRUE(store_->find_session("token"));
    ASSERT_EQ(history(ada).size(), 1u);
    EXPECT_EQ(deposit(ada, account, 100).status, WriteStatus::ok);
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_F(SqliteStoreTest, RefusesAFileWithANewerSchema) {
    store_.reset();
    tamper("PRAGMA user_version = 99");
    EXPECT_THROW(SqliteStore(path_, clock_), std::runtime_error);
}

TEST_F(SqliteStoreTest, ThrowsWhenTheFileCannotBeOpened) {
    EXPECT_THROW(SqliteStore((directory_.path() / "missing" / "bank.db").string(), clock_),
                 std::runtime_error);
}

// The writer sums a batch's rollup additions in memory and writes them before it commits:
// commands submitted without waiting share batches, and the refused ones among them, and a
// recategorisation in the middle of a batch, must leave the rollups equal to the history.
TEST_F(SqliteStoreTest, RollupsOfABatchCountOnlyTheAppliedPostings) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account checking = open(ada, cents(10'000));
    const Account graces = open(grace);
    Posting first = posting(PostingKind::withdrawal, ada, checking, 100);
    first.category = "groceries";
    first.description = "Corner shop";
    const WriteResult earlier = write(first);
    ASSERT_EQ(earlier.status, WriteStatus::ok);

    std::vector<std::future<WriteResult>> answers;
    const auto submit = [&](WriteCommand command) {
        auto promise = std::make_shared<std::promise<WriteResult>>();
        answers.push_back(promise->get_future());
        store_->submit(std::move(command),
                       [promise](WriteResult result) { promise->set_value(std::move(result)); });
    };
    for (int index = 0; index < 60; ++index) {
        const bool refused = index % 3 == 1;
        Posting command = posting(index % 2 == 0 ? PostingKind::transfer : PostingKind::withdrawal,
                                  ada, checking, refused ? 1'000'000 : 10 + index);
        command.to_account_number = index % 2 == 0 ? graces.account_number : "";
        command.category = index % 4 == 0 ? "rent" : "groceries";
        command.description = index % 5 == 0 ? "Landlord" : "Corner shop";
        submit(command);
        if (index == 30) {
            submit(Recategorize{ada.user_id, earlier.transactions.at(0).transaction_id, "rent"});
        }
    }
    int applied = 0;
    int refused = 0;
    for (auto& answer : answers) {
        const WriteStatus status = answer.get().status;
        applied += status == WriteStatus::ok ? 1 : 0;
        refused += status == WriteStatus::insufficient_funds ? 1 : 0;
    }
    EXPECT_EQ(applied, 41);  // 40 postings and the recategorisation
    EXPECT_EQ(refused, 20);
    EXPECT_EQ(stored_rollups(), recomputed_rollups());
    EXPECT_EQ(stored_payee_rollups(), recomputed_payee_rollups());
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems.front());
}

// A posting has no savepoint of its own unless one of the batch fails after it wrote: then
// the batch is applied again with a savepoint per command, and only the failed one fails.
TEST_F(SqliteStoreTest, APostingFailingAfterItWroteCostsOnlyItself) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account checking = open(ada, cents(10'000));
    const Account graces = open(grace);
    // Fails after the balances were written, on the rows.
    fail_rows_described_boom();

    std::vector<std::future<WriteResult>> answers;
    for (int index = 0; index < 40; ++index) {
        Posting command = posting(PostingKind::transfer, ada, checking, 100);
        command.to_account_number = graces.account_number;
        command.description = index % 10 == 5 ? "boom" : "rent";
        auto promise = std::make_shared<std::promise<WriteResult>>();
        answers.push_back(promise->get_future());
        store_->submit(std::move(command),
                       [promise](WriteResult result) { promise->set_value(std::move(result)); });
    }
    int applied = 0;
    int unavailable = 0;
    for (auto& answer : answers) {
        const WriteStatus status = answer.get().status;
        applied += status == WriteStatus::ok ? 1 : 0;
        unavailable += status == WriteStatus::unavailable ? 1 : 0;
    }
    EXPECT_EQ(applied, 36);
    EXPECT_EQ(unavailable, 4);
    EXPECT_EQ(balance(checking), cents(10'000 - 36 * 100));
    EXPECT_EQ(balance(graces), cents(36 * 100));
    EXPECT_EQ(transaction_count(), 1 + 2 * 36);
    EXPECT_EQ(stored_rollups(), recomputed_rollups());
    EXPECT_EQ(stored_payee_rollups(), recomputed_payee_rollups());
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems.front());
}

// A bulk payment has no savepoint of its own either: when one fails after it wrote, the group
// is applied again with a savepoint per command, the failed batch is answered unavailable with
// none of its items written (not half of it), and the commands around it are written.
TEST_F(SqliteStoreTest, ABulkPaymentFailingAfterItWroteCostsOnlyItself) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account checking = open(ada, cents(10'000));
    const Account graces = open(grace);
    fail_rows_described_boom();
    const auto transfer = [&](const std::string& description) {
        Posting command = posting(PostingKind::transfer, ada, checking, 100);
        command.to_account_number = graces.account_number;
        command.description = description;
        return command;
    };
    std::vector<std::future<WriteResult>> answers;
    const auto submit = [&](WriteCommand command) {
        auto [done, outcome] = completion_and_outcome();
        answers.push_back(std::move(outcome));
        store_->submit(std::move(command), std::move(done));
    };
    for (int index = 0; index < 12; ++index) {
        PostingBatch batch{ada.user_id, {}, "", ""};
        // The fourth batch fails on its third item, after its first two were written.
        for (int item = 0; item < 5; ++item) {
            batch.items.push_back(transfer(index == 3 && item == 2 ? "boom" : "payroll"));
        }
        submit(std::move(batch));
        submit(transfer("rent"));
    }
    std::vector<WriteStatus> statuses;
    for (auto& answer : answers) statuses.push_back(answer.get().status);
    const auto count = [&](WriteStatus status) {
        return std::count(statuses.begin(), statuses.end(), status);
    };
    EXPECT_EQ(count(WriteStatus::ok), 23);  // 11 batches of 5 and 12 single transfers
    EXPECT_EQ(statuses.at(6), WriteStatus::unavailable);
    const int written = 11 * 5 + 12;
    EXPECT_EQ(balance(checking), cents(10'000 - written * 100));
    EXPECT_EQ(balance(graces), cents(written * 100));
    EXPECT_EQ(transaction_count(), 1 + 2 * written);
    EXPECT_EQ(stored_rollups(), recomputed_rollups());
    EXPECT_EQ(stored_payee_rollups(), recomputed_payee_rollups());
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems.front());
}

// The activity marker of (person, month) is written at the group's commit, once for all its
// postings, and only for the commands the group kept: grace's deposit fails after it wrote
// (the group is applied again with savepoints) and leaves her inactive, while ada's batch and
// posting in the same group count her once.
TEST_F(SqliteStoreTest, AnActivityMarkerIsWrittenOnceAGroupAndOnlyForItsKeptCommands) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account checking = open(ada, cents(10'000));
    const Account graces = open(grace);
    fail_rows_described_boom();
    clock_.advance(std::chrono::hours(24 * 35));
    const std::string month = format_month(clock_.now());
    WriterGate gate;
    store_->submit(TouchSession{"none", clock_.now()}, gate.completion());
    gate.wait_until_blocked();
    std::vector<std::future<WriteResult>> answers;
    const auto submit = [&](WriteCommand command) {
        auto [done, outcome] = completion_and_outcome();
        answers.push_back(std::move(outcome));
        store_->submit(std::move(command), std::move(done));
    };
    Posting boom = posting(PostingKind::deposit, grace, graces, 100);
    boom.description = "boom";
    submit(boom);
    PostingBatch batch{ada.user_id, {}, "", ""};
    for (int item = 0; item < 3; ++item) {
        Posting transfer = posting(PostingKind::transfer, ada, checking, 100);
        transfer.to_account_number = graces.account_number;
        batch.items.push_back(transfer);
    }
    submit(batch);
    submit(posting(PostingKind::withdrawal, ada, checking, 100));
    gate.release();
    EXPECT_EQ(answers.at(0).get().status, WriteStatus::unavailable);
    EXPECT_EQ(answers.at(1).get().items.size(), 3u);
    EXPECT_EQ(answers.at(2).get().status, WriteStatus::ok);
    std::vector<std::string> active;
    store_->for_each_activity_marker([&](const std::string& user_id, const std::string& at) {
        if (at == month) active.push_back(user_id);
    });
    EXPECT_EQ(active, std::vector<std::string>{ada.user_id});
    const auto figures = store_->read_bank_figures(bank_figure::active, {month});
    ASSERT_EQ(figures.size(), 1u);
    EXPECT_EQ(figures.front().count, 1);
    const BankFigureVerifyReport report = verify_bank_figures(*store_, *store_);
    EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems.front());
}

// A keyed posting drops its person's expired records, only that person's, and looks for them
// at most once per limits::idempotency_cleanup_interval: the table holds about the window plus
// that interval of a person's keys, and an expired record meanwhile counts for nothing.
TEST_F(SqliteStoreTest, AKeyedPostingDropsOnlyItsPersonsExpiredKeysAtMostOnceAnInterval) {
    static_assert(limits::idempotency_cleanup_interval == 1h);
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account adas = open(ada, cents(1'000));
    const Account graces = open(grace, cents(1'000));
    const auto keyed_deposit = [&](const User& user, const Account& account, std::string key) {
        Posting command = posting(PostingKind::deposit, user, account, 100);
        command.idempotency_key = std::move(key);
        command.request_fingerprint = "fp";
        return write(std::move(command)).status;
    };
    const auto keys_of = [&](const User& user) {
        return count_on_file("SELECT count(*) FROM idempotency_keys WHERE user_id = '" +
                             user.user_id + "'");
    };
    ASSERT_EQ(keyed_deposit(ada, adas, "a-1"), WriteStatus::ok);  // looked: none expired
    ASSERT_EQ(keyed_deposit(grace, graces, "g-1"), WriteStatus::ok);
    clock_.advance(30min);
    ASSERT_EQ(keyed_deposit(ada, adas, "a-2"), WriteStatus::ok);
    clock_.advance(24h - 20min);  // a-1 expired 10 minutes ago
    ASSERT_EQ(keyed_deposit(ada, adas, "a-3"), WriteStatus::ok);
    EXPECT_EQ(keys_of(ada), 2) << "a-1 dropped, a-2 and a-3 kept";
    EXPECT_EQ(keys_of(grace), 1) << "another person's expired key stays until they post";
    clock_.advance(30min);  // a-2 expired 10 minutes ago, 30 minutes after ada's last look
    ASSERT_EQ(keyed_deposit(ada, adas, "a-4"), WriteStatus::ok);
    EXPECT_EQ(keys_of(ada), 3) << "not looked for again within the interval";
    EXPECT_EQ(keyed_deposit(ada, adas, "a-2"), WriteStatus::ok)
        << "an expired record still counts for nothing: a-2 posts anew";
    EXPECT_EQ(keyed_deposit(ada, adas, "a-3"), WriteStatus::duplicate) << "a-3 still counts";
    clock_.advance(31min);
    ASSERT_EQ(deposit(ada, adas, 100).status, WriteStatus::ok);
    EXPECT_EQ(keys_of(ada), 3) << "a posting without a key looks for nothing";
    ASSERT_EQ(keyed_deposit(ada, adas, "a-5"), WriteStatus::ok);
    EXPECT_EQ(keys_of(ada), 4) << "a-3, a-4, the new a-2 and a-5: nothing else expired";
    ASSERT_EQ(keyed_deposit(grace, graces, "g-2"), WriteStatus::ok);
    EXPECT_EQ(keys_of(grace), 1) << "g-1 dropped";
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

// ---- migration ----

// Schema version 1 as the previous release wrote it.
constexpr const char* schema_version_1_sql = R"sql(
PRAGMA journal_mode = WAL;
CREATE TABLE users (
    user_id TEXT PRIMARY KEY NOT NULL, email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL, full_name TEXT NOT NULL, phone TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until INTEGER NOT NULL DEFAULT 0,
    role TEXT NOT NULL CHECK (role IN ('customer', 'admin'))
) STRICT;
CREATE TABLE accounts (
    account_id TEXT PRIMARY KEY NOT NULL, account_number TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users (user_id),
    account_type TEXT NOT NULL CHECK (account_type IN ('checking', 'savings')),
    balance INTEGER NOT NULL CHECK (balance >= 0),
    status TEXT NOT NULL CHECK (status IN ('active', 'closed')), created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX accounts_by_user ON accounts (user_id);
CREATE TABLE transactions (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT, transaction_id TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    transaction_type TEXT NOT NULL
        CHECK (transaction_type IN ('deposit', 'withdrawal', 'transfer_in', 'transfer_out')),
    amount INTEGER NOT NULL CHECK (amount > 0),
    balance_after INTEGER NOT NULL CHECK (balance_after >= 0),
    counterparty_account_number TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '', category TEXT NOT NULL DEFAULT '',
    timestamp INTEGER NOT NULL, transfer_id TEXT NOT NULL DEFAULT '',
    idempotency_key TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX transactions_by_account ON transactions (account_id, sequence);
CREATE UNIQUE INDEX transactions_by_idempotency_key
    ON transactions (account_id, idempotency_key) WHERE idempotency_key != '';
CREATE INDEX transactions_by_transfer ON transactions (transfer_id) WHERE transfer_id != '';
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    csrf_secret TEXT NOT NULL, created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id);

INSERT INTO users VALUES ('u1', 'ada@example.com', 'h', 'Ada', '555', 0, 0, 0, 'customer');
INSERT INTO users VALUES ('u2', 'grace@example.com', 'h', 'Grace', '555', 0, 0, 0, 'customer');
INSERT INTO accounts VALUES ('a1', '1000000001', 'u1', 'checking', 650, 'active', 0);
INSERT INTO accounts VALUES ('a2', '1000000002', 'u2', 'savings', 350, 'active', 0);
-- 2026-01-15 and 2026-02-20, UTC
INSERT INTO transactions (transaction_id, account_id, transaction_type, amount, balance_after,
        description, category, timestamp, idempotency_key) VALUES
    ('t1', 'a1', 'deposit', 1000, 1000, 'pay', 'salary', 1768435200000000, 'key-1'),
    ('t2', 'a1', 'withdrawal', 200, 800, 'food', 'groceries', 1768435300000000, ''),
    ('t3', 'a1', 'withdrawal', 100, 700, 'food', 'groceries', 1768435400000000, '');
INSERT INTO transactions (transaction_id, account_id, transaction_type, amount, balance_after,
        counterparty_account_number, timestamp, transfer_id, idempotency_key) VALUES
    ('t4', 'a1', 'transfer_out', 400, 300, '1000000002', 1771545600000000, 'x1', 'key-2'),
    ('t5', 'a2', 'transfer_in', 400, 400, '1000000001', 1771545600000000, 'x1', '');
INSERT INTO transactions (transaction_id, account_id, transaction_type, amount, balance_after,
        timestamp) VALUES
    ('t6', 'a1', 'deposit', 350, 650, 1771545700000000),
    ('t7', 'a2', 'withdrawal', 50, 350, 1771545700000000);
PRAGMA user_version = 1;
)sql";

TEST_F(SqliteStoreTest, MigratesAVersion1FileAndRebuildsItsRollups) {
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
    tamper(schema_version_1_sql);
    clock_.advance(24h * 36 + 1h);  // 2026-02-20T01:00Z: within the window of key-2
    reopen();

    using Pair = std::pair<std::int64_t, std::int64_t>;
    const RollupMap expected{
        {{"a1", "2026-01", "salary", TransactionType::deposit}, Pair{1'000, 1}},
        {{"a1", "2026-01", "groceries", TransactionType::withdrawal}, Pair{300, 2}},
        {{"a1", "2026-02", "", TransactionType::transfer_out}, Pair{400, 1}},
        {{"a1", "2026-02", "", TransactionType::deposit}, Pair{350, 1}},
        {{"a2", "2026-02", "", TransactionType::transfer_in}, Pair{400, 1}},
        {{"a2", "2026-02", "", TransactionType::withdrawal}, Pair{50, 1}},
    };
    EXPECT_EQ(stored_rollups(), expected);
    EXPECT_EQ(store_->list_rollups("u1", "", "2026-02", "2026-02").size(), 2u);
    const PayeeMap expected_payees{
        {{"a1", "2026-01", "food"}, Pair{300, 2}},
        {{"a1", "2026-02", ""}, Pair{400, 1}},
        {{"a2", "2026-02", ""}, Pair{50, 1}},
    };
    EXPECT_EQ(stored_payee_rollups(), expected_payees);
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_EQ(report.rollups, 6);
    // Schema 20 filled the bank-wide figures from the rows there were.
    const BankFigureVerifyReport figures = verify_bank_figures(*store_, *store_);
    EXPECT_TRUE(figures.ok) << (figures.problems.empty() ? "" : figures.problems.front());
    EXPECT_GT(figures.figures, 0);
    EXPECT_EQ(figures.days, 1) << "the one day with a transfer";

    // A retry of a keyed posting from before the upgrade is still caught, with both legs.
    Posting retry;
    retry.kind = PostingKind::transfer;
    retry.user_id = "u1";
    retry.account_id = "a1";
    retry.to_account_number = "1000000002";
    retry.amount = cents(400);
    retry.idempotency_key = "key-2";
    retry.request_fingerprint = "fp";
    const WriteResult duplicate = write(retry);
    ASSERT_EQ(duplicate.status, WriteStatus::duplicate);
    ASSERT_EQ(duplicate.transactions.size(), 2u);
    EXPECT_EQ(duplicate.transactions[0].transaction_id, "t4");
    EXPECT_EQ(duplicate.transactions[1].transaction_id, "t5");

    // The new schema holds, and opening again does not count anything twice.
    Posting more =
        posting(PostingKind::deposit, User{.user_id = "u1"}, Account{.account_id = "a1"}, 100);
    more.category = "salary";
    ASSERT_EQ(write(more).status, WriteStatus::ok);
    reopen();
    EXPECT_EQ(stored_rollups(), recomputed_rollups());
    EXPECT_EQ(stored_rollups().size(), 7u);
    EXPECT_TRUE(verify_ledger(*store_).ok);
    EXPECT_TRUE(verify_bank_figures(*store_, *store_).ok) << "and the figures go on from there";
    sqlite3* database = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &database), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(database,
                                 "SELECT (SELECT user_version FROM pragma_user_version), "
                                 "(SELECT count(*) FROM sqlite_master WHERE name = "
                                 "'transactions_by_idempotency_key')",
                                 -1, &statement, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(statement, 0), sqlite_schema_version);
    EXPECT_EQ(sqlite3_column_int(statement, 1), 0);
    sqlite3_finalize(statement);
    sqlite3_close(database);
    EXPECT_EQ(schema_objects_named("transactions_by_transfer"), 0);
}

// Schema 5 is schema 6 without the payee rollups and the index of outgoing postings: a file
// written by this program with those taken away and its version set back is a version 5 file.
TEST_F(SqliteStoreTest, MigratesAVersion5FileAndBuildsItsPayeeRollups) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account checking = open(ada, cents(50'000));
    const Account graces = open(grace);
    const char* payees[] = {"Corner shop", "Landlord", "", "Corner shop"};
    for (int index = 0; index < 12; ++index) {
        Posting command = posting(index % 3 == 2 ? PostingKind::transfer : PostingKind::withdrawal,
                                  ada, checking, 100 + 10 * index);
        command.to_account_number = index % 3 == 2 ? graces.account_number : "";
        command.description = payees[index % 4];
        ASSERT_EQ(write(command).status, WriteStatus::ok);
        clock_.advance(24h * 9);  // across several months
    }
    const PayeeMap before = stored_payee_rollups();
    EXPECT_EQ(before, recomputed_payee_rollups());
    EXPECT_GT(before.size(), 4u);

    store_.reset();
    tamper(
        "DROP TABLE payee_rollups; DROP INDEX transactions_outflows_by_category_amount; "
        "PRAGMA user_version = 5;");
    ASSERT_EQ(schema_objects_named("payee_rollups"), 0);
    reopen();
    EXPECT_EQ(stored_payee_rollups(), before);
    EXPECT_EQ(schema_objects_named("transactions_outflows_by_category_amount"), 1);
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_EQ(report.payee_rollups, static_cast<std::int64_t>(before.size()));

    // New postings keep them, and opening again counts nothing twice.
    Posting more = posting(PostingKind::withdrawal, ada, checking, 1'000);
    more.description = "Landlord";
    ASSERT_EQ(write(more).status, WriteStatus::ok);
    reopen();
    EXPECT_EQ(stored_payee_rollups(), recomputed_payee_rollups());
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

// Schema 6 is schema 7 with an index by transfer_id: version 7 drops it, and a retried keyed
// transfer still answers with both its legs, found by the payee's account and the instant.
TEST_F(SqliteStoreTest, MigratesAVersion6FileAndDropsTheTransferIndex) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account checking = open(ada, cents(5'000));
    const Account graces = open(grace);
    Posting keyed = posting(PostingKind::transfer, ada, checking, 1'200);
    keyed.to_account_number = graces.account_number;
    keyed.idempotency_key = "rent-may";
    keyed.request_fingerprint = "fp";
    const WriteResult first = write(keyed);
    ASSERT_EQ(first.status, WriteStatus::ok);
    clock_.advance(1min);
    Posting other = posting(PostingKind::transfer, grace, graces, 200);
    other.to_account_number = checking.account_number;
    ASSERT_EQ(write(other).status, WriteStatus::ok);

    store_.reset();
    tamper(
        "CREATE INDEX transactions_by_transfer ON transactions (transfer_id) "
        "WHERE transfer_id != ''; PRAGMA user_version = 6;");
    ASSERT_EQ(schema_objects_named("transactions_by_transfer"), 1);
    reopen();
    EXPECT_EQ(schema_objects_named("transactions_by_transfer"), 0);

    const WriteResult retry = write(keyed);
    ASSERT_EQ(retry.status, WriteStatus::duplicate);
    ASSERT_EQ(retry.transactions.size(), 2u);
    EXPECT_EQ(retry.transactions[0].transaction_id, first.transactions[0].transaction_id);
    EXPECT_EQ(retry.transactions[1].transaction_id, first.transactions[1].transaction_id);
    EXPECT_EQ(retry.transactions[1].account_id, graces.account_id);
    EXPECT_EQ(balance(checking), cents(5'000 - 1'200 + 200));
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

// Schema 22's type CHECK of transactions and rollups, an IN list, as a file of that version
// holds it: version 23 edits both into comparisons in place (no table copied), the file stays
// whole, and the CHECK still refuses any other type.
constexpr const char* type_check_as_in_list_sql = R"sql(
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
    'transaction_type = ''deposit'' OR transaction_type = ''withdrawal'' OR
               transaction_type = ''transfer_in'' OR transaction_type = ''transfer_out''',
    'transaction_type IN (''deposit'', ''withdrawal'', ''transfer_in'', ''transfer_out'')')
WHERE type = 'table' AND name IN ('transactions', 'rollups');
PRAGMA schema_version = 1000;
PRAGMA writable_schema = OFF;
PRAGMA user_version = 22;
)sql";
constexpr const char* tables_with_type_in_list_sql =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
    "instr(sql, 'transaction_type IN (''deposit'', ''withdrawal'', ''transfer_in'', "
    "''transfer_out'')') > 0";

TEST_F(SqliteStoreTest, MigratesAVersion22FileToTypeChecksWithoutAnInList) {
    const User ada = add_user("ada@example.com");
    const Account checking = open(ada, cents(5'000));
    ASSERT_EQ(write(posting(PostingKind::withdrawal, ada, checking, 700)).status, WriteStatus::ok);
    EXPECT_EQ(count_on_file(tables_with_type_in_list_sql), 0);  // a new file has none

    store_.reset();
    tamper(type_check_as_in_list_sql);
    ASSERT_EQ(count_on_file(tables_with_type_in_list_sql), 2);
    reopen();
    EXPECT_EQ(count_on_file(tables_with_type_in_list_sql), 0);
    EXPECT_EQ(count_on_file("SELECT user_version FROM pragma_user_version"), 23);
    EXPECT_EQ(count_on_file("SELECT integrity_check = 'ok' FROM pragma_integrity_check"), 1);
    EXPECT_EQ(count_on_file("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                            "instr(sql, 'transaction_type = ''transfer_out''') > 0"),
              2);

    ASSERT_EQ(write(posting(PostingKind::withdrawal, ada, checking, 300)).status, WriteStatus::ok);
    EXPECT_EQ(balance(checking), cents(4'000));
    EXPECT_EQ(stored_rollups(), recomputed_rollups());
    EXPECT_TRUE(verify_ledger(*store_).ok);
    store_.reset();
    // The CHECKs still hold: neither table takes a type outside the four.
    EXPECT_EQ(count_on_file("SELECT count(*) FROM transactions WHERE transaction_type NOT IN "
                            "('deposit', 'withdrawal', 'transfer_in', 'transfer_out')"),
              0);
    sqlite3* database = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &database), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(database,
                           "UPDATE transactions SET transaction_type = 'refund' WHERE sequence = 1",
                           nullptr, nullptr, nullptr),
              SQLITE_CONSTRAINT_CHECK & 0xff);
    EXPECT_EQ(sqlite3_exec(database, "UPDATE rollups SET transaction_type = 'refund'", nullptr,
                           nullptr, nullptr),
              SQLITE_CONSTRAINT_CHECK & 0xff);
    sqlite3_close(database);
}

// Schema 9 had no time zone: people of such a file are in UTC after it opens, and keep the
// zone they choose.
TEST_F(SqliteStoreTest, MigratesAVersion9FileWithEveryoneInUtc) {
    const User ada = add_user("ada@example.com");
    store_.reset();
    tamper("ALTER TABLE users DROP COLUMN time_zone; PRAGMA user_version = 9;");
    reopen();
    EXPECT_EQ(store_->find_user(ada.user_id)->time_zone, "UTC");
    ASSERT_EQ(write(SetTimeZone{ada.user_id, "Europe/Paris"}).status, WriteStatus::ok);
    reopen();
    EXPECT_EQ(store_->find_user(ada.user_id)->time_zone, "Europe/Paris");
}

}  // namespace
}  // namespace bank
