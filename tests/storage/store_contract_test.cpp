// The contract every Store keeps, run against each engine: SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT names a DynamoDB (Local) endpoint (scripts/dev test starts
// one). Each test gets an empty store: a fresh SQLite file, or fresh DynamoDB tables under
// a random table prefix.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>

#include "core/limits.hpp"
#include "core/random.hpp"
#include "ledger/account_number.hpp"
#include "ledger/plan_guard.hpp"
#include "ledger/verifier.hpp"
#include "service/analytics_service.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_limits.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

// 2036-01-15T00:00:00Z. In the real future on purpose: DynamoDB Local, like DynamoDB, deletes
// an item whose time-to-live attribute lies in the (real) past, so with a clock in the past
// an idempotency record or session written a moment ago could vanish in the middle of a test.
constexpr std::int64_t start_micros = 2'083'968'000'000'000;

Money cents(std::int64_t value) { return Money::from_cents(value); }

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
}

// The DynamoDB settings of the tests: the endpoint from BANK_TEST_DYNAMODB_ENDPOINT, dummy
// credentials unless real ones are set, and a table prefix of its own.
DynamoDbConfig test_dynamodb_config(const std::string& prefix) {
    DynamoDbConfig config;
    config.endpoint = env("BANK_TEST_DYNAMODB_ENDPOINT");
    config.region = env("AWS_REGION").empty() ? "us-east-1" : env("AWS_REGION");
    config.access_key_id = env("AWS_ACCESS_KEY_ID").empty() ? "test" : env("AWS_ACCESS_KEY_ID");
    config.secret_access_key =
        env("AWS_SECRET_ACCESS_KEY").empty() ? "test" : env("AWS_SECRET_ACCESS_KEY");
    config.table_prefix = prefix;
    return config;
}

// One engine under test: makes an empty store, and cleans up after it.
class StoreHarness {
public:
    virtual ~StoreHarness() = default;
    virtual std::unique_ptr<Store> open(const Clock& clock) = 0;
};

class SqliteHarness final : public StoreHarness {
public:
    std::unique_ptr<Store> open(const Clock& clock) override {
        return std::make_unique<SqliteStore>(directory_.file("bank.db"), clock);
    }

private:
    test::ScratchDirectory directory_{"bank_contract"};
};

class DynamoDbHarness final : public StoreHarness {
public:
    DynamoDbHarness()
        : config_(test_dynamodb_config("contract_" + random_token(6) + "_")),
          client_(config_),
          tables_(config_.table_prefix) {
        tables_.create_missing(client_);
    }
    ~DynamoDbHarness() override {
        for (const auto& table : tables_.all()) {
            try {
                client_.call("DeleteTable", boost::json::object{{"TableName", table}});
            } catch (const std::exception&) {
                // An emulator restarted meanwhile has nothing left to delete.
            }
        }
    }
    std::unique_ptr<Store> open(const Clock& clock) override {
        return std::make_unique<DynamoDbStore>(config_, clock);
    }

private:
    DynamoDbConfig config_;
    DynamoDbClient client_;
    DynamoDbTables tables_;
};

std::pair<Store::Completion, std::future<WriteResult>> completion_and_outcome() {
    auto promise = std::make_shared<std::promise<WriteResult>>();
    auto outcome = promise->get_future();
    return {[promise](WriteResult result) { promise->set_value(std::move(result)); },
            std::move(outcome)};
}

using RollupKey = std::tuple<std::string, std::string, std::string, TransactionType>;
using RollupMap = std::map<RollupKey, std::pair<std::int64_t, std::int64_t>>;

class StoreContractTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "dynamodb") {
            if (env("BANK_TEST_DYNAMODB_ENDPOINT").empty()) {
                GTEST_SKIP() << "BANK_TEST_DYNAMODB_ENDPOINT is not set (scripts/dev test starts "
                                "DynamoDB Local and sets it)";
            }
            harness_ = std::make_unique<DynamoDbHarness>();
        } else {
            harness_ = std::make_unique<SqliteHarness>();
        }
        store_ = harness_->open(clock_);
    }

    void TearDown() override {
        if (store_) store_->shutdown();
        store_.reset();
        harness_.reset();
    }

    WriteResult write(WriteCommand command) {
        return test::write_and_wait(*store_, std::move(command));
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

    static Posting transfer_command(const User& user, const Account& from, const Account& to,
                                    std::int64_t amount) {
        Posting command = posting(PostingKind::transfer, user, from, amount);
        command.to_account_number = to.account_number;
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

    TransactionQuery query_for(const User& user) {
        TransactionQuery query;
        query.user_id = user.user_id;
        query.limit = 100;
        return query;
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

    ManualClock clock_{from_micros(start_micros)};
    std::unique_ptr<StoreHarness> harness_;
    std::unique_ptr<Store> store_;
};

// ---- users and sessions ----

TEST_P(StoreContractTest, RegistersUsersWithUniqueEmails) {
    const User user = add_user("ada@example.com");
    const auto by_id = store_->find_user(user.user_id);
    ASSERT_TRUE(by_id);
    EXPECT_EQ(by_id->email, "ada@example.com");
    EXPECT_EQ(by_id->full_name, "Ada Lovelace");
    EXPECT_EQ(by_id->created_at, clock_.now());
    EXPECT_EQ(by_id->role, Role::customer);
    EXPECT_EQ(store_->find_user_by_email("ada@example.com")->user_id, user.user_id);
    EXPECT_FALSE(store_->find_user("nobody"));
    EXPECT_FALSE(store_->find_user_by_email("nobody@example.com"));

    User twin;
    twin.user_id = new_id();
    twin.email = "ada@example.com";
    twin.full_name = "Someone Else";
    EXPECT_EQ(write(CreateUser{twin}).status, WriteStatus::email_taken);
    EXPECT_FALSE(store_->find_user(twin.user_id));
    EXPECT_EQ(store_->find_user_by_email("ada@example.com")->full_name, "Ada Lovelace");
}

TEST_P(StoreContractTest, ConcurrentRegistrationsOfOneEmailLetExactlyOneWin) {
    std::vector<std::future<WriteResult>> outcomes;
    for (int index = 0; index < 8; ++index) {
        User user;
        user.user_id = new_id();
        user.email = "race@example.com";
        user.full_name = "Racer " + std::to_string(index);
        auto [done, outcome] = completion_and_outcome();
        store_->submit(CreateUser{user}, std::move(done));
        outcomes.push_back(std::move(outcome));
    }
    int winners = 0;
    for (auto& outcome : outcomes) {
        const WriteStatus status = outcome.get().status;
        if (status == WriteStatus::ok)
            ++winners;
        else
            EXPECT_EQ(status, WriteStatus::email_taken);
    }
    EXPECT_EQ(winners, 1);
    EXPECT_TRUE(store_->find_user_by_email("race@example.com"));
}

TEST_P(StoreContractTest, LocksAfterTooManyFailedLoginsAndASuccessClears) {
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

    // One more failure is counted afresh; the lock stays until a success clears both.
    write(RecordLoginFailure{user.user_id, 5, lock_until});
    ASSERT_EQ(store_->find_user(user.user_id)->failed_logins, 1);
    ASSERT_EQ(store_->find_user(user.user_id)->locked_until, lock_until);
    EXPECT_EQ(write(RecordLoginSuccess{user.user_id}).status, WriteStatus::ok);
    EXPECT_EQ(store_->find_user(user.user_id)->failed_logins, 0);
    EXPECT_EQ(store_->find_user(user.user_id)->locked_until, Timestamp{});
    EXPECT_EQ(write(RecordLoginSuccess{"nobody"}).status, WriteStatus::user_not_found);
}

TEST_P(StoreContractTest, ConcurrentLoginFailuresAreAllCounted) {
    const User user = add_user("ada@example.com");
    const Timestamp lock_until = clock_.now() + limits::lock_duration;
    constexpr int failures = 12;  // two locks (at 5 and 10), then 2 counted
    std::vector<std::future<WriteResult>> outcomes;
    for (int index = 0; index < failures; ++index) {
        auto [done, outcome] = completion_and_outcome();
        store_->submit(RecordLoginFailure{user.user_id, 5, lock_until}, std::move(done));
        outcomes.push_back(std::move(outcome));
    }
    int locks = 0;
    for (auto& outcome : outcomes) {
        const WriteResult result = outcome.get();
        ASSERT_EQ(result.status, WriteStatus::ok);
        if (result.user->failed_logins == 0) ++locks;
    }
    EXPECT_EQ(locks, 2);
    EXPECT_EQ(store_->find_user(user.user_id)->failed_logins, 2);
}

TEST_P(StoreContractTest, CreatesTouchesDeletesAndLimitsSessions) {
    const User user = add_user("ada@example.com");
    ASSERT_EQ(write(CreateSession{session_for(user, "token-a"), 10}).status, WriteStatus::ok);
    const auto found = store_->find_session("token-a");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user_id, user.user_id);
    EXPECT_EQ(found->csrf_secret, "csrf");
    EXPECT_EQ(found->expires_at, clock_.now() + 12h);
    // The read every authenticated request makes: the session with its person.
    const auto signed_in = store_->find_session_and_user("token-a");
    ASSERT_TRUE(signed_in);
    EXPECT_EQ(signed_in->session.token_hash, "token-a");
    EXPECT_EQ(signed_in->session.csrf_secret, "csrf");
    EXPECT_EQ(signed_in->session.created_at, found->created_at);
    EXPECT_EQ(signed_in->session.expires_at, found->expires_at);
    EXPECT_EQ(signed_in->user.user_id, user.user_id);
    EXPECT_EQ(signed_in->user.email, "ada@example.com");
    EXPECT_EQ(signed_in->user.created_at, user.created_at);
    EXPECT_FALSE(store_->find_session_and_user("token-b"));
    const Timestamp later = clock_.now() + 5min;
    EXPECT_EQ(write(TouchSession{"token-a", later}).status, WriteStatus::ok);
    EXPECT_EQ(store_->find_session("token-a")->last_seen, later);
    EXPECT_EQ(store_->find_session_and_user("token-a")->session.last_seen, later);
    EXPECT_EQ(write(DeleteSession{"token-a"}).status, WriteStatus::ok);
    EXPECT_FALSE(store_->find_session("token-a"));
    EXPECT_FALSE(store_->find_session_and_user("token-a"));
    // Touching a session that is gone does not bring it back.
    EXPECT_EQ(write(TouchSession{"token-a", later}).status, WriteStatus::ok);
    EXPECT_FALSE(store_->find_session("token-a"));

    User ghost;
    ghost.user_id = "ghost";
    EXPECT_EQ(write(CreateSession{session_for(ghost, "token"), 10}).status,
              WriteStatus::user_not_found);
    EXPECT_FALSE(store_->find_session("token"));

    for (int index = 0; index < 5; ++index) {
        write(CreateSession{session_for(user, "limited-" + std::to_string(index)), 3});
        clock_.advance(1s);
    }
    EXPECT_FALSE(store_->find_session("limited-0"));
    EXPECT_FALSE(store_->find_session("limited-1"));
    EXPECT_TRUE(store_->find_session("limited-2"));
    EXPECT_TRUE(store_->find_session("limited-3"));
    EXPECT_TRUE(store_->find_session("limited-4"));
}

TEST_P(StoreContractTest, UpdatesProfilesAndAPasswordChangeEndsOtherSessions) {
    const User user = add_user("ada@example.com");
    const User other = add_user("grace@example.com");
    EXPECT_EQ(write(UpdateProfile{user.user_id, "Ada King", "555-0199"}).status, WriteStatus::ok);
    EXPECT_EQ(store_->find_user(user.user_id)->full_name, "Ada King");
    EXPECT_EQ(store_->find_user(user.user_id)->phone, "555-0199");
    EXPECT_EQ(write(UpdateProfile{"nobody", "X", "1"}).status, WriteStatus::user_not_found);

    write(CreateSession{session_for(user, "keep"), 10});
    write(CreateSession{session_for(user, "drop-1"), 10});
    write(CreateSession{session_for(user, "drop-2"), 10});
    write(CreateSession{session_for(other, "other"), 10});
    EXPECT_EQ(write(ChangePassword{user.user_id, "$2b$12$new", "keep"}).status, WriteStatus::ok);
    EXPECT_EQ(store_->find_user(user.user_id)->password_hash, "$2b$12$new");
    // A session's person is read as they are now, not as they were at sign-in.
    const auto kept = store_->find_session_and_user("keep");
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->user.full_name, "Ada King");
    EXPECT_EQ(kept->user.password_hash, "$2b$12$new");
    EXPECT_EQ(store_->find_session_and_user("other")->user.email, "grace@example.com");
    EXPECT_FALSE(store_->find_session_and_user("drop-1"));
    EXPECT_TRUE(store_->find_session("keep"));
    EXPECT_FALSE(store_->find_session("drop-1"));
    EXPECT_FALSE(store_->find_session("drop-2"));
    EXPECT_TRUE(store_->find_session("other"));
    EXPECT_EQ(write(ChangePassword{"nobody", "$2b$12$x", ""}).status, WriteStatus::user_not_found);
}

