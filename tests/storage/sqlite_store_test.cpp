#include "storage/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "core/limits.hpp"
#include "core/random.hpp"
#include "ledger/account_number.hpp"
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

    WriteResult transfer(const User& user, const Account& from, const Account& to,
                         std::int64_t amount) {
        Posting command = posting(PostingKind::transfer, user, from, amount);
        command.to_account_number = to.account_number;
        return write(command);
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

// ---- users and sessions ----

TEST_F(SqliteStoreTest, CreatesUserAndFindsItByIdAndEmail) {
    const User user = add_user("ada@example.com");
    const auto by_id = store_->find_user(user.user_id);
    ASSERT_TRUE(by_id);
    EXPECT_EQ(by_id->email, "ada@example.com");
    EXPECT_EQ(by_id->full_name, "Ada Lovelace");
    EXPECT_EQ(by_id->created_at, clock_.now());
    EXPECT_EQ(by_id->role, Role::customer);
    const auto by_email = store_->find_user_by_email("ada@example.com");
    ASSERT_TRUE(by_email);
    EXPECT_EQ(by_email->user_id, user.user_id);
    EXPECT_FALSE(store_->find_user("nobody"));
    EXPECT_FALSE(store_->find_user_by_email("nobody@example.com"));
}

TEST_F(SqliteStoreTest, RefusesATakenEmailAndChangesNothing) {
    add_user("ada@example.com");
    User twin;
    twin.user_id = new_id();
    twin.email = "ada@example.com";
    twin.full_name = "Someone Else";
    EXPECT_EQ(write(CreateUser{twin}).status, WriteStatus::email_taken);
    EXPECT_FALSE(store_->find_user(twin.user_id));
    EXPECT_EQ(store_->find_user_by_email("ada@example.com")->full_name, "Ada Lovelace");
}

TEST_F(SqliteStoreTest, LocksAUserAfterTooManyFailedLogins) {
    const User user = add_user("ada@example.com");
    const Timestamp lock_until = clock_.now() + limits::lock_duration;
    for (int attempt = 1; attempt < 5; ++attempt) {
        const WriteResult result = write(RecordLoginFailure{user.user_id, 5, lock_until});
        ASSERT_EQ(result.status, WriteStatus::ok);
        ASSERT_TRUE(result.user);
        EXPECT_EQ(result.user->failed_logins, attempt);
        EXPECT_EQ(result.user->locked_until, Timestamp{});
    }
    const WriteResult locked = write(RecordLoginFailure{user.user_id, 5, lock_until});
    ASSERT_TRUE(locked.user);
    EXPECT_EQ(locked.user->failed_logins, 0);
    EXPECT_EQ(locked.user->locked_until, lock_until);
    EXPECT_EQ(store_->find_user(user.user_id)->locked_until, lock_until);

    EXPECT_EQ(write(RecordLoginFailure{"nobody", 5, lock_until}).status,
              WriteStatus::user_not_found);
}

TEST_F(SqliteStoreTest, LoginSuccessClearsFailuresAndLock) {
    const User user = add_user("ada@example.com");
    write(RecordLoginFailure{user.user_id, 2, clock_.now() + 1h});
    write(RecordLoginFailure{user.user_id, 2, clock_.now() + 1h});
    write(RecordLoginFailure{user.user_id, 2, clock_.now() + 1h});
    ASSERT_EQ(store_->find_user(user.user_id)->failed_logins, 1);
    EXPECT_EQ(write(RecordLoginSuccess{user.user_id}).status, WriteStatus::ok);
    const User after = *store_->find_user(user.user_id);
    EXPECT_EQ(after.failed_logins, 0);
    EXPECT_EQ(after.locked_until, Timestamp{});
    EXPECT_EQ(write(RecordLoginSuccess{"nobody"}).status, WriteStatus::user_not_found);
}

TEST_F(SqliteStoreTest, CreatesTouchesAndDeletesSessions) {
    const User user = add_user("ada@example.com");
    ASSERT_EQ(write(CreateSession{session_for(user, "token-a"), 10}).status, WriteStatus::ok);
    const auto found = store_->find_session("token-a");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user_id, user.user_id);
    EXPECT_EQ(found->expires_at, clock_.now() + 12h);

    const Timestamp later = clock_.now() + 5min;
    EXPECT_EQ(write(TouchSession{"token-a", later}).status, WriteStatus::ok);
    EXPECT_EQ(store_->find_session("token-a")->last_seen, later);

    EXPECT_EQ(write(DeleteSession{"token-a"}).status, WriteStatus::ok);
    EXPECT_FALSE(store_->find_session("token-a"));
}

TEST_F(SqliteStoreTest, RefusesASessionForAnUnknownUser) {
    User ghost;
    ghost.user_id = "ghost";
    EXPECT_EQ(write(CreateSession{session_for(ghost, "token"), 10}).status,
              WriteStatus::user_not_found);
    EXPECT_FALSE(store_->find_session("token"));
}

TEST_F(SqliteStoreTest, DropsTheOldestSessionsBeyondTheLimit) {
    const User user = add_user("ada@example.com");
    for (int index = 0; index < 5; ++index) {
        write(CreateSession{session_for(user, "token-" + std::to_string(index)), 3});
        clock_.advance(1s);
    }
    EXPECT_FALSE(store_->find_session("token-0"));
    EXPECT_FALSE(store_->find_session("token-1"));
    EXPECT_TRUE(store_->find_session("token-2"));
    EXPECT_TRUE(store_->find_session("token-3"));
    EXPECT_TRUE(store_->find_session("token-4"));
}