// ---- the audit log ----

AuditEvent audit_event(const User& user, AuditEventKind kind, Timestamp at, std::string id) {
    AuditEvent event;
    event.event_id = std::move(id);
    event.user_id = user.user_id;
    event.kind = kind;
    event.client_address = "192.0.2.7";
    event.detail = "Wrong password (1 of 5 before sign-in locks)";
    event.at = at;
    return event;
}

// A person starts in UTC (or the zone they registered with); an unknown name or person is
// refused and changes nothing.
TEST_P(StoreContractTest, KeepsEachPersonsTimeZone) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    EXPECT_EQ(store_->find_user(ada.user_id)->time_zone, "UTC");
    const WriteResult set = write(SetTimeZone{ada.user_id, "America/Los_Angeles"});
    ASSERT_EQ(set.status, WriteStatus::ok);
    ASSERT_TRUE(set.user);
    EXPECT_EQ(set.user->time_zone, "America/Los_Angeles");
    EXPECT_EQ(store_->find_user(ada.user_id)->time_zone, "America/Los_Angeles");
    EXPECT_EQ(store_->find_user_by_email("ada@example.com")->time_zone, "America/Los_Angeles");
    EXPECT_EQ(store_->find_user(grace.user_id)->time_zone, "UTC");

    EXPECT_EQ(write(SetTimeZone{ada.user_id, "Mars/Base"}).status, WriteStatus::time_zone_invalid);
    EXPECT_EQ(write(SetTimeZone{ada.user_id, ""}).status, WriteStatus::time_zone_invalid);
    EXPECT_EQ(write(SetTimeZone{"nobody", "Europe/Paris"}).status, WriteStatus::user_not_found);
    const User after = *store_->find_user(ada.user_id);
    EXPECT_EQ(after.time_zone, "America/Los_Angeles");
    EXPECT_EQ(after.full_name, ada.full_name);

    User kiwi;
    kiwi.user_id = "kiwi-user";
    kiwi.email = "kiwi@example.com";
    kiwi.password_hash = "$2b$12$hash";
    kiwi.full_name = "Kiri";
    kiwi.created_at = clock_.now();
    kiwi.time_zone = "Pacific/Auckland";
    ASSERT_EQ(write(CreateUser{kiwi}).status, WriteStatus::ok);
    EXPECT_EQ(store_->find_user("kiwi-user")->time_zone, "Pacific/Auckland");
    kiwi.user_id = "martian";
    kiwi.email = "martian@example.com";
    kiwi.time_zone = "Mars/Base";
    EXPECT_EQ(write(CreateUser{kiwi}).status, WriteStatus::time_zone_invalid);
    EXPECT_FALSE(store_->find_user("martian"));
    EXPECT_FALSE(store_->find_user_by_email("martian@example.com"));
}

TEST_P(StoreContractTest, ListsAUsersAuditEventsNewestFirstAndNoOneElses) {
    const User user = add_user("ada@example.com");
    const User other = add_user("grace@example.com");
    const auto append = [&](AuditEvent event, std::size_t events_max) {
        return write(AppendAuditEvent{std::move(event), events_max}).status;
    };
    const Timestamp start = clock_.now();
    using K = AuditEventKind;
    // Written out of time order; events of one instant order by id.
    ASSERT_EQ(append(audit_event(user, K::login_failed, start + 2s, "e-3"), 200), WriteStatus::ok);
    ASSERT_EQ(append(audit_event(user, K::registered, start, "e-1"), 200), WriteStatus::ok);
    ASSERT_EQ(append(audit_event(user, K::locked_out, start + 2s, "e-4"), 200), WriteStatus::ok);
    ASSERT_EQ(append(audit_event(user, K::login_succeeded, start + 1s, "e-2"), 200),
              WriteStatus::ok);
    ASSERT_EQ(append(audit_event(other, K::logged_out, start + 3s, "o-1"), 200), WriteStatus::ok);
    EXPECT_EQ(append(audit_event(User{}, K::logged_out, start, "x-1"), 200),
              WriteStatus::user_not_found);

    const auto events = store_->list_audit_events(user.user_id, 10);
    ASSERT_EQ(events.size(), 4u);
    EXPECT_EQ(events[0].event_id, "e-4");
    EXPECT_EQ(events[1].event_id, "e-3");
    EXPECT_EQ(events[2].event_id, "e-2");
    EXPECT_EQ(events[3].event_id, "e-1");
    EXPECT_EQ(events[0].kind, K::locked_out);
    EXPECT_EQ(events[0].user_id, user.user_id);
    EXPECT_EQ(events[0].client_address, "192.0.2.7");
    EXPECT_EQ(events[0].detail, "Wrong password (1 of 5 before sign-in locks)");
    EXPECT_EQ(events[0].at, start + 2s);
    EXPECT_EQ(events[3].kind, K::registered);

    const auto newest_two = store_->list_audit_events(user.user_id, 2);
    ASSERT_EQ(newest_two.size(), 2u);
    EXPECT_EQ(newest_two[0].event_id, "e-4");
    EXPECT_EQ(newest_two[1].event_id, "e-3");
    EXPECT_TRUE(store_->list_audit_events(user.user_id, 0).empty());
    EXPECT_TRUE(store_->list_audit_events("nobody", 10).empty());
    const auto others = store_->list_audit_events(other.user_id, 10);
    ASSERT_EQ(others.size(), 1u);
    EXPECT_EQ(others[0].event_id, "o-1");
}

TEST_P(StoreContractTest, KeepsTheNewestAuditEventsOfEachUserWithinTheBound) {
    if (GetParam() == "dynamodb") {
        GTEST_SKIP() << "DynamoDB bounds the log by age (time-to-live), not by count";
    }
    const User user = add_user("ada@example.com");
    const User other = add_user("grace@example.com");
    const auto append = [&](const AuditEvent& event, std::size_t events_max) {
        return write(AppendAuditEvent{event, events_max}).status;
    };
    ASSERT_EQ(append(audit_event(other, AuditEventKind::registered, clock_.now(), "o-0"), 3),
              WriteStatus::ok);
    for (int index = 0; index < 8; ++index) {
        clock_.advance(1s);
        const std::string id = "e-" + std::to_string(index);
        const AuditEvent event =
            audit_event(user, AuditEventKind::login_succeeded, clock_.now(), id);
        ASSERT_EQ(append(event, 3), WriteStatus::ok);
    }
    const auto events = store_->list_audit_events(user.user_id, 100);
    ASSERT_EQ(events.size(), 3u) << "trimmed in the write that adds one";
    EXPECT_EQ(events[0].event_id, "e-7");
    EXPECT_EQ(events[2].event_id, "e-5");
    EXPECT_EQ(store_->list_audit_events(other.user_id, 100).size(), 1u) << "per user";
}