TEST_F(SqliteStoreTest, UpdatesAProfile) {
    const User user = add_user("ada@example.com");
    EXPECT_EQ(write(UpdateProfile{user.user_id, "Ada King", "555-0199"}).status, WriteStatus::ok);
    const User after = *store_->find_user(user.user_id);
    EXPECT_EQ(after.full_name, "Ada King");
    EXPECT_EQ(after.phone, "555-0199");
    EXPECT_EQ(write(UpdateProfile{"nobody", "X", "1"}).status, WriteStatus::user_not_found);
}

TEST_F(SqliteStoreTest, ChangingThePasswordEndsEveryOtherSession) {
    const User user = add_user("ada@example.com");
    const User other = add_user("grace@example.com");
    write(CreateSession{session_for(user, "keep"), 10});
    write(CreateSession{session_for(user, "drop-1"), 10});
    write(CreateSession{session_for(user, "drop-2"), 10});
    write(CreateSession{session_for(other, "other"), 10});
    EXPECT_EQ(write(ChangePassword{user.user_id, "$2b$12$new", "keep"}).status, WriteStatus::ok);
    EXPECT_EQ(store_->find_user(user.user_id)->password_hash, "$2b$12$new");
    EXPECT_TRUE(store_->find_session("keep"));
    EXPECT_FALSE(store_->find_session("drop-1"));
    EXPECT_FALSE(store_->find_session("drop-2"));
    EXPECT_TRUE(store_->find_session("other"));
    EXPECT_EQ(write(ChangePassword{"nobody", "$2b$12$x", ""}).status, WriteStatus::user_not_found);
}

// ---- accounts ----

TEST_F(SqliteStoreTest, OpensAnAccountWithAValidNumber) {
    const User user = add_user("ada@example.com");
    const WriteResult result = write(OpenAccount{user.user_id, AccountType::savings, {}, 10});
    ASSERT_EQ(result.status, WriteStatus::ok);
    ASSERT_TRUE(result.account);
    EXPECT_TRUE(result.transactions.empty());
    const Account& account = *result.account;
    EXPECT_EQ(account.account_number.size(), AccountNumber::length);
    EXPECT_TRUE(AccountNumber::parse(account.account_number).ok());
    EXPECT_EQ(account.account_type, AccountType::savings);
    EXPECT_EQ(account.balance, Money{});
    EXPECT_EQ(account.created_at, clock_.now());
    const auto accounts = store_->list_accounts(user.user_id);
    ASSERT_EQ(accounts.size(), 1u);
    EXPECT_EQ(accounts[0].account_id, account.account_id);
    EXPECT_EQ(store_->find_account_by_number(account.account_number)->account_id,
              account.account_id);
}