// A batch (the scheduler's outcomes of a round) in one command: each event decided as if
// appended alone, an unknown person's refused without its neighbours, across more than one
// DynamoDB request (100 items each), and each person's log trimmed to the bound on a store
// that bounds it by count.
TEST_P(StoreContractTest, AppendsABatchOfAuditEventsEachAsIfAlone) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Timestamp start = clock_.now();
    using K = AuditEventKind;
    const WriteResult empty = write(AppendAuditEvents{{}, 200});
    EXPECT_EQ(empty.status, WriteStatus::ok);
    EXPECT_TRUE(empty.items.empty());

    std::vector<AuditEvent> events{audit_event(ada, K::standing_order_posted, start, "e-1"),
                                   audit_event(User{}, K::standing_order_posted, start, "x-1"),
                                   audit_event(grace, K::standing_order_failed, start, "g-1"),
                                   audit_event(ada, K::standing_order_skipped, start + 1s, "e-2")};
    const WriteResult first = write(AppendAuditEvents{events, 200});
    ASSERT_EQ(first.status, WriteStatus::ok);
    ASSERT_EQ(first.items.size(), 4u);
    EXPECT_EQ(first.items[0].status, WriteStatus::ok);
    EXPECT_EQ(first.items[1].status, WriteStatus::user_not_found);
    EXPECT_EQ(first.items[2].status, WriteStatus::ok);
    EXPECT_EQ(first.items[3].status, WriteStatus::ok);
    const auto adas = store_->list_audit_events(ada.user_id, 10);
    ASSERT_EQ(adas.size(), 2u);
    EXPECT_EQ(adas[0].event_id, "e-2");
    EXPECT_EQ(adas[0].kind, K::standing_order_skipped);
    EXPECT_EQ(adas[0].detail, "Wrong password (1 of 5 before sign-in locks)");
    EXPECT_EQ(adas[1].event_id, "e-1");
    ASSERT_EQ(store_->list_audit_events(grace.user_id, 10).size(), 1u);
    EXPECT_EQ(store_->list_audit_events(grace.user_id, 10)[0].kind, K::standing_order_failed);

    events.clear();
    for (int index = 0; index < 150; ++index) {
        const std::string id = "b-" + std::to_string(1000 + index);
        events.push_back(audit_event(ada, K::standing_order_posted, start + 2s, id));
    }
    const WriteResult second = write(AppendAuditEvents{events, 100});
    ASSERT_EQ(second.status, WriteStatus::ok);
    ASSERT_EQ(second.items.size(), 150u);
    for (const WriteResult& item : second.items) EXPECT_EQ(item.status, WriteStatus::ok);
    const auto after = store_->list_audit_events(ada.user_id, 500);
    // SQLite keeps the newest 100 (trimmed once, after the batch); DynamoDB bounds the log by
    // age (time-to-live), so it keeps all 152.
    const std::size_t kept = GetParam() == "dynamodb" ? 152u : 100u;
    ASSERT_EQ(after.size(), kept);
    EXPECT_EQ(after[0].event_id, "b-1149") << "newest first";
    EXPECT_EQ(after[99].event_id, "b-1050");
    EXPECT_EQ(store_->list_audit_events(grace.user_id, 10).size(), 1u) << "per person";
}

// Every event of a batch is stored exactly once, though a request fails on the way: on
// DynamoDB (three requests of up to 100) one request is refused unsent and another is applied
// with its answer lost, and the store sends again only what is not stored; SQLite writes the
// batch in one savepoint. A DynamoDB that refuses every try answers each event unavailable
// after new_item_tries_max tries of each request, and stores none.
TEST_P(StoreContractTest, EveryEventOfABatchIsStoredOnceThoughARequestFails) {
    const User ada = add_user("ada@example.com");
    const Timestamp start = clock_.now();
    std::vector<AuditEvent> events;
    for (int index = 0; index < 250; ++index) {
        events.push_back(audit_event(ada, AuditEventKind::standing_order_posted, start,
                                     "r-" + std::to_string(1000 + index)));
    }
    auto* dynamodb = dynamic_cast<DynamoDbStore*>(store_.get());
    std::atomic<int> transactions{0};
    using Fault = DynamoDbClient::Fault;
    if (dynamodb != nullptr) {
        dynamodb->client().inject_fault([&](std::string_view operation) {
            if (operation != "TransactWriteItems") return Fault::none;
            const int number = ++transactions;
            if (number == 1) return Fault::refuse;
            return number == 2 ? Fault::lose_answer : Fault::none;
        });
    }
    const WriteResult result = write(AppendAuditEvents{events, 500});
    ASSERT_EQ(result.status, WriteStatus::ok);
    ASSERT_EQ(result.items.size(), 250u);
    for (const WriteResult& item : result.items) EXPECT_EQ(item.status, WriteStatus::ok);
    const auto stored = store_->list_audit_events(ada.user_id, 1000);
    ASSERT_EQ(stored.size(), 250u) << "none lost, none doubled";
    std::set<std::string> ids;
    for (const AuditEvent& event : stored) ids.insert(event.event_id);
    EXPECT_EQ(ids.size(), 250u);
    if (dynamodb == nullptr) return;
    // Three requests, the refused one and the one whose answer was lost each sent again.
    EXPECT_EQ(transactions.load(), 5);

    const User grace = add_user("grace@example.com");
    std::vector<AuditEvent> lost{
        audit_event(grace, AuditEventKind::standing_order_failed, start, "g-1")};
    transactions = 0;
    dynamodb->client().inject_fault([&](std::string_view operation) {
        if (operation == "TransactWriteItems") ++transactions;
        return operation == "TransactWriteItems" ? Fault::refuse : Fault::none;
    });
    const WriteResult refused = write(AppendAuditEvents{lost, 500});
    dynamodb->client().inject_fault(nullptr);
    ASSERT_EQ(refused.items.size(), 1u);
    EXPECT_EQ(refused.items[0].status, WriteStatus::unavailable);
    EXPECT_EQ(transactions.load(), dynamodb_limits::new_item_tries_max);
    EXPECT_TRUE(store_->list_audit_events(grace.user_id, 10).empty());
}

// ---- accounts ----

TEST_P(StoreContractTest, OpensAccountsWithValidNumbersAndOpeningDeposits) {
    const User user = add_user("ada@example.com");
    const WriteResult empty = write(OpenAccount{user.user_id, AccountType::savings, {}, 10});
    ASSERT_EQ(empty.status, WriteStatus::ok);
    ASSERT_TRUE(empty.account);
    EXPECT_TRUE(empty.transactions.empty());
    EXPECT_TRUE(AccountNumber::parse(empty.account->account_number).ok());
    EXPECT_EQ(empty.account->account_type, AccountType::savings);
    EXPECT_EQ(empty.account->balance, Money{});
    EXPECT_EQ(empty.account->created_at, clock_.now());

    const WriteResult funded =
        write(OpenAccount{user.user_id, AccountType::checking, cents(12'345), 10});
    ASSERT_EQ(funded.status, WriteStatus::ok);
    EXPECT_EQ(funded.account->balance, cents(12'345));
    ASSERT_EQ(funded.transactions.size(), 1u);
    EXPECT_EQ(funded.transactions[0].description, "Opening deposit");
    EXPECT_EQ(funded.transactions[0].transaction_type, TransactionType::deposit);
    EXPECT_EQ(funded.transactions[0].balance_after, cents(12'345));
    EXPECT_EQ(balance(*funded.account), cents(12'345));
    EXPECT_EQ(store_->list_transactions(query_for(user)).size(), 1u);

    const auto accounts = store_->list_accounts(user.user_id);
    ASSERT_EQ(accounts.size(), 2u);
    EXPECT_EQ(accounts[0].account_id, empty.account->account_id);
    EXPECT_EQ(accounts[1].account_id, funded.account->account_id);
    EXPECT_EQ(store_->find_account_by_number(funded.account->account_number)->account_id,
              funded.account->account_id);
    EXPECT_FALSE(store_->find_account_by_number("0000000000"));
    EXPECT_FALSE(store_->find_account("missing"));
    EXPECT_TRUE(store_->list_accounts("nobody").empty());
}

TEST_P(StoreContractTest, RefusesAccountsBeyondTheLimitAndBadOpenings) {
    const User user = add_user("ada@example.com");
    const Account first = open(user);
    open(user);
    EXPECT_EQ(write(OpenAccount{user.user_id, AccountType::checking, {}, 2}).status,
              WriteStatus::too_many_accounts);
    ASSERT_EQ(write(CloseAccount{user.user_id, first.account_id}).status, WriteStatus::ok);
    EXPECT_EQ(write(OpenAccount{user.user_id, AccountType::checking, {}, 2}).status,
              WriteStatus::ok);
    EXPECT_EQ(write(OpenAccount{"nobody", AccountType::checking, {}, 10}).status,
              WriteStatus::user_not_found);
    EXPECT_EQ(write(OpenAccount{user.user_id, AccountType::checking,
                                cents(limits::amount_cents_max + 1), 10})
                  .status,
              WriteStatus::amount_invalid);
    EXPECT_EQ(write(OpenAccount{user.user_id, AccountType::checking, cents(-5), 10}).status,
              WriteStatus::amount_invalid);
    EXPECT_EQ(store_->list_accounts(user.user_id).size(), 3u);
    EXPECT_EQ(transaction_count(), 0);
}

TEST_P(StoreContractTest, ClosesOnlyTheUsersOwnEmptyActiveAccount) {
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

TEST_P(StoreContractTest, DepositsWithdrawsAndTransfers) {
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
    EXPECT_EQ(withdrawn.transactions.at(0).balance_after, cents(7'500));

    const WriteResult moved = write(transfer_command(ada, from, to, 5'000));
    ASSERT_EQ(moved.status, WriteStatus::ok);
    EXPECT_EQ(moved.account->balance, cents(2'500));
    ASSERT_EQ(moved.transactions.size(), 2u);
    const Transaction& out = moved.transactions[0];
    const Transaction& in = moved.transactions[1];
    EXPECT_EQ(out.transaction_type, TransactionType::transfer_out);
    EXPECT_EQ(out.account_id, from.account_id);
    EXPECT_EQ(out.counterparty_account_number, to.account_number);
    EXPECT_EQ(in.transaction_type, TransactionType::transfer_in);
    EXPECT_EQ(in.account_id, to.account_id);
    EXPECT_EQ(in.counterparty_account_number, from.account_number);
    EXPECT_EQ(in.balance_after, cents(5'000));
    EXPECT_EQ(out.transfer_id, in.transfer_id);
    EXPECT_LT(out.sequence, in.sequence);
    EXPECT_LT(withdrawn.transactions[0].sequence, out.sequence);
    EXPECT_EQ(balance(from), cents(2'500));
    EXPECT_EQ(balance(to), cents(5'000));
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_P(StoreContractTest, RefusedPostingsChangeNothing) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account account = open(ada, cents(1'000));
    const Account graces = open(grace, cents(500));
    const Account closed = open(grace);
    ASSERT_EQ(write(CloseAccount{grace.user_id, closed.account_id}).status, WriteStatus::ok);
    Posting to_nowhere = transfer_command(ada, account, account, 100);
    to_nowhere.to_account_number = "0000000000";
    const std::vector<std::pair<Posting, WriteStatus>> cases = {
        {posting(PostingKind::deposit, ada, account, 0), WriteStatus::amount_invalid},
        {posting(PostingKind::deposit, ada, account, limits::amount_cents_max + 1),
         WriteStatus::amount_invalid},
        {posting(PostingKind::withdrawal, ada, graces, 100), WriteStatus::account_not_found},
        {posting(PostingKind::withdrawal, ada, Account{}, 100), WriteStatus::account_not_found},
        {posting(PostingKind::deposit, grace, closed, 100), WriteStatus::account_closed},
        {posting(PostingKind::withdrawal, ada, account, 1'001), WriteStatus::insufficient_funds},
        {transfer_command(ada, account, graces, 1'001), WriteStatus::insufficient_funds},
        {to_nowhere, WriteStatus::counterparty_not_found},
        {transfer_command(ada, account, closed, 100), WriteStatus::counterparty_closed},
        {transfer_command(ada, account, account, 100), WriteStatus::same_account},
    };
    const std::int64_t rows_before = transaction_count();
    const RollupMap rollups_before = stored_rollups();
    for (const auto& [command, expected] : cases) {
        EXPECT_EQ(write(command).status, expected) << to_string(expected);
    }
    EXPECT_EQ(transaction_count(), rows_before);
    EXPECT_EQ(stored_rollups(), rollups_before);
    EXPECT_EQ(balance(account), cents(1'000));
    EXPECT_EQ(balance(graces), cents(500));
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

// ---- idempotency ----

Posting keyed(Posting command, const std::string& key, const std::string& fingerprint) {
    command.idempotency_key = key;
    command.request_fingerprint = fingerprint;
    return command;
}

TEST_P(StoreContractTest, ARepeatedRequestAnswersDuplicateWithTheOriginalRows) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account adas = open(ada, cents(1'000));
    const Account graces = open(grace);
    const Posting command = keyed(transfer_command(ada, adas, graces, 300), "k", "fp-transfer");
    const WriteResult first = write(command);
    ASSERT_EQ(first.status, WriteStatus::ok);
    ASSERT_EQ(deposit(ada, adas, 5).status, WriteStatus::ok);
    clock_.advance(limits::idempotency_window - 1s);
    const WriteResult again = write(command);
    ASSERT_EQ(again.status, WriteStatus::duplicate);
    ASSERT_EQ(again.transactions.size(), 2u);
    EXPECT_EQ(again.transactions[0].transaction_id, first.transactions[0].transaction_id);
    EXPECT_EQ(again.transactions[0].transaction_type, TransactionType::transfer_out);
    EXPECT_EQ(again.transactions[1].transaction_id, first.transactions[1].transaction_id);
    EXPECT_EQ(again.account->account_id, adas.account_id);
    EXPECT_EQ(again.account->balance, cents(705));  // as it is now
    EXPECT_EQ(balance(graces), cents(300));
    EXPECT_EQ(transaction_count(), 4);  // opening, transfer (2 legs), deposit

    const RollupMap rollups_before = stored_rollups();
    const WriteResult conflict =
        write(keyed(posting(PostingKind::deposit, ada, adas, 1), "k", "fp-other"));
    EXPECT_EQ(conflict.status, WriteStatus::idempotency_conflict);
    EXPECT_TRUE(conflict.transactions.empty());
    // A key is the user's across all of their accounts.
    const Account savings = open(ada);
    EXPECT_EQ(write(keyed(posting(PostingKind::deposit, ada, savings, 1), "k", "fp-other")).status,
              WriteStatus::idempotency_conflict);
    EXPECT_EQ(balance(adas), cents(705));
    EXPECT_EQ(balance(savings), Money{});
    EXPECT_EQ(transaction_count(), 4);
    EXPECT_EQ(stored_rollups(), rollups_before);
    // The original request is still recognised.
    EXPECT_EQ(write(command).status, WriteStatus::duplicate);
    // Keys are per user.
    EXPECT_EQ(
        write(keyed(posting(PostingKind::deposit, grace, graces, 1), "k", "fp-transfer")).status,
        WriteStatus::ok);
    EXPECT_EQ(balance(graces), cents(301));
    EXPECT_EQ(stored_rollups(), recomputed_rollups());
}

// What a step-up reads before asking (StepUpService::is_remembered_request).
TEST_P(StoreContractTest, ARememberedRequestIsFoundByItsPersonAndKeyOnly) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account adas = open(ada, cents(1'000));
    const Account graces = open(grace);
    EXPECT_FALSE(store_->find_remembered_request(ada.user_id, "rent"));
    ASSERT_EQ(
        write(keyed(posting(PostingKind::withdrawal, ada, adas, 5'000), "refused", "fp-r")).status,
        WriteStatus::insufficient_funds);
    const Timestamp posted_at = clock_.now();
    ASSERT_EQ(write(keyed(transfer_command(ada, adas, graces, 300), "rent", "fp-rent")).status,
              WriteStatus::ok);
    clock_.advance(1h);

    const auto remembered = store_->find_remembered_request(ada.user_id, "rent");
    ASSERT_TRUE(remembered);
    EXPECT_EQ(remembered->request_fingerprint, "fp-rent");
    EXPECT_EQ(remembered->created_at, posted_at);
    EXPECT_FALSE(store_->find_remembered_request(grace.user_id, "rent")) << "keys are per person";
    EXPECT_FALSE(store_->find_remembered_request(ada.user_id, "other"));
    EXPECT_FALSE(store_->find_remembered_request(ada.user_id, ""));
    EXPECT_FALSE(store_->find_remembered_request(ada.user_id, "refused"))
        << "a refused request leaves no record";
}

TEST_P(StoreContractTest, AKeyPostsAnewAfterTheWindowAndARefusalDoesNotTakeIt) {
    const User ada = add_user("ada@example.com");
    const Account adas = open(ada, cents(1'000));
    ASSERT_EQ(write(keyed(posting(PostingKind::withdrawal, ada, adas, 5'000), "k", "fp-w")).status,
              WriteStatus::insufficient_funds);
    const WriteResult first =
        write(keyed(posting(PostingKind::deposit, ada, adas, 100), "k", "fp"));
    ASSERT_EQ(first.status, WriteStatus::ok);
    clock_.advance(24h + 1s);
    const WriteResult second =
        write(keyed(posting(PostingKind::deposit, ada, adas, 100), "k", "fp"));
    ASSERT_EQ(second.status, WriteStatus::ok);
    EXPECT_NE(second.transactions.at(0).transaction_id, first.transactions.at(0).transaction_id);
    const WriteResult again =
        write(keyed(posting(PostingKind::deposit, ada, adas, 100), "k", "fp"));
    ASSERT_EQ(again.status, WriteStatus::duplicate);
    ASSERT_EQ(again.transactions.size(), 1u);
    EXPECT_EQ(again.transactions[0].transaction_id, second.transactions.at(0).transaction_id);
    EXPECT_EQ(again.account->balance, cents(1'200));
    EXPECT_EQ(balance(adas), cents(1'200));
    // An expired key takes another request too.
    clock_.advance(24h + 1s);
    EXPECT_EQ(write(keyed(posting(PostingKind::deposit, ada, adas, 300), "k", "fp-2")).status,
              WriteStatus::ok);
    EXPECT_EQ(balance(adas), cents(1'500));
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_P(StoreContractTest, ConcurrentSubmitsOfOneKeyPostExactlyOnce) {
    const User ada = add_user("ada@example.com");
    const Account adas = open(ada, cents(1'000));
    constexpr int submits = 16;
    std::vector<std::future<WriteResult>> outcomes;
    for (int index = 0; index < submits; ++index) {
        auto [done, outcome] = completion_and_outcome();
        store_->submit(keyed(posting(PostingKind::deposit, ada, adas, 250), "once", "fp"),
                       std::move(done));
        outcomes.push_back(std::move(outcome));
    }
    int applied = 0;
    int duplicates = 0;
    std::set<std::string> ids;
    for (auto& outcome : outcomes) {
        const WriteResult result = outcome.get();
        if (result.status == WriteStatus::ok) ++applied;
        if (result.status == WriteStatus::duplicate) ++duplicates;
        if (!result.transactions.empty()) ids.insert(result.transactions[0].transaction_id);
    }
    EXPECT_EQ(applied, 1);
    EXPECT_EQ(duplicates, submits - 1);
    EXPECT_EQ(ids.size(), 1u);
    EXPECT_EQ(balance(adas), cents(1'250));
    EXPECT_EQ(transaction_count(), 2);
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

// ---- rollups, recategorising, rules ----

TEST_P(StoreContractTest, RollupsFollowEveryPostingAndRecategorisation) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account checking = open(ada, cents(10'000));
    const Account graces = open(grace, cents(500));
    Posting groceries = posting(PostingKind::withdrawal, ada, checking, 1'200);
    groceries.category = "groceries";
    const WriteResult bought = write(groceries);
    ASSERT_EQ(bought.status, WriteStatus::ok);
    const WriteResult moved = write(transfer_command(ada, checking, graces, 3'000));
    ASSERT_EQ(moved.status, WriteStatus::ok);
    clock_.advance(24h * 31);  // into February
    ASSERT_EQ(deposit(ada, checking, 700).status, WriteStatus::ok);

    using Pair = std::pair<std::int64_t, std::int64_t>;
    RollupMap rollups = stored_rollups();
    EXPECT_EQ(rollups, recomputed_rollups());
    EXPECT_EQ(rollups[RollupKey(checking.account_id, "2036-01", "", TransactionType::deposit)],
              (Pair{10'000, 1}));
    EXPECT_EQ(rollups[RollupKey(graces.account_id, "2036-01", "", TransactionType::transfer_in)],
              (Pair{3'000, 1}));
    // Months are inclusive at both ends; an account filter and a user keep to their own.
    EXPECT_EQ(store_->list_rollups(ada.user_id, "", "2036-02", "2036-02").size(), 1u);
    EXPECT_EQ(store_->list_rollups(ada.user_id, "", "", "2036-01").size(), 3u);
    const auto from_february = store_->list_rollups(ada.user_id, "", "2036-02", "");
    ASSERT_EQ(from_february.size(), 1u);
    EXPECT_EQ(from_february[0].month, "2036-02");
    const auto february =
        store_->list_rollups(ada.user_id, checking.account_id, "2036-02", "2036-02");
    ASSERT_EQ(february.size(), 1u);
    EXPECT_EQ(february[0].total, cents(700));
    EXPECT_EQ(february[0].count, 1);
    EXPECT_EQ(february[0].transaction_type, TransactionType::deposit);
    EXPECT_TRUE(store_->list_rollups(ada.user_id, graces.account_id, "", "").empty());
    EXPECT_EQ(store_->list_rollups(grace.user_id, "", "", "").size(), 2u);

    const std::string bought_id = bought.transactions.at(0).transaction_id;
    EXPECT_EQ(store_->find_transaction(ada.user_id, bought_id)->amount, cents(1'200));
    EXPECT_FALSE(store_->find_transaction(grace.user_id, bought_id));
    EXPECT_FALSE(store_->find_transaction(ada.user_id, "no-such-id"));
    const WriteResult recategorised = write(Recategorize{ada.user_id, bought_id, "dining"});
    ASSERT_EQ(recategorised.status, WriteStatus::ok);
    ASSERT_EQ(recategorised.transactions.size(), 1u);
    EXPECT_EQ(recategorised.transactions[0].transaction_id, bought_id);
    EXPECT_EQ(recategorised.transactions[0].category, "dining");
    EXPECT_EQ(store_->find_transaction(ada.user_id, bought_id)->category, "dining");
    rollups = stored_rollups();
    // The last row of a rollup leaves no empty rollup behind.
    EXPECT_EQ(rollups.count(RollupKey(checking.account_id, "2036-01", "groceries",
                                      TransactionType::withdrawal)),
              0u);
    EXPECT_EQ(rollups, recomputed_rollups());
    // The same category again changes nothing.
    const WriteResult again = write(Recategorize{ada.user_id, bought_id, "dining"});
    EXPECT_EQ(again.status, WriteStatus::ok);
    EXPECT_EQ(again.transactions.at(0).category, "dining");
    EXPECT_EQ(stored_rollups(), rollups);

    // Only the owner of a row recategorises it: of a transfer, only the payer's leg is Ada's.
    const std::string in_leg = moved.transactions.at(1).transaction_id;
    EXPECT_EQ(write(Recategorize{ada.user_id, in_leg, "rent"}).status,
              WriteStatus::transaction_not_found);
    EXPECT_EQ(write(Recategorize{grace.user_id, bought_id, "stolen"}).status,
              WriteStatus::transaction_not_found);
    EXPECT_EQ(write(Recategorize{ada.user_id, "no-such-id", "rent"}).status,
              WriteStatus::transaction_not_found);
    EXPECT_EQ(store_->find_transaction(ada.user_id, bought_id)->category, "dining");
    EXPECT_EQ(stored_rollups(), rollups);
    EXPECT_FALSE(store_->find_transaction(ada.user_id, in_leg));
    EXPECT_TRUE(store_->find_transaction(grace.user_id, in_leg));
    const std::string out_leg = moved.transactions.at(0).transaction_id;
    ASSERT_EQ(write(Recategorize{ada.user_id, out_leg, "rent"}).status, WriteStatus::ok);
    EXPECT_EQ(store_->find_transaction(grace.user_id, in_leg)->category, "");
    EXPECT_EQ(stored_rollups(), recomputed_rollups());

    const auto totals = store_->monthly_totals(ada.user_id, "");
    ASSERT_EQ(totals.size(), 4u);  // Jan: deposit, transfer_out, withdrawal; Feb: deposit
    const auto expect_total = [&](std::size_t index, const char* month, TransactionType type,
                                  std::int64_t total) {
        EXPECT_EQ(totals[index].month, month) << index;
        EXPECT_EQ(totals[index].transaction_type, type) << index;
        EXPECT_EQ(totals[index].total, cents(total)) << index;
        EXPECT_EQ(totals[index].count, 1) << index;
    };
    expect_total(0, "2036-01", TransactionType::deposit, 10'000);
    expect_total(1, "2036-01", TransactionType::transfer_out, 3'000);
    expect_total(2, "2036-01", TransactionType::withdrawal, 1'200);
    expect_total(3, "2036-02", TransactionType::deposit, 700);
    EXPECT_EQ(store_->monthly_totals(ada.user_id, checking.account_id).size(), 4u);
    EXPECT_TRUE(store_->monthly_totals(ada.user_id, graces.account_id).empty());
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_P(StoreContractTest, CreatesListsAndDeletesCategoryRules) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const auto rule = [&](const std::string& user_id, const std::string& pattern) {
        CategoryRule made;
        made.rule_id = new_id();
        made.user_id = user_id;
        made.pattern = pattern;
        made.category = "dining";
        made.created_at = clock_.now();
        clock_.advance(1s);
        return made;
    };
    const CategoryRule coffee = rule(ada.user_id, "coffee");
    const CategoryRule bakery = rule(ada.user_id, "bakery");
    ASSERT_EQ(write(CreateCategoryRule{bakery, 2}).status, WriteStatus::ok);
    ASSERT_EQ(write(CreateCategoryRule{coffee, 2}).status, WriteStatus::ok);
    EXPECT_EQ(write(CreateCategoryRule{rule(ada.user_id, "tea"), 2}).status,
              WriteStatus::too_many_rules);
    EXPECT_EQ(write(CreateCategoryRule{rule("nobody", "tea"), 2}).status,
              WriteStatus::user_not_found);
    // The limit is each user's own.
    EXPECT_EQ(write(CreateCategoryRule{rule(grace.user_id, "tea"), 2}).status, WriteStatus::ok);
    auto rules = store_->list_category_rules(ada.user_id);
    ASSERT_EQ(rules.size(), 2u);
    EXPECT_EQ(rules[0].pattern, "coffee");  // by created_at, not by insertion
    EXPECT_EQ(rules[0].category, "dining");
    EXPECT_EQ(rules[0].created_at, coffee.created_at);
    EXPECT_EQ(rules[1].pattern, "bakery");
    EXPECT_EQ(write(DeleteCategoryRule{"nobody", coffee.rule_id}).status,
              WriteStatus::rule_not_found);
    EXPECT_EQ(write(DeleteCategoryRule{grace.user_id, coffee.rule_id}).status,
              WriteStatus::rule_not_found);
    EXPECT_EQ(write(DeleteCategoryRule{ada.user_id, "no-such-rule"}).status,
              WriteStatus::rule_not_found);
    EXPECT_EQ(store_->list_category_rules(ada.user_id).size(), 2u);
    EXPECT_EQ(write(DeleteCategoryRule{ada.user_id, coffee.rule_id}).status, WriteStatus::ok);
    EXPECT_EQ(write(DeleteCategoryRule{ada.user_id, coffee.rule_id}).status,
              WriteStatus::rule_not_found);
    rules = store_->list_category_rules(ada.user_id);
    ASSERT_EQ(rules.size(), 1u);
    EXPECT_EQ(rules[0].rule_id, bakery.rule_id);
    // Below the limit again.
    EXPECT_EQ(write(CreateCategoryRule{rule(ada.user_id, "tea"), 2}).status, WriteStatus::ok);
    EXPECT_EQ(store_->list_category_rules(ada.user_id).size(), 2u);
    EXPECT_EQ(store_->list_category_rules(grace.user_id).size(), 1u);
}

// ---- history ----

TEST_P(StoreContractTest, ListsFiltersAndPagesTheHistoryNewestFirst) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account checking = open(ada);
    const Account savings = open(ada);
    const Account graces = open(grace);
    const char* descriptions[] = {"Coffee Shop",  "100% refund", "Rent",
                                  "coffee beans", "snake_case",  "Salary"};
    for (int index = 0; index < 6; ++index) {
        Posting command =
            posting(PostingKind::deposit, ada, index % 2 ? savings : checking, 1'000 + index);
        command.description = descriptions[index];
        ASSERT_EQ(write(command).status, WriteStatus::ok);
        clock_.advance(24h);
    }
    ASSERT_EQ(write(transfer_command(ada, checking, graces, 500)).status, WriteStatus::ok);
    ASSERT_EQ(deposit(grace, graces, 9'999).status, WriteStatus::ok);

    const auto rows = store_->list_transactions(query_for(ada));
    ASSERT_EQ(rows.size(), 7u);
    for (std::size_t index = 1; index < rows.size(); ++index) {
        EXPECT_GT(rows[index - 1].sequence, rows[index].sequence);
    }
    EXPECT_EQ(rows[0].transaction_type, TransactionType::transfer_out);
    for (const Transaction& row : rows) EXPECT_NE(row.account_id, graces.account_id);

    const auto descriptions_of = [&](const TransactionQuery& query) {
        std::vector<std::string> result;
        for (const Transaction& row : store_->list_transactions(query)) {
            result.push_back(row.description);
        }
        return result;
    };
    TransactionQuery by_account = query_for(ada);
    by_account.account_id = savings.account_id;
    EXPECT_EQ(descriptions_of(by_account),
              (std::vector<std::string>{"Salary", "coffee beans", "100% refund"}));
    TransactionQuery sneaky = query_for(ada);
    sneaky.account_id = graces.account_id;
    EXPECT_TRUE(store_->list_transactions(sneaky).empty());
    TransactionQuery by_type = query_for(ada);
    by_type.type = TransactionType::transfer_out;
    EXPECT_EQ(store_->list_transactions(by_type).size(), 1u);
    TransactionQuery by_time = query_for(ada);
    by_time.from = from_micros(start_micros) + 24h;
    by_time.to = from_micros(start_micros) + 72h;
    EXPECT_EQ(descriptions_of(by_time), (std::vector<std::string>{"Rent", "100% refund"}));
    TransactionQuery coffee = query_for(ada);
    coffee.text = "COFFEE";
    EXPECT_EQ(descriptions_of(coffee), (std::vector<std::string>{"coffee beans", "Coffee Shop"}));
    TransactionQuery percent = query_for(ada);
    percent.text = "%";
    EXPECT_EQ(descriptions_of(percent), (std::vector<std::string>{"100% refund"}));
    TransactionQuery underscore = query_for(ada);
    underscore.text = "e_c";
    EXPECT_EQ(descriptions_of(underscore), (std::vector<std::string>{"snake_case"}));
    TransactionQuery graces_coffee = query_for(grace);
    graces_coffee.text = "coffee";
    EXPECT_TRUE(store_->list_transactions(graces_coffee).empty());

    std::vector<std::int64_t> seen;
    TransactionQuery page = query_for(ada);
    page.limit = 3;
    for (int pages = 0; pages < 10; ++pages) {
        const auto batch = store_->list_transactions(page);
        for (const Transaction& row : batch) seen.push_back(row.sequence);
        if (batch.size() < page.limit) break;
        page.before_sequence = batch.back().sequence;
    }
    ASSERT_EQ(seen.size(), rows.size());
    for (std::size_t index = 0; index < rows.size(); ++index)
        EXPECT_EQ(seen[index], rows[index].sequence);
}

TEST_P(StoreContractTest, SortsByTimeOrAmountAndFiltersByCategoryAndAmount) {
    const User ada = add_user("ada@example.com");
    const Account checking = open(ada);
    const Account savings = open(ada);
    const std::int64_t amounts[] = {500, 200, 900, 200, 700, 100};
    for (int index = 0; index < 6; ++index) {
        Posting command =
            posting(PostingKind::deposit, ada, index % 2 ? savings : checking, amounts[index]);
        command.category = index % 3 == 0 ? "income" : "other";
        ASSERT_EQ(write(command).status, WriteStatus::ok);
        clock_.advance(1h);
    }
    const auto amounts_of = [&](TransactionQuery query) {
        std::vector<std::int64_t> result;
        for (int pages = 0; pages < 10; ++pages) {
            const auto batch = store_->list_transactions(query);
            for (const Transaction& row : batch) result.push_back(row.amount.cents());
            if (batch.size() < query.limit) break;
            query.continue_after(batch.back());
        }
        return result;
    };
    TransactionQuery query = query_for(ada);
    query.limit = 2;
    query.sort = TransactionSort::oldest;
    EXPECT_EQ(amounts_of(query), (std::vector<std::int64_t>{500, 200, 900, 200, 700, 100}));
    query.sort = TransactionSort::newest;
    EXPECT_EQ(amounts_of(query), (std::vector<std::int64_t>{100, 700, 200, 900, 200, 500}));
    query.sort = TransactionSort::largest;
    EXPECT_EQ(amounts_of(query), (std::vector<std::int64_t>{900, 700, 500, 200, 200, 100}));
    query.sort = TransactionSort::smallest;
    EXPECT_EQ(amounts_of(query), (std::vector<std::int64_t>{100, 200, 200, 500, 700, 900}));

    TransactionQuery income = query_for(ada);
    income.category = "income";
    EXPECT_EQ(amounts_of(income), (std::vector<std::int64_t>{200, 500}));
    TransactionQuery middle = query_for(ada);
    middle.min_amount = cents(200);
    middle.max_amount = cents(700);
    middle.sort = TransactionSort::smallest;
    EXPECT_EQ(amounts_of(middle), (std::vector<std::int64_t>{200, 200, 500, 700}));
}

// ---- analytics reads ----

// The top payees (whole months from the payee rollups, partial edge months from the
// postings), the largest and the unusual postings, each against a plain loop over the raw
// rows, on a seeded random history and periods with partial months at both ends.
TEST_P(StoreContractTest, PayeeRollupsAndThePeriodFiguresEqualTheRawPostings) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account checking = open(ada, cents(2'000'000));
    const Account savings = open(ada, cents(500'000));
    const Account graces = open(grace, cents(10'000));
    std::mt19937_64 random(GetParam() == "dynamodb" ? 11 : 7);
    const auto between = [&](std::int64_t low, std::int64_t high) {
        return std::uniform_int_distribution<std::int64_t>(low, high)(random);
    };
    const std::vector<std::string> payees = {"Corner shop", "Landlord", "", "Cafe", "Airline"};
    const std::vector<std::string> categories = {"", "groceries", "rent", "travel"};
    // DynamoDB Local takes a few milliseconds a posting: fewer, further apart.
    const bool slow = GetParam() == "dynamodb";
    const int count = slow ? 90 : 300;
    for (int index = 0; index < count; ++index) {
        clock_.advance(std::chrono::minutes(slow ? between(300, 3000) : between(60, 1000)));
        const std::int64_t kind = between(0, 9);
        const Account& account = between(0, 2) == 0 ? savings : checking;
        const std::int64_t amount =
            between(0, 11) == 0 ? between(100'000, 300'000) : between(100, 20'000);
        Posting command = posting(kind < 2   ? PostingKind::deposit
                                  : kind < 7 ? PostingKind::withdrawal
                                             : PostingKind::transfer,
                                  ada, account, amount);
        if (kind >= 7) {
            command.to_account_number = kind == 9               ? graces.account_number
                                        : &account == &checking ? savings.account_number
                                                                : checking.account_number;
        }
        command.description = payees[static_cast<std::size_t>(between(0, 4))];
        command.category = categories[static_cast<std::size_t>(between(0, 3))];
        const WriteStatus status = write(command).status;
        ASSERT_TRUE(status == WriteStatus::ok || status == WriteStatus::insufficient_funds);
    }
    Posting others = posting(PostingKind::withdrawal, grace, graces, 999);
    others.description = "Corner shop";
    ASSERT_EQ(write(others).status, WriteStatus::ok);
    clock_.advance(1h);

    using PayeeKey = std::tuple<std::string, std::string, std::string>;
    std::map<PayeeKey, std::pair<std::int64_t, std::int64_t>> stored, recomputed;
    store_->for_each_payee_rollup([&](const PayeeRollup& rollup) {
        stored[{rollup.account_id, rollup.month, rollup.description}] = {rollup.total.cents(),
                                                                         rollup.count};
    });
    std::vector<Transaction> rows;  // Ada's, oldest first
    store_->for_each_transaction([&](const Transaction& row) {
        if (!is_credit(row.transaction_type)) {
            auto& [total, number] =
                recomputed[{row.account_id, format_month(row.timestamp), row.description}];
            total += row.amount.cents();
            ++number;
        }
        if (row.account_id == checking.account_id || row.account_id == savings.account_id) {
            rows.push_back(row);
        }
    });
    EXPECT_EQ(stored, recomputed);
    EXPECT_TRUE(verify_ledger(*store_).ok);

    const AnalyticsService analytics(*store_, *store_, clock_);
    const Timestamp first = rows.front().timestamp;
    const auto span_days = std::chrono::duration_cast<std::chrono::days>(clock_.now() - first);
    std::vector<PeriodChoice> choices = {{"month", "", ""}, {"3m", "", ""}, {"12m", "", ""}};
    for (int index = 0; index < 5; ++index) {
        const auto from = first + std::chrono::days(between(0, span_days.count()));
        const auto to = std::min(from + std::chrono::days(between(0, 70)), clock_.now());
        choices.push_back({"custom", format_date(from), format_date(to)});
    }
    for (const PeriodChoice& choice : choices) {
        for (const std::string& account_id :
             {std::string(), checking.account_id, savings.account_id}) {
            const auto scope = analytics.scope(ada.user_id, account_id, choice);
            ASSERT_TRUE(scope.ok()) << choice.period << " " << choice.from << " " << choice.to;
            const std::string label =
                choice.period + " " + choice.from + ".." + choice.to + " account " + account_id;
            // Over all of Ada's accounts, a move between two of them is not spending.
            const auto moved = [&](const Transaction& row) {
                return account_id.empty() &&
                       (row.counterparty_account_number == checking.account_number ||
                        row.counterparty_account_number == savings.account_number);
            };
            std::vector<Transaction> outflows;
            for (const Transaction& row : rows) {
                if ((account_id.empty() || row.account_id == account_id) &&
                    row.timestamp >= scope->period.from && row.timestamp < scope->period.to &&
                    !is_credit(row.transaction_type) && !moved(row)) {
                    outflows.push_back(row);
                }
            }

            // Top payees: largest total first, ties by description.
            std::map<std::string, std::pair<std::int64_t, std::int64_t>> by_payee;
            for (const Transaction& row : outflows) {
                by_payee[row.description].first += row.amount.cents();
                ++by_payee[row.description].second;
            }
            using Figure = std::tuple<std::string, std::int64_t, std::int64_t>;
            std::vector<Figure> expected_payees;
            for (const auto& [description, figure] : by_payee) {
                expected_payees.emplace_back(description, figure.first, figure.second);
            }
            std::stable_sort(expected_payees.begin(), expected_payees.end(),
                             [](const Figure& left, const Figure& right) {
                                 return std::get<1>(left) > std::get<1>(right);
                             });
            if (expected_payees.size() > AnalyticsService::top_payees_max) {
                expected_payees.resize(AnalyticsService::top_payees_max);
            }
            std::vector<Figure> actual_payees;
            for (const DescriptionTotal& total : analytics.top_payees(*scope)) {
                actual_payees.emplace_back(total.description, total.total.cents(), total.count);
            }
            EXPECT_EQ(actual_payees, expected_payees) << label;

            // Largest: by amount, then newest.
            std::vector<Transaction> sorted = outflows;
            std::sort(sorted.begin(), sorted.end(), [](const auto& left, const auto& right) {
                return std::tie(left.amount, left.sequence) >
                       std::tie(right.amount, right.sequence);
            });
            std::vector<std::string> expected_largest, actual_largest;
            for (std::size_t index = 0;
                 index < std::min(sorted.size(), AnalyticsService::largest_max); ++index) {
                expected_largest.push_back(sorted[index].transaction_id);
            }
            for (const Transaction& row : analytics.largest(*scope)) {
                actual_largest.push_back(row.transaction_id);
            }
            EXPECT_EQ(actual_largest, expected_largest) << label;

            // Unusual: above three times the category's average in the period, newest first.
            std::map<std::string, std::pair<std::int64_t, std::int64_t>> per_category;
            for (const Transaction& row : outflows) {
                per_category[row.category].first += row.amount.cents();
                ++per_category[row.category].second;
            }
            std::vector<std::string> expected_unusual, actual_unusual;
            for (auto row = outflows.rbegin();
                 row != outflows.rend() && expected_unusual.size() < AnalyticsService::unusual_max;
                 ++row) {
                const auto [total, number] = per_category[row->category];
                if (row->amount.cents() > 3 * ((total + number / 2) / number)) {
                    expected_unusual.push_back(row->transaction_id);
                }
            }
            for (const UnusualTransaction& item : analytics.unusual(*scope)) {
                actual_unusual.push_back(item.transaction.transaction_id);
            }
            EXPECT_EQ(actual_unusual, expected_unusual) << label;
        }
    }
}

// ---- concurrency ----

TEST_P(StoreContractTest, ConcurrentTransfersKeepTheSumOfBalances) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    std::vector<std::pair<User, Account>> accounts;
    for (int index = 0; index < 4; ++index) {
        const User& owner = index % 2 ? grace : ada;
        accounts.emplace_back(owner, open(owner, cents(1'000)));
    }
    constexpr int threads_count = 4;
    constexpr int transfers_per_thread = 12;
    std::atomic<int> refused{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int thread = 0; thread < threads_count; ++thread) {
        threads.emplace_back([&, thread] {
            for (int index = 0; index < transfers_per_thread; ++index) {
                const auto& [owner, from] = accounts[(thread + index) % accounts.size()];
                const Account& to = accounts[(thread + index + 1) % accounts.size()].second;
                // Every fourth transfer asks for more than any account can hold: doomed.
                const std::int64_t amount = index % 4 == 3 ? 100'000 : 37 + index;
                const WriteResult result = write(transfer_command(owner, from, to, amount));
                if (result.status == WriteStatus::insufficient_funds)
                    ++refused;
                else if (result.status != WriteStatus::ok)
                    ++failed;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failed.load(), 0);
    EXPECT_GE(refused.load(), threads_count * transfers_per_thread / 4);
    Money total;
    for (const auto& [owner, account] : accounts) {
        const Money current = balance(account);
        EXPECT_FALSE(current.is_negative());
        total = *total.checked_add(current);
    }
    EXPECT_EQ(total, cents(4 * 1'000));
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_EQ(report.transfers, threads_count * transfers_per_thread - refused.load());
    EXPECT_EQ(stored_rollups(), recomputed_rollups());
}

TEST_P(StoreContractTest, ADoomedTransferAmongConcurrentOnesLeavesNothing) {
    const User ada = add_user("ada@example.com");
    const Account from = open(ada, cents(1'000));
    const Account to = open(ada);
    std::vector<std::future<WriteResult>> outcomes;
    for (const std::int64_t amount : {400, 5'000, 600}) {
        auto [done, outcome] = completion_and_outcome();
        store_->submit(transfer_command(ada, from, to, amount), std::move(done));
        outcomes.push_back(std::move(outcome));
    }
    EXPECT_EQ(outcomes[0].get().status, WriteStatus::ok);
    EXPECT_EQ(outcomes[1].get().status, WriteStatus::insufficient_funds);
    EXPECT_EQ(outcomes[2].get().status, WriteStatus::ok);
    EXPECT_EQ(balance(from), Money{});
    EXPECT_EQ(balance(to), cents(1'000));
    EXPECT_EQ(transaction_count(), 1 + 2 * 2);
    EXPECT_EQ(stored_rollups(), recomputed_rollups());
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_P(StoreContractTest, ReadsFromManyThreadsAtOnce) {
    const User ada = add_user("ada@example.com");
    const Account account = open(ada, cents(100));
    std::atomic<int> mismatches{0};
    std::vector<std::thread> readers;
    for (int thread = 0; thread < 4; ++thread) {
        readers.emplace_back([&] {
            for (int index = 0; index < 10; ++index) {
                if (store_->list_transactions(query_for(ada)).size() != 1) ++mismatches;
                if (store_->find_account(account.account_id)->balance != cents(100)) ++mismatches;
            }
        });
    }
    for (auto& reader : readers) reader.join();
    EXPECT_EQ(mismatches.load(), 0);
}

TEST_P(StoreContractTest, ShutdownFinishesQueuedWritesThenRefuses) {
    const User ada = add_user("ada@example.com");
    const Account account = open(ada);
    std::atomic<int> ok_count{0};
    for (int index = 0; index < 20; ++index) {
        store_->submit(posting(PostingKind::deposit, ada, account, 10), [&](WriteResult result) {
            if (result.status == WriteStatus::ok) ++ok_count;
        });
    }
    store_->shutdown();
    EXPECT_EQ(ok_count.load(), 20);
    EXPECT_EQ(balance(account), cents(200));
    std::optional<WriteStatus> after;
    store_->submit(posting(PostingKind::deposit, ada, account, 10),
                   [&](WriteResult result) { after = result.status; });
    ASSERT_TRUE(after);
    EXPECT_EQ(*after, WriteStatus::unavailable);
    store_->shutdown();
}

// DynamoDB only: postings made before the payee rollups table existed (a deployment upgraded
// in place) get their payee rollups from `bank setup-dynamodb`, which rebuilds them.
TEST_P(StoreContractTest, RebuildingPayeeRollupsRestoresThemFromThePostings) {
    if (GetParam() != "dynamodb") GTEST_SKIP() << "only the DynamoDB store is upgraded in place";
    auto& dynamodb = dynamic_cast<DynamoDbStore&>(*store_);
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    const Account checking = open(ada, cents(200'000));
    const Account graces = open(grace);
    for (const auto& [description, amount] : std::vector<std::pair<std::string, std::int64_t>>{
             {"Rent", 50'000}, {"Grocer", 1'250}, {"Grocer", 3'100}, {"Rent", 50'000}}) {
        Posting command = posting(PostingKind::withdrawal, ada, checking, amount);
        command.description = description;
        ASSERT_EQ(write(command).status, WriteStatus::ok);
        clock_.advance(24h * 20);  // into the next month now and then
    }
    Posting gift = transfer_command(ada, checking, graces, 700);
    gift.description = "Birthday";
    ASSERT_EQ(write(gift).status, WriteStatus::ok);

    using PayeeKey = std::tuple<std::string, std::string, std::string>;
    using PayeeMap = std::map<PayeeKey, std::pair<std::int64_t, std::int64_t>>;
    const auto stored = [&] {
        PayeeMap rollups;
        store_->for_each_payee_rollup([&](const PayeeRollup& rollup) {
            rollups[{rollup.account_id, rollup.month, rollup.description}] = {rollup.total.cents(),
                                                                              rollup.count};
        });
        return rollups;
    };
    const PayeeMap kept_by_the_writer = stored();
    ASSERT_EQ(kept_by_the_writer.size(), 4u);  // Jan Rent, Feb Grocer (2), Mar Rent, Apr Birthday

    // As an upgrade finds it: no payee rollups, and one that no posting accounts for.
    DynamoDbClient client(test_dynamodb_config(""));
    const std::string& table = dynamodb.tables().payee_rollups;
    for (const auto& [key, figures] : kept_by_the_writer) {
        const auto& [account_id, month, description] = key;
        client.call(
            "DeleteItem",
            boost::json::object{
                {"TableName", table},
                {"Key", boost::json::object{{"account_id", {{"S", account_id}}},
                                            {"payee_key", {{"S", month + "#" + description}}}}}});
    }
    client.call("PutItem",
                boost::json::object{
                    {"TableName", table},
                    {"Item", boost::json::object{{"account_id", {{"S", checking.account_id}}},
                                                 {"payee_key", {{"S", "2036-01#Nobody"}}},
                                                 {"month", {{"S", "2036-01"}}},
                                                 {"description", {{"S", "Nobody"}}},
                                                 {"total", {{"N", "5"}}},
                                                 {"count", {{"N", "1"}}}}}});
    ASSERT_EQ(stored().size(), 1u);
    EXPECT_FALSE(verify_ledger(*store_).ok);

    const PayeeRebuild first = dynamodb.rebuild_payee_rollups();
    EXPECT_EQ(first.written, 4u);
    EXPECT_EQ(first.removed, 1u);
    EXPECT_EQ(stored(), kept_by_the_writer);
    EXPECT_TRUE(verify_ledger(*store_).ok);

    // A second run finds nothing to remove and leaves the same figures.
    const PayeeRebuild second = dynamodb.rebuild_payee_rollups();
    EXPECT_EQ(second.written, 4u);
    EXPECT_EQ(second.removed, 0u);
    EXPECT_EQ(stored(), kept_by_the_writer);
}

PlanGuard& plan_guard_of(Store& store) {
    if (auto* sqlite = dynamic_cast<SqliteStore*>(&store)) return sqlite->plan_guard();
    if (auto* dynamodb = dynamic_cast<DynamoDbStore*>(&store)) return dynamodb->plan_guard();
    throw std::logic_error("an engine without a plan guard");
}

// A plan that breaks an invariant is refused before anything of it is written: the
// balances, the history and the rollups stay as they were, and the command answers
// invariant_violated (HTTP 500), on every engine.
TEST_P(StoreContractTest, RefusesAPlanThatBreaksAnInvariantAndWritesNothing) {
    const User alice = add_user("alice@example.com");
    const Account checking = open(alice, cents(10000));
    const Account savings = open(alice);
    const std::int64_t rows_before = transaction_count();
    const auto rollups_before = store_->list_rollups(alice.user_id, "", "", "");

    // Money made out of nothing: the receiving leg gets a cent more than the payer gave.
    plan_guard_of(*store_).inject_posting_fault([](PostingPlan& plan) {
        if (!plan.payee) return;
        plan.payee->balance = Money::from_cents(plan.payee->balance.cents() + 1);
        plan.rows.back().balance_after = plan.payee->balance;
    });
    const WriteResult refused = write(transfer_command(alice, checking, savings, 2500));
    EXPECT_EQ(refused.status, WriteStatus::invariant_violated);
    EXPECT_TRUE(refused.transactions.empty());

    // An overdraft that the plan's own checks would have refused.
    plan_guard_of(*store_).inject_posting_fault([](PostingPlan& plan) {
        plan.payer->balance = Money::from_cents(-1);
        plan.rows.front().balance_after = plan.payer->balance;
    });
    EXPECT_EQ(deposit(alice, checking, 100).status, WriteStatus::invariant_violated);

    EXPECT_EQ(balance(checking).cents(), 10000);
    EXPECT_EQ(balance(savings).cents(), 0);
    EXPECT_EQ(transaction_count(), rows_before);
    EXPECT_EQ(store_->list_rollups(alice.user_id, "", "", "").size(), rollups_before.size());

    // Without the fault the same transfer goes through.
    plan_guard_of(*store_).inject_posting_fault(nullptr);
    EXPECT_EQ(write(transfer_command(alice, checking, savings, 2500)).status, WriteStatus::ok);
    EXPECT_EQ(balance(savings).cents(), 2500);
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_P(StoreContractTest, GivesARoleByEmailToThatUserOnly) {
    const User ada = add_user("ada@example.com");
    const User grace = add_user("grace@example.com");
    EXPECT_FALSE(store_->set_role("nobody@example.com", Role::admin));
    EXPECT_TRUE(store_->set_role("grace@example.com", Role::admin));
    EXPECT_EQ(store_->find_user(grace.user_id)->role, Role::admin);
    EXPECT_EQ(store_->find_user(ada.user_id)->role, Role::customer);
    // The rest of the user is left as it was.
    EXPECT_EQ(store_->find_user(grace.user_id)->email, "grace@example.com");
    EXPECT_TRUE(store_->set_role("grace@example.com", Role::customer));
    EXPECT_EQ(store_->find_user(grace.user_id)->role, Role::customer);
}

TEST_P(StoreContractTest, BankWideAccountScanStopsAtItsLimit) {
    const User ada = add_user("ada@example.com");
    const Account first = open(ada, cents(1'000));
    const Account second = open(ada, cents(2'000));
    std::set<std::string> accounts;
    EXPECT_TRUE(store_->for_each_bank_account(
        10, [&](const Account& account) { accounts.insert(account.account_id); }));
    EXPECT_EQ(accounts, (std::set<std::string>{first.account_id, second.account_id}));
    std::size_t visited = 0;
    EXPECT_FALSE(store_->for_each_bank_account(1, [&](const Account&) { ++visited; }));
    EXPECT_EQ(visited, 1u);
}

// ---- sessions, access tokens, disabling and password resets (issue 13) ----

Session described_session(Session session, std::string id, SessionKind kind,
                          TokenScope scope = TokenScope::full) {
    session.session_id = std::move(id);
    session.kind = kind;
    session.scope = scope;
    session.name = kind == SessionKind::access_token ? "Budget script" : "";
    session.user_agent = "Firefox/140 (X11)";
    session.client_address = "203.0.113.7";
    return session;
}

TEST_P(StoreContractTest, KeepsWhatASessionIsAndListsAPersonsSessions) {
    const User ann = add_user("ann@example.com");
    const User bob = add_user("bob@example.com");
    ASSERT_EQ(write(CreateSession{described_session(session_for(ann, "laptop"), "id-laptop",
                                                    SessionKind::sign_in),
                                  10})
                  .status,
              WriteStatus::ok);
    write(CreateSession{described_session(session_for(ann, "script"), "id-script",
                                          SessionKind::access_token, TokenScope::read),
                        20});
    write(CreateSession{session_for(bob, "bob")});
    const auto token = store_->find_session("script");
    ASSERT_TRUE(token);
    EXPECT_EQ(token->session_id, "id-script");
    EXPECT_EQ(token->kind, SessionKind::access_token);
    EXPECT_EQ(token->scope, TokenScope::read);
    EXPECT_EQ(token->name, "Budget script");
    EXPECT_EQ(token->user_agent, "Firefox/140 (X11)");
    EXPECT_EQ(token->client_address, "203.0.113.7");
    std::set<std::string> ids;
    for (const Session& session : store_->list_sessions(ann.user_id))
        ids.insert(session.session_id);
    EXPECT_EQ(ids, (std::set<std::string>{"id-laptop", "id-script"})) << "Ann's only";
}

TEST_P(StoreContractTest, RevokesOneSessionOfThePersonAndKindOrEveryOtherSignIn) {
    const User ann = add_user("ann@example.com");
    const User bob = add_user("bob@example.com");
    for (const char* name : {"laptop", "phone", "tablet"}) {
        write(CreateSession{described_session(session_for(ann, name), std::string("id-") + name,
                                              SessionKind::sign_in),
                            10});
    }
    write(CreateSession{described_session(session_for(ann, "script"), "id-script",
                                          SessionKind::access_token, TokenScope::payments),
                        20});
    write(CreateSession{described_session(session_for(bob, "bob"), "id-bob", SessionKind::sign_in),
                        10});

    EXPECT_EQ(write(RevokeSession{ann.user_id, "id-bob", SessionKind::sign_in}).status,
              WriteStatus::session_not_found);
    EXPECT_EQ(write(RevokeSession{ann.user_id, "id-script", SessionKind::sign_in}).status,
              WriteStatus::session_not_found);
    EXPECT_TRUE(store_->find_session("bob"));
    EXPECT_EQ(write(RevokeSession{ann.user_id, "id-phone", SessionKind::sign_in}).status,
              WriteStatus::ok);
    EXPECT_FALSE(store_->find_session("phone"));

    EXPECT_EQ(write(RevokeOtherSessions{ann.user_id, "laptop"}).status, WriteStatus::ok);
    EXPECT_TRUE(store_->find_session("laptop"));
    EXPECT_FALSE(store_->find_session("tablet"));
    EXPECT_TRUE(store_->find_session("script")) << "tokens stay";
    EXPECT_TRUE(store_->find_session("bob"));
    EXPECT_EQ(write(RevokeSession{ann.user_id, "id-script", SessionKind::access_token}).status,
              WriteStatus::ok);
    EXPECT_FALSE(store_->find_session("script"));
}

TEST_P(StoreContractTest, DisablingEndsEverySessionAndTokenAndEnablingKeepsThemEnded) {
    const User ann = add_user("ann@example.com");
    write(CreateSession{
        described_session(session_for(ann, "laptop"), "id-laptop", SessionKind::sign_in), 10});
    write(CreateSession{described_session(session_for(ann, "script"), "id-script",
                                          SessionKind::access_token, TokenScope::read),
                        20});
    const WriteResult disabled = write(SetUserDisabled{ann.user_id, true});
    ASSERT_EQ(disabled.status, WriteStatus::ok);
    EXPECT_TRUE(store_->find_user(ann.user_id)->disabled);
    EXPECT_TRUE(store_->list_sessions(ann.user_id).empty());
    EXPECT_EQ(write(SetUserDisabled{ann.user_id, false}).status, WriteStatus::ok);
    EXPECT_FALSE(store_->find_user(ann.user_id)->disabled);
    EXPECT_EQ(write(SetUserDisabled{"nobody", true}).status, WriteStatus::user_not_found);
}

TEST_P(StoreContractTest, AResetLinkWorksOnceBeforeItExpiresAndEndsEverySession) {
    const User ann = add_user("ann@example.com");
    Session link =
        described_session(session_for(ann, "link"), "id-link", SessionKind::password_reset);
    link.expires_at = clock_.now() + limits::password_reset_link_lifetime;
    write(CreateSession{link, 3});
    write(CreateSession{
        described_session(session_for(ann, "laptop"), "id-laptop", SessionKind::sign_in), 10});
    for (int failure = 0; failure < 3; ++failure) {
        write(RecordLoginFailure{ann.user_id, limits::login_attempts_max,
                                 clock_.now() + limits::lock_duration});
    }
    EXPECT_EQ(write(ResetPassword{"link", "$2b$12$reset", link.expires_at}).status,
              WriteStatus::reset_link_invalid)
        << "expired at its expiry";
    EXPECT_EQ(write(ResetPassword{"laptop", "$2b$12$reset", clock_.now()}).status,
              WriteStatus::reset_link_invalid)
        << "a sign-in token is no reset link";
    EXPECT_EQ(store_->find_user(ann.user_id)->password_hash, ann.password_hash);

    EXPECT_EQ(write(ResetPassword{"link", "$2b$12$reset", clock_.now()}).status, WriteStatus::ok);
    const auto after = store_->find_user(ann.user_id);
    EXPECT_EQ(after->password_hash, "$2b$12$reset");
    EXPECT_EQ(after->failed_logins, 0);
    EXPECT_TRUE(store_->list_sessions(ann.user_id).empty()) << "the link and the sign-in ended";
    EXPECT_EQ(write(ResetPassword{"link", "$2b$12$again", clock_.now()}).status,
              WriteStatus::reset_link_invalid)
        << "a link works once";
    EXPECT_EQ(store_->find_user(ann.user_id)->password_hash, "$2b$12$reset");
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreContractTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             return info.param;
                         });

}  // namespace
}  // namespace bank