TEST_F(SqliteStoreTest, PostsAnOpeningBalanceAsADeposit) {
    const User user = add_user("ada@example.com");
    const WriteResult result =
        write(OpenAccount{user.user_id, AccountType::checking, cents(12'345), 10});
    ASSERT_EQ(result.status, WriteStatus::ok);
    EXPECT_EQ(result.account->balance, cents(12'345));
    ASSERT_EQ(result.transactions.size(), 1u);
    EXPECT_EQ(result.transactions[0].description, "Opening deposit");
    EXPECT_EQ(result.transactions[0].transaction_type, TransactionType::deposit);
    EXPECT_EQ(result.transactions[0].balance_after, cents(12'345));
    EXPECT_EQ(balance(*result.account), cents(12'345));
    EXPECT_EQ(history(user).size(), 1u);
}

TEST_F(SqliteStoreTest, RefusesAccountsBeyondTheLimitCountingOnlyActiveOnes) {
    const User user = add_user("ada@example.com");
    const Account first = open(user);
    open(user);
    EXPECT_EQ(write(OpenAccount{user.user_id, AccountType::checking, {}, 2}).status,
              WriteStatus::too_many_accounts);
    EXPECT_EQ(store_->list_accounts(user.user_id).size(), 2u);
    ASSERT_EQ(write(CloseAccount{user.user_id, first.account_id}).status, WriteStatus::ok);
    EXPECT_EQ(write(OpenAccount{user.user_id, AccountType::checking, {}, 2}).status,
              WriteStatus::ok);
}

TEST_F(SqliteStoreTest, RefusesOpeningForAnUnknownUserOrABadAmount) {
    const User user = add_user("ada@example.com");
    EXPECT_EQ(write(OpenAccount{"nobody", AccountType::checking, {}, 10}).status,
              WriteStatus::user_not_found);
    EXPECT_EQ(write(OpenAccount{user.user_id, AccountType::checking,
                                cents(limits::amount_cents_max + 1), 10})
                  .status,
              WriteStatus::amount_invalid);
    EXPECT_EQ(write(OpenAccount{user.user_id, AccountType::checking, cents(-5), 10}).status,
              WriteStatus::amount_invalid);
    EXPECT_TRUE(store_->list_accounts(user.user_id).empty());
    EXPECT_EQ(transaction_count(), 0);
}

TEST_F(SqliteStoreTest, ClosesOnlyTheUsersOwnEmptyActiveAccount) {
    const User user = add_user("ada@example.com");
    const User other = add_user("grace@example.com");
    const Account account = open(user, cents(100));
    EXPECT_EQ(write(CloseAccount{other.user_id, account.account_id}).status,
              WriteStatus::account_not_found);
    EXPECT_EQ(write(CloseAccount{user.user_id, "missing"}).status, WriteStatus::account_not_found);
    EXPECT_EQ(write(CloseAccount{user.user_id, account.account_id}).status,
              WriteStatus::balance_not_zero);
    EXPECT_EQ(store_->find_account(account.account_id)->status, AccountStatus::active);

    ASSERT_EQ(write(posting(PostingKind::withdrawal, user, account, 100)).status, WriteStatus::ok);
    const WriteResult closed = write(CloseAccount{user.user_id, account.account_id});
    ASSERT_EQ(closed.status, WriteStatus::ok);
    EXPECT_EQ(closed.account->status, AccountStatus::closed);
    EXPECT_EQ(store_->find_account(account.account_id)->status, AccountStatus::closed);
    EXPECT_EQ(write(CloseAccount{user.user_id, account.account_id}).status,
              WriteStatus::account_closed);
}

// ---- postings ----

TEST_F(SqliteStoreTest, DepositsWithdrawsAndTransfers) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account from = open(ada);
    const Account to = open(grace);

    const WriteResult deposited = deposit(ada, from, 10'000);
    ASSERT_EQ(deposited.status, WriteStatus::ok);
    EXPECT_EQ(deposited.account->balance, cents(10'000));
    ASSERT_EQ(deposited.transactions.size(), 1u);
    EXPECT_GT(deposited.transactions[0].sequence, 0);

    const WriteResult withdrawn = write(posting(PostingKind::withdrawal, ada, from, 2'500));
    ASSERT_EQ(withdrawn.status, WriteStatus::ok);
    EXPECT_EQ(withdrawn.transactions[0].balance_after, cents(7'500));

    const WriteResult moved = transfer(ada, from, to, 5'000);
    ASSERT_EQ(moved.status, WriteStatus::ok);
    EXPECT_EQ(moved.account->balance, cents(2'500));
    ASSERT_EQ(moved.transactions.size(), 2u);
    const Transaction& out = moved.transactions[0];
    const Transaction& in = moved.transactions[1];
    EXPECT_EQ(out.transaction_type, TransactionType::transfer_out);
    EXPECT_EQ(out.account_id, from.account_id);
    EXPECT_EQ(out.counterparty_account_number, to.account_number);
    EXPECT_EQ(in.transaction_type, TransactionType::transfer_in);
    EXPECT_EQ(in.counterparty_account_number, from.account_number);
    EXPECT_EQ(out.transfer_id, in.transfer_id);
    EXPECT_LT(out.sequence, in.sequence);

    EXPECT_EQ(balance(from), cents(2'500));
    EXPECT_EQ(balance(to), cents(5'000));
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_F(SqliteStoreTest, RefusedPostingsChangeNothing) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account account = open(ada, cents(1'000));
    const Account other = open(ada);
    const Account graces = open(grace, cents(500));
    const Account closed = open(grace);
    ASSERT_EQ(write(CloseAccount{grace.user_id, closed.account_id}).status, WriteStatus::ok);

    Posting to_nowhere = posting(PostingKind::transfer, ada, account, 100);
    to_nowhere.to_account_number = "0000000000";
    Posting to_closed = posting(PostingKind::transfer, ada, account, 100);
    to_closed.to_account_number = closed.account_number;
    Posting to_self = posting(PostingKind::transfer, ada, account, 100);
    to_self.to_account_number = account.account_number;
    Posting from_closed = posting(PostingKind::deposit, grace, closed, 100);

    const std::vector<std::pair<Posting, WriteStatus>> cases = {
        {posting(PostingKind::deposit, ada, account, 0), WriteStatus::amount_invalid},
        {posting(PostingKind::deposit, ada, account, limits::amount_cents_max + 1),
         WriteStatus::amount_invalid},
        {posting(PostingKind::withdrawal, ada, graces, 100), WriteStatus::account_not_found},
        {posting(PostingKind::withdrawal, ada, Account{}, 100), WriteStatus::account_not_found},
        {from_closed, WriteStatus::account_closed},
        {posting(PostingKind::withdrawal, ada, account, 1'001), WriteStatus::insufficient_funds},
        {to_nowhere, WriteStatus::counterparty_not_found},
        {to_closed, WriteStatus::counterparty_closed},
        {to_self, WriteStatus::same_account},
    };
    const std::int64_t rows_before = transaction_count();
    for (const auto& [command, expected] : cases) {
        EXPECT_EQ(write(command).status, expected) << to_string(expected);
    }
    EXPECT_EQ(transaction_count(), rows_before);
    EXPECT_EQ(balance(account), cents(1'000));
    EXPECT_EQ(balance(other), Money{});
    EXPECT_EQ(balance(graces), cents(500));
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_F(SqliteStoreTest, RefusesADepositThatWouldOverflowTheBalance) {
    const User ada = add_user("ada@example.com");
    const Account account = open(ada);
    const std::int64_t near_max = std::numeric_limits<std::int64_t>::max() - 10;
    tamper("UPDATE accounts SET balance = " + std::to_string(near_max));
    EXPECT_EQ(deposit(ada, account, 11).status, WriteStatus::balance_overflow);
    EXPECT_EQ(balance(account), cents(near_max));
    EXPECT_EQ(transaction_count(), 0);
}

TEST_F(SqliteStoreTest, ARetriedDepositIsPostedOnce) {
    const User ada = add_user("ada@example.com");
    const Account account = open(ada);
    Posting command = posting(PostingKind::deposit, ada, account, 700);
    command.idempotency_key = "key-1";
    const WriteResult first = write(command);
    ASSERT_EQ(first.status, WriteStatus::ok);
    const WriteResult again = write(command);
    EXPECT_EQ(again.status, WriteStatus::duplicate);
    ASSERT_EQ(again.transactions.size(), 1u);
    EXPECT_EQ(again.transactions[0].transaction_id, first.transactions[0].transaction_id);
    EXPECT_EQ(again.account->balance, cents(700));
    EXPECT_EQ(balance(account), cents(700));
    EXPECT_EQ(transaction_count(), 1);
}

TEST_F(SqliteStoreTest, ARetriedTransferReturnsBothOriginalLegs) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account from = open(ada, cents(1'000));
    const Account to = open(grace);
    Posting command = posting(PostingKind::transfer, ada, from, 300);
    command.to_account_number = to.account_number;
    command.idempotency_key = "transfer-key";
    const WriteResult first = write(command);
    ASSERT_EQ(first.status, WriteStatus::ok);
    const WriteResult again = write(command);
    ASSERT_EQ(again.status, WriteStatus::duplicate);
    ASSERT_EQ(again.transactions.size(), 2u);
    EXPECT_EQ(again.transactions[0].transaction_id, first.transactions[0].transaction_id);
    EXPECT_EQ(again.transactions[0].transaction_type, TransactionType::transfer_out);
    EXPECT_EQ(again.transactions[1].transaction_id, first.transactions[1].transaction_id);
    EXPECT_EQ(again.account->account_id, from.account_id);
    EXPECT_EQ(balance(from), cents(700));
    EXPECT_EQ(balance(to), cents(300));
    EXPECT_EQ(transaction_count(), 3);
}

TEST_F(SqliteStoreTest, AnotherUsersKeyIsNotADuplicate) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account adas = open(ada);
    const Account graces = open(grace);
    Posting first = posting(PostingKind::deposit, ada, adas, 100);
    first.idempotency_key = "same-key";
    Posting second = posting(PostingKind::deposit, grace, graces, 100);
    second.idempotency_key = "same-key";
    EXPECT_EQ(write(first).status, WriteStatus::ok);
    EXPECT_EQ(write(second).status, WriteStatus::ok);
    EXPECT_EQ(balance(graces), cents(100));
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

TEST_F(SqliteStoreTest, ShutdownDrainsTheQueueThenRefusesWrites) {
    const User ada = add_user("ada@example.com");
    const Account account = open(ada);
    std::atomic<int> ok_count{0};
    for (int index = 0; index < 50; ++index) {
        store_->submit(posting(PostingKind::deposit, ada, account, 10), [&](WriteResult result) {
            if (result.status == WriteStatus::ok) ++ok_count;
        });
    }
    store_->shutdown();
    EXPECT_EQ(ok_count.load(), 50);
    EXPECT_EQ(balance(account), cents(500));

    std::optional<WriteStatus> after;
    store_->submit(posting(PostingKind::deposit, ada, account, 10),
                   [&](WriteResult result) { after = result.status; });
    ASSERT_TRUE(after);
    EXPECT_EQ(*after, WriteStatus::unavailable);
    store_->shutdown();  // a second call is harmless
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

// ---- queries ----

class SqliteQueryTest : public SqliteStoreTest {
protected:
    void SetUp() override {
        SqliteStoreTest::SetUp();
        ada_ = add_user("ada@example.com");
        grace_ = add_user("grace@example.com");
        checking_ = open(ada_);
        savings_ = open(ada_);
        graces_ = open(grace_);
        const char* descriptions[] = {"Coffee Shop",  "100% refund", "Rent",
                                      "coffee beans", "snake_case",  "Salary"};
        for (int index = 0; index < 6; ++index) {
            Posting command = posting(PostingKind::deposit, ada_, index % 2 ? savings_ : checking_,
                                      1'000 + index);
            command.description = descriptions[index];
            ASSERT_EQ(write(command).status, WriteStatus::ok);
            clock_.advance(24h);
        }
        ASSERT_EQ(transfer(ada_, checking_, graces_, 500).status, WriteStatus::ok);
        ASSERT_EQ(deposit(grace_, graces_, 9'999).status, WriteStatus::ok);
    }

    std::vector<std::string> descriptions(const TransactionQuery& query) {
        std::vector<std::string> result;
        for (const Transaction& row : store_->list_transactions(query)) {
            result.push_back(row.description);
        }
        return result;
    }

    TransactionQuery query_for(const User& user) {
        TransactionQuery query;
        query.user_id = user.user_id;
        query.limit = 100;
        return query;
    }

    User ada_, grace_;
    Account checking_, savings_, graces_;
};

TEST_F(SqliteQueryTest, ListsOnlyTheUsersRowsNewestFirst) {
    const auto rows = store_->list_transactions(query_for(ada_));
    ASSERT_EQ(rows.size(), 7u);
    for (std::size_t index = 1; index < rows.size(); ++index) {
        EXPECT_GT(rows[index - 1].sequence, rows[index].sequence);
    }
    for (const Transaction& row : rows) EXPECT_NE(row.account_id, graces_.account_id);
    EXPECT_EQ(rows[0].transaction_type, TransactionType::transfer_out);

    TransactionQuery sneaky = query_for(ada_);
    sneaky.account_id = graces_.account_id;
    EXPECT_TRUE(store_->list_transactions(sneaky).empty());
}

TEST_F(SqliteQueryTest, FiltersByAccountTypeAndTime) {
    TransactionQuery by_account = query_for(ada_);
    by_account.account_id = savings_.account_id;
    EXPECT_EQ(descriptions(by_account),
              (std::vector<std::string>{"Salary", "coffee beans", "100% refund"}));

    TransactionQuery by_type = query_for(ada_);
    by_type.type = TransactionType::transfer_out;
    EXPECT_EQ(store_->list_transactions(by_type).size(), 1u);

    TransactionQuery by_time = query_for(ada_);
    by_time.from = from_micros(start_micros) + 24h;  // inclusive
    by_time.to = from_micros(start_micros) + 72h;    // exclusive
    EXPECT_EQ(descriptions(by_time), (std::vector<std::string>{"Rent", "100% refund"}));
}

TEST_F(SqliteQueryTest, TextFilterIsACaseInsensitiveLiteralSubstring) {
    TransactionQuery coffee = query_for(ada_);
    coffee.text = "COFFEE";
    EXPECT_EQ(descriptions(coffee), (std::vector<std::string>{"coffee beans", "Coffee Shop"}));

    TransactionQuery percent = query_for(ada_);
    percent.text = "%";
    EXPECT_EQ(descriptions(percent), (std::vector<std::string>{"100% refund"}));

    TransactionQuery underscore = query_for(ada_);
    underscore.text = "e_c";
    EXPECT_EQ(descriptions(underscore), (std::vector<std::string>{"snake_case"}));

    TransactionQuery other_user = query_for(grace_);
    other_user.text = "coffee";
    EXPECT_TRUE(store_->list_transactions(other_user).empty());
}

TEST_F(SqliteQueryTest, KeysetPagingNeitherRepeatsNorSkipsRows) {
    std::vector<std::int64_t> seen;
    TransactionQuery page = query_for(ada_);
    page.limit = 3;
    for (int pages = 0; pages < 10; ++pages) {
        const auto rows = store_->list_transactions(page);
        for (const Transaction& row : rows) seen.push_back(row.sequence);
        if (rows.size() < page.limit) break;
        page.before_sequence = rows.back().sequence;
    }
    const auto all = store_->list_transactions(query_for(ada_));
    ASSERT_EQ(seen.size(), all.size());
    for (std::size_t index = 0; index < all.size(); ++index) {
        EXPECT_EQ(seen[index], all[index].sequence);
    }
    EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()).size(), seen.size());
}

TEST_F(SqliteQueryTest, SumsPerMonthAndType) {
    clock_.advance(24h * 40);  // into March
    ASSERT_EQ(write(posting(PostingKind::withdrawal, ada_, checking_, 200)).status,
              WriteStatus::ok);
    const auto totals = store_->monthly_totals(ada_.user_id, "");
    ASSERT_EQ(totals.size(), 3u);
    EXPECT_EQ(totals[0].month, "2026-01");
    EXPECT_EQ(totals[0].transaction_type, TransactionType::deposit);
    EXPECT_EQ(totals[0].count, 6);
    EXPECT_EQ(totals[0].total, cents(1'000 * 6 + 15));
    EXPECT_EQ(totals[1].month, "2026-01");
    EXPECT_EQ(totals[1].transaction_type, TransactionType::transfer_out);
    EXPECT_EQ(totals[1].total, cents(500));
    EXPECT_EQ(totals[2].month, "2026-03");
    EXPECT_EQ(totals[2].transaction_type, TransactionType::withdrawal);

    const auto savings_only = store_->monthly_totals(ada_.user_id, savings_.account_id);
    ASSERT_EQ(savings_only.size(), 1u);
    EXPECT_EQ(savings_only[0].count, 3);
    EXPECT_TRUE(store_->monthly_totals(ada_.user_id, graces_.account_id).empty());
}

TEST_F(SqliteQueryTest, ReadsFromManyThreadsAtOnce) {
    std::atomic<int> mismatches{0};
    std::vector<std::thread> readers;
    for (int thread = 0; thread < 8; ++thread) {
        readers.emplace_back([&] {
            for (int index = 0; index < 50; ++index) {
                if (store_->list_transactions(query_for(ada_)).size() != 7) ++mismatches;
                if (!store_->find_account(checking_.account_id)) ++mismatches;
            }
        });
    }
    for (auto& reader : readers) reader.join();
    EXPECT_EQ(mismatches.load(), 0);
}

// ---- rollups ----

TEST_F(SqliteStoreTest, RollupsFollowEveryKindOfPosting) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account checking = open(ada, cents(10'000));  // the opening deposit counts
    const Account graces = open(grace, cents(500));
    Posting groceries = posting(PostingKind::withdrawal, ada, checking, 1'200);
    groceries.category = "groceries";
    ASSERT_EQ(write(groceries).status, WriteStatus::ok);
    ASSERT_EQ(write(groceries).status, WriteStatus::ok);
    ASSERT_EQ(transfer(ada, checking, graces, 3'000).status, WriteStatus::ok);
    clock_.advance(24h * 31);  // into February
    ASSERT_EQ(deposit(ada, checking, 700).status, WriteStatus::ok);
    ASSERT_EQ(transfer(grace, graces, checking, 250).status, WriteStatus::ok);

    const RollupMap rollups = stored_rollups();
    EXPECT_EQ(rollups, recomputed_rollups());
    const auto at = [&](const Account& account, const char* month, const char* category,
                        TransactionType type) {
        const auto found = rollups.find({account.account_id, month, category, type});
        return found == rollups.end() ? std::pair<std::int64_t, std::int64_t>{0, 0} : found->second;
    };
    using Pair = std::pair<std::int64_t, std::int64_t>;
    EXPECT_EQ(at(checking, "2026-01", "", TransactionType::deposit), (Pair{10'000, 1}));
    EXPECT_EQ(at(checking, "2026-01", "groceries", TransactionType::withdrawal), (Pair{2'400, 2}));
    EXPECT_EQ(at(checking, "2026-01", "", TransactionType::transfer_out), (Pair{3'000, 1}));
    EXPECT_EQ(at(graces, "2026-01", "", TransactionType::transfer_in), (Pair{3'000, 1}));
    EXPECT_EQ(at(checking, "2026-02", "", TransactionType::deposit), (Pair{700, 1}));
    EXPECT_EQ(at(checking, "2026-02", "", TransactionType::transfer_in), (Pair{250, 1}));
    EXPECT_EQ(at(graces, "2026-02", "", TransactionType::transfer_out), (Pair{250, 1}));
    EXPECT_EQ(rollups.size(), 8u);
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_F(SqliteStoreTest, ARefusedPostingLeavesTheRollupsAlone) {
    const User ada = add_user("ada@example.com");
    const Account account = open(ada, cents(100));
    const RollupMap before = stored_rollups();
    EXPECT_EQ(write(posting(PostingKind::withdrawal, ada, account, 101)).status,
              WriteStatus::insufficient_funds);
    EXPECT_EQ(stored_rollups(), before);
}

TEST_F(SqliteStoreTest, ListsOnlyTheUsersRollupsWithinInclusiveMonths) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account checking = open(ada);
    const Account savings = open(ada);
    const Account graces = open(grace, cents(50));
    for (int month = 0; month < 3; ++month) {  // 2026-01, 2026-02, 2026-03
        ASSERT_EQ(deposit(ada, checking, 100 + month).status, WriteStatus::ok);
        ASSERT_EQ(deposit(ada, savings, 200 + month).status, WriteStatus::ok);
        clock_.advance(24h * 30);
    }
    EXPECT_EQ(store_->list_rollups(ada.user_id, "", "", "").size(), 6u);
    const auto february =
        store_->list_rollups(ada.user_id, checking.account_id, "2026-02", "2026-02");
    ASSERT_EQ(february.size(), 1u);
    EXPECT_EQ(february[0].total, cents(101));
    EXPECT_EQ(february[0].count, 1);
    EXPECT_EQ(february[0].transaction_type, TransactionType::deposit);
    const auto from_february = store_->list_rollups(ada.user_id, "", "2026-02", "");
    ASSERT_EQ(from_february.size(), 4u);
    EXPECT_EQ(from_february.front().month, "2026-02");
    EXPECT_EQ(from_february.back().month, "2026-03");
    EXPECT_EQ(store_->list_rollups(ada.user_id, "", "", "2026-01").size(), 2u);
    // Another user's account, by id, shows nothing.
    EXPECT_TRUE(store_->list_rollups(ada.user_id, graces.account_id, "", "").empty());
    EXPECT_EQ(store_->list_rollups(grace.user_id, "", "", "").size(), 1u);
}

TEST_F(SqliteStoreTest, FindsATransactionOnlyForItsOwner) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account account = open(ada);
    const WriteResult posted = deposit(ada, account, 300);
    const std::string id = posted.transactions.at(0).transaction_id;
    const auto found = store_->find_transaction(ada.user_id, id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->amount, cents(300));
    EXPECT_FALSE(store_->find_transaction(grace.user_id, id));
    EXPECT_FALSE(store_->find_transaction(ada.user_id, "no-such-id"));
}

// ---- recategorising ----

TEST_F(SqliteStoreTest, RecategorizingMovesTheSumsBetweenRollups) {
    const User ada = add_user("ada@example.com");
    const Account account = open(ada);
    const Transaction first = deposit(ada, account, 700).transactions.at(0);
    const Transaction second = deposit(ada, account, 300).transactions.at(0);
    using Pair = std::pair<std::int64_t, std::int64_t>;
    const RollupKey uncategorised{account.account_id, "2026-01", "", TransactionType::deposit};
    const RollupKey salary{account.account_id, "2026-01", "salary", TransactionType::deposit};

    const WriteResult moved = write(Recategorize{ada.user_id, first.transaction_id, "salary"});
    ASSERT_EQ(moved.status, WriteStatus::ok);
    ASSERT_EQ(moved.transactions.size(), 1u);
    EXPECT_EQ(moved.transactions[0].transaction_id, first.transaction_id);
    EXPECT_EQ(moved.transactions[0].category, "salary");
    EXPECT_EQ(store_->find_transaction(ada.user_id, first.transaction_id)->category, "salary");
    RollupMap rollups = stored_rollups();
    EXPECT_EQ(rollups[uncategorised], (Pair{300, 1}));
    EXPECT_EQ(rollups[salary], (Pair{700, 1}));

    // The same category again changes nothing.
    const WriteResult again = write(Recategorize{ada.user_id, first.transaction_id, "salary"});
    EXPECT_EQ(again.status, WriteStatus::ok);
    EXPECT_EQ(again.transactions.at(0).category, "salary");
    EXPECT_EQ(stored_rollups(), rollups);

    // The last row of a rollup leaves no empty rollup behind.
    ASSERT_EQ(write(Recategorize{ada.user_id, second.transaction_id, "salary"}).status,
              WriteStatus::ok);
    rollups = stored_rollups();
    EXPECT_EQ(rollups.count(uncategorised), 0u);
    EXPECT_EQ(rollups[salary], (Pair{1'000, 2}));
    EXPECT_EQ(stored_rollups(), recomputed_rollups());
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_F(SqliteStoreTest, RecategorizingAnotherUsersTransactionIsRefused) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account account = open(ada);
    const Transaction row = deposit(ada, account, 700).transactions.at(0);
    const RollupMap before = stored_rollups();
    EXPECT_EQ(write(Recategorize{grace.user_id, row.transaction_id, "stolen"}).status,
              WriteStatus::transaction_not_found);
    EXPECT_EQ(write(Recategorize{ada.user_id, "no-such-id", "food"}).status,
              WriteStatus::transaction_not_found);
    EXPECT_EQ(store_->find_transaction(ada.user_id, row.transaction_id)->category, "");
    EXPECT_EQ(stored_rollups(), before);
}

TEST_F(SqliteStoreTest, RecategorizingOneTransferLegLeavesTheOtherAlone) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account from = open(ada, cents(1'000));
    const Account to = open(grace);
    const WriteResult moved = transfer(ada, from, to, 400);
    const Transaction& out = moved.transactions.at(0);
    const Transaction& in = moved.transactions.at(1);
    ASSERT_EQ(write(Recategorize{ada.user_id, out.transaction_id, "rent"}).status, WriteStatus::ok);
    EXPECT_EQ(write(Recategorize{ada.user_id, in.transaction_id, "rent"}).status,
              WriteStatus::transaction_not_found);
    EXPECT_EQ(store_->find_transaction(grace.user_id, in.transaction_id)->category, "");
    EXPECT_EQ(stored_rollups(), recomputed_rollups());
}

// ---- category rules ----

TEST_F(SqliteStoreTest, CreatesListsAndDeletesCategoryRules) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const auto rule = [&](const User& user, const std::string& pattern) {
        CategoryRule made;
        made.rule_id = new_id();
        made.user_id = user.user_id;
        made.pattern = pattern;
        made.category = "food";
        made.created_at = clock_.now();
        clock_.advance(1s);
        return made;
    };
    const CategoryRule second = rule(ada, "bakery");
    const CategoryRule first = rule(ada, "coffee");
    // Listed by created_at, not by insertion.
    CategoryRule earlier = first;
    earlier.created_at = second.created_at - 1s;
    ASSERT_EQ(write(CreateCategoryRule{second, 2}).status, WriteStatus::ok);
    ASSERT_EQ(write(CreateCategoryRule{earlier, 2}).status, WriteStatus::ok);
    EXPECT_EQ(write(CreateCategoryRule{rule(ada, "tea"), 2}).status, WriteStatus::too_many_rules);
    EXPECT_EQ(write(CreateCategoryRule{rule(grace, "tea"), 2}).status, WriteStatus::ok);
    CategoryRule orphan = rule(ada, "x");
    orphan.user_id = "no-such-user";
    EXPECT_EQ(write(CreateCategoryRule{orphan, 2}).status, WriteStatus::user_not_found);

    auto rules = store_->list_category_rules(ada.user_id);
    ASSERT_EQ(rules.size(), 2u);
    EXPECT_EQ(rules[0].pattern, "coffee");
    EXPECT_EQ(rules[0].category, "food");
    EXPECT_EQ(rules[0].created_at, earlier.created_at);
    EXPECT_EQ(rules[1].pattern, "bakery");

    EXPECT_EQ(write(DeleteCategoryRule{grace.user_id, second.rule_id}).status,
              WriteStatus::rule_not_found);
    EXPECT_EQ(write(DeleteCategoryRule{ada.user_id, "no-such-rule"}).status,
              WriteStatus::rule_not_found);
    EXPECT_EQ(store_->list_category_rules(ada.user_id).size(), 2u);
    EXPECT_EQ(write(DeleteCategoryRule{ada.user_id, second.rule_id}).status, WriteStatus::ok);
    EXPECT_EQ(write(DeleteCategoryRule{ada.user_id, second.rule_id}).status,
              WriteStatus::rule_not_found);
    rules = store_->list_category_rules(ada.user_id);
    ASSERT_EQ(rules.size(), 1u);
    EXPECT_EQ(rules[0].rule_id, first.rule_id);
    // Below the limit again.
    EXPECT_EQ(write(CreateCategoryRule{rule(ada, "tea"), 2}).status, WriteStatus::ok);
    EXPECT_EQ(store_->list_category_rules(grace.user_id).size(), 1u);
}

// ---- idempotency ----

class SqliteIdempotencyTest : public SqliteStoreTest {
protected:
    void SetUp() override {
        SqliteStoreTest::SetUp();
        ada_ = add_user("ada@example.com");
        grace_ = add_user("grace@example.com");
        adas_ = open(ada_, cents(1'000));
        graces_ = open(grace_);
    }

    Posting keyed_deposit(const User& user, const Account& account, std::int64_t amount,
                          const std::string& key, const std::string& fingerprint) {
        Posting command = posting(PostingKind::deposit, user, account, amount);
        command.idempotency_key = key;
        command.request_fingerprint = fingerprint;
        return command;
    }

    User ada_, grace_;
    Account adas_, graces_;
};

TEST_F(SqliteIdempotencyTest, TheSameRequestAgainAnswersDuplicateWithTheOriginalRows) {
    Posting command = posting(PostingKind::transfer, ada_, adas_, 300);
    command.to_account_number = graces_.account_number;
    command.idempotency_key = "k";
    command.request_fingerprint = "fp-transfer";
    const WriteResult first = write(command);
    ASSERT_EQ(first.status, WriteStatus::ok);
    ASSERT_EQ(deposit(ada_, adas_, 5).status, WriteStatus::ok);  // the account moves on
    clock_.advance(limits::idempotency_window - 1s);
    const WriteResult again = write(command);
    ASSERT_EQ(again.status, WriteStatus::duplicate);
    ASSERT_EQ(again.transactions.size(), 2u);
    EXPECT_EQ(again.transactions[0].transaction_id, first.transactions[0].transaction_id);
    EXPECT_EQ(again.transactions[1].transaction_id, first.transactions[1].transaction_id);
    EXPECT_EQ(again.account->account_id, adas_.account_id);
    EXPECT_EQ(again.account->balance, cents(705));  // as it is now
    EXPECT_EQ(balance(graces_), cents(300));
    EXPECT_EQ(transaction_count(), 4);  // opening, transfer (2 legs), deposit
    EXPECT_EQ(stored_rollups(), recomputed_rollups());
}

TEST_F(SqliteIdempotencyTest, ADifferentRequestWithTheKeyIsAConflictAndChangesNothing) {
    ASSERT_EQ(write(keyed_deposit(ada_, adas_, 100, "k", "fp-1")).status, WriteStatus::ok);
    const RollupMap rollups = stored_rollups();
    const WriteResult conflict = write(keyed_deposit(ada_, adas_, 200, "k", "fp-2"));
    EXPECT_EQ(conflict.status, WriteStatus::idempotency_conflict);
    EXPECT_TRUE(conflict.transactions.empty());
    EXPECT_EQ(balance(adas_), cents(1'100));
    EXPECT_EQ(transaction_count(), 2);
    EXPECT_EQ(stored_rollups(), rollups);
    // The original request is still recognised.
    EXPECT_EQ(write(keyed_deposit(ada_, adas_, 100, "k", "fp-1")).status, WriteStatus::duplicate);
}

TEST_F(SqliteIdempotencyTest, KeysArePerUser) {
    ASSERT_EQ(write(keyed_deposit(ada_, adas_, 100, "shared", "fp-1")).status, WriteStatus::ok);
    const WriteResult graces = write(keyed_deposit(grace_, graces_, 100, "shared", "fp-1"));
    EXPECT_EQ(graces.status, WriteStatus::ok);
    EXPECT_EQ(balance(graces_), cents(100));
    EXPECT_EQ(balance(adas_), cents(1'100));
    // A key is the user's across all of their accounts.
    const Account savings = open(ada_);
    EXPECT_EQ(write(keyed_deposit(ada_, savings, 100, "shared", "fp-other")).status,
              WriteStatus::idempotency_conflict);
}

TEST_F(SqliteIdempotencyTest, AfterTheWindowTheKeyPostsAnew) {
    const WriteResult first = write(keyed_deposit(ada_, adas_, 100, "k", "fp-1"));
    ASSERT_EQ(first.status, WriteStatus::ok);
    clock_.advance(24h + 1s);
    const WriteResult second = write(keyed_deposit(ada_, adas_, 100, "k", "fp-1"));
    ASSERT_EQ(second.status, WriteStatus::ok);
    EXPECT_NE(second.transactions.at(0).transaction_id, first.transactions.at(0).transaction_id);
    EXPECT_EQ(balance(adas_), cents(1'200));
    // The record now points at the new posting, with the new request's fingerprint.
    const WriteResult again = write(keyed_deposit(ada_, adas_, 100, "k", "fp-1"));
    ASSERT_EQ(again.status, WriteStatus::duplicate);
    EXPECT_EQ(again.transactions.at(0).transaction_id, second.transactions.at(0).transaction_id);
    clock_.advance(24h + 1s);
    EXPECT_EQ(write(keyed_deposit(ada_, adas_, 300, "k", "fp-2")).status, WriteStatus::ok);
    EXPECT_EQ(balance(adas_), cents(1'500));
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_F(SqliteIdempotencyTest, ARefusedPostingDoesNotTakeItsKey) {
    Posting refused = posting(PostingKind::withdrawal, ada_, adas_, 5'000);
    refused.idempotency_key = "k";
    refused.request_fingerprint = "fp-withdrawal";
    ASSERT_EQ(write(refused).status, WriteStatus::insufficient_funds);
    EXPECT_EQ(write(keyed_deposit(ada_, adas_, 100, "k", "fp-deposit")).status, WriteStatus::ok);
    EXPECT_EQ(balance(adas_), cents(1'100));
}

TEST_F(SqliteIdempotencyTest, ConcurrentSubmitsOfOneKeyPostExactlyOnce) {
    constexpr int threads_count = 8;
    constexpr int submits_per_thread = 4;
    std::atomic<int> applied{0};
    std::atomic<int> duplicates{0};
    std::mutex ids_mutex;
    std::set<std::string> transaction_ids;
    std::vector<std::thread> threads;
    for (int thread = 0; thread < threads_count; ++thread) {
        threads.emplace_back([&] {
            for (int index = 0; index < submits_per_thread; ++index) {
                const WriteResult result = write(keyed_deposit(ada_, adas_, 250, "once", "fp"));
                if (result.status == WriteStatus::ok) ++applied;
                if (result.status == WriteStatus::duplicate) ++duplicates;
                if (!result.transactions.empty()) {
                    const std::lock_guard lock(ids_mutex);
                    transaction_ids.insert(result.transactions[0].transaction_id);
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(applied.load(), 1);
    EXPECT_EQ(duplicates.load(), threads_count * submits_per_thread - 1);
    EXPECT_EQ(transaction_ids.size(), 1u);
    EXPECT_EQ(balance(adas_), cents(1'250));
    EXPECT_EQ(transaction_count(), 2);
    EXPECT_TRUE(verify_ledger(*store_).ok);
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
    tamper(
        "CREATE TRIGGER fail_boom BEFORE INSERT ON transactions WHEN NEW.description = 'boom' "
        "BEGIN SELECT RAISE(ABORT, 'boom'); END;");

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

}  // namespace
}  // namespace bank
