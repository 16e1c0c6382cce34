#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <sqlite3.h>

#include "core/clock.hpp"
#include "core/limits.hpp"
#include "core/random.hpp"
#include "service/auth_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/run_awaitable.hpp"
#include "support/store_helpers.hpp"
#include "support/wait_for.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

// A real SQLite store in a temporary folder, a clock the test moves, and the cheapest
// bcrypt cost so that a test does not spend seconds hashing.
class AuthServiceTest : public ::testing::Test {
protected:
    AuthServiceTest() : clock_(from_micros(1'700'000'000'000'000)) {
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
        auth_ =
            std::make_unique<AuthService>(*store_, *store_, clock_, workers_, PasswordHasher(4));
    }
    ~AuthServiceTest() override { store_->shutdown(); }

    template <class T>
    static T run(boost::asio::awaitable<T> task) {
        return test::run_awaitable(std::move(task));
    }

    Result<User> register_person(const std::string& email,
                                 const std::string& address = "10.0.0.1") {
        return run(
            auth_->register_user(Registration{email, "correct horse", "Ann Lee", ""}, address));
    }
    Result<SignedIn> login(const std::string& email, const std::string& password,
                           const std::string& address = "203.0.113.9") {
        return run(auth_->login(email, password, address));
    }
    // Some events are recorded without waiting for the write; a test waits until the store
    // has `count` of the user's (and fails, saying so, when it never does).
    std::vector<AuditEvent> events_of(const std::string& user_id, std::size_t count) {
        std::vector<AuditEvent> events;
        EXPECT_TRUE(test::wait_for(
            "the store to hold " + std::to_string(count) + " audit events of the person", [&] {
                events = store_->list_audit_events(user_id, limits::audit_events_per_user_max);
                return events.size() >= count;
            }));
        return events;
    }
    std::optional<Identity> authenticate(const std::string& token) {
        return run(auth_->authenticate(token));
    }
    // authenticate() records activity without waiting for the write; a test that moves the
    // clock next waits until the store has it (or the session is gone).
    void wait_for_touch(const SignedIn& signed_in) {
        const Timestamp now = clock_.now();
        EXPECT_TRUE(test::wait_for("the store to record the session's activity", [&] {
            const auto session = store_->find_session(signed_in.identity.session.token_hash);
            return !session || session->last_seen == now;
        }));
    }

    test::ScratchDirectory directory_{"bank_auth"};
    ManualClock clock_;
    WorkerPool workers_{1, 8};
    std::unique_ptr<SqliteStore> store_;
    std::unique_ptr<AuthService> auth_;
};

TEST_F(AuthServiceTest, RegisteredPersonSignsInWithAnyCaseOfTheirEmail) {
    ASSERT_TRUE(register_person("Ann.Lee@Example.COM"));
    auto signed_in = login("  ann.lee@example.com ", "correct horse");
    ASSERT_TRUE(signed_in) << signed_in.error().message;
    EXPECT_TRUE(AuthService::is_token_shaped(signed_in->token));
    const auto identity = authenticate(signed_in->token);
    ASSERT_TRUE(identity);
    EXPECT_EQ(identity->user.email, "ann.lee@example.com");
    EXPECT_EQ(identity->session.token_hash, sha256_hex(signed_in->token))
        << "the store keeps the token's SHA-256, not the token";
}

TEST_F(AuthServiceTest, TakenEmailIsRefused) {
    ASSERT_TRUE(register_person("ann@example.com"));
    const auto again = register_person("ANN@example.com");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::conflict);
    EXPECT_EQ(again.error().field, "email");
}

TEST_F(AuthServiceTest, RegistrationIsRateLimitedPerAddress) {
    for (int i = 0; i < limits::registrations_per_address_max; ++i) {
        ASSERT_TRUE(register_person("person" + std::to_string(i) + "@example.com", "10.0.0.9"));
    }
    const auto refused = register_person("one.more@example.com", "10.0.0.9");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::rate_limited);
    EXPECT_TRUE(register_person("other.address@example.com", "10.0.0.10"))
        << "other addresses go on";
    clock_.advance(limits::registration_window + 1s);
    EXPECT_TRUE(register_person("later@example.com", "10.0.0.9")) << "the window slides";
}

TEST_F(AuthServiceTest, BadRegistrationInputNamesTheField) {
    const struct {
        Registration registration;
        std::string field;
    } cases[] = {
        {{"not-an-email", "correct horse", "Ann", ""}, "email"},
        {{"ann@example.com", "short", "Ann", ""}, "password"},
        {{"ann@example.com", std::string(73, 'x'), "Ann", ""}, "password"},
        {{"ann@example.com", "correct horse", "   ", ""}, "full_name"},
        {{"ann@example.com", "correct horse", "Ann", "call me"}, "phone"},
    };
    for (const auto& test : cases) {
        const auto result = run(auth_->register_user(test.registration, "10.0.0.1"));
        ASSERT_FALSE(result) << test.field;
        EXPECT_EQ(result.error().code, ErrorCode::validation_failed);
        EXPECT_EQ(result.error().field, test.field);
    }
    EXPECT_FALSE(store_->find_user_by_email("ann@example.com")) << "nothing was stored";
}

TEST_F(AuthServiceTest, FiveFailuresLockForThirtyMinutesEvenAgainstTheRightPassword) {
    ASSERT_TRUE(register_person("ann@example.com"));
    for (int attempt = 1; attempt < limits::login_attempts_max; ++attempt) {
        const auto failed = login("ann@example.com", "wrong password");
        ASSERT_FALSE(failed);
        EXPECT_EQ(failed.error().code, ErrorCode::unauthenticated) << "attempt " << attempt;
    }
    const auto fifth = login("ann@example.com", "wrong password");
    ASSERT_FALSE(fifth);
    EXPECT_EQ(fifth.error().code, ErrorCode::account_locked);

    const auto right_but_locked = login("ann@example.com", "correct horse");
    ASSERT_FALSE(right_but_locked);
    EXPECT_EQ(right_but_locked.error().code, ErrorCode::account_locked);

    clock_.advance(29min);
    EXPECT_FALSE(login("ann@example.com", "correct horse")) << "still locked at 29 minutes";
    clock_.advance(1min + 1s);
    EXPECT_TRUE(login("ann@example.com", "correct horse")) << "unlocked after 30 minutes";
}

TEST_F(AuthServiceTest, SuccessResetsTheFailureCount) {
    ASSERT_TRUE(register_person("ann@example.com"));
    for (int i = 0; i < limits::login_attempts_max - 1; ++i) {
        EXPECT_FALSE(login("ann@example.com", "wrong password"));
    }
    ASSERT_TRUE(login("ann@example.com", "correct horse"));
    for (int i = 0; i < limits::login_attempts_max - 1; ++i) {
        EXPECT_EQ(login("ann@example.com", "wrong password").error().code,
                  ErrorCode::unauthenticated);
    }
}

TEST_F(AuthServiceTest, UnknownEmailIsAnsweredExactlyLikeAWrongPassword) {
    ASSERT_TRUE(register_person("ann@example.com"));
    for (int attempt = 1; attempt <= limits::login_attempts_max; ++attempt) {
        const auto known = login("ann@example.com", "wrong password");
        const auto unknown = login("nobody@example.com", "wrong password");
        ASSERT_FALSE(known);
        ASSERT_FALSE(unknown);
        EXPECT_EQ(known.error().code, unknown.error().code) << "attempt " << attempt;
        EXPECT_EQ(known.error().message, unknown.error().message) << "attempt " << attempt;
    }
}

TEST_F(AuthServiceTest, SessionEndsAfterThirtyIdleMinutes) {
    ASSERT_TRUE(register_person("ann@example.com"));
    const auto signed_in = login("ann@example.com", "correct horse");
    ASSERT_TRUE(signed_in);
    clock_.advance(limits::session_idle_timeout - 1min);
    ASSERT_TRUE(authenticate(signed_in->token)) << "activity keeps it alive";
    wait_for_touch(*signed_in);
    clock_.advance(limits::session_idle_timeout - 1min);
    ASSERT_TRUE(authenticate(signed_in->token));
    wait_for_touch(*signed_in);
    clock_.advance(limits::session_idle_timeout + 1s);
    EXPECT_FALSE(authenticate(signed_in->token)) << "idle too long";
    EXPECT_FALSE(authenticate(signed_in->token)) << "and it stays gone";
}

TEST_F(AuthServiceTest, SessionEndsAtTheAbsoluteTimeoutDespiteActivity) {
    ASSERT_TRUE(register_person("ann@example.com"));
    const auto signed_in = login("ann@example.com", "correct horse");
    ASSERT_TRUE(signed_in);
    const auto step = limits::session_idle_timeout / 2;
    auto elapsed = std::chrono::microseconds(0);
    while (elapsed + step < limits::session_absolute_timeout) {
        clock_.advance(step);
        elapsed += step;
        ASSERT_TRUE(authenticate(signed_in->token)) << "at " << elapsed.count() << "us";
        wait_for_touch(*signed_in);
    }
    clock_.advance(step);
    EXPECT_FALSE(authenticate(signed_in->token));
}

TEST_F(AuthServiceTest, LogoutDestroysTheSessionOnTheServer) {
    ASSERT_TRUE(register_person("ann@example.com"));
    const auto signed_in = login("ann@example.com", "correct horse");
    ASSERT_TRUE(signed_in);
    run(auth_->logout(signed_in->token, "203.0.113.9"));
    EXPECT_FALSE(authenticate(signed_in->token));
    EXPECT_FALSE(store_->find_session(signed_in->identity.session.token_hash));
}

TEST_F(AuthServiceTest, MalformedTokensAreRejectedWithoutALookup) {
    EXPECT_FALSE(authenticate(""));
    EXPECT_FALSE(authenticate("abc"));
    EXPECT_FALSE(authenticate(std::string(64, 'Z')));
    EXPECT_FALSE(authenticate(std::string(64, 'a')));
}

TEST_F(AuthServiceTest, PasswordChangeNeedsTheCurrentOneAndEndsOtherSessions) {
    ASSERT_TRUE(register_person("ann@example.com"));
    const auto here = login("ann@example.com", "correct horse");
    const auto elsewhere = login("ann@example.com", "correct horse");
    ASSERT_TRUE(here && elsewhere);
    const auto identity = authenticate(here->token);
    ASSERT_TRUE(identity);

    const auto wrong =
        run(auth_->change_password(*identity, "not it", "battery staple", "203.0.113.9"));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().field, "current_password");
    EXPECT_TRUE(authenticate(elsewhere->token)) << "a refused change ends nothing";

    ASSERT_TRUE(
        run(auth_->change_password(*identity, "correct horse", "battery staple", "203.0.113.9")));
    EXPECT_TRUE(authenticate(here->token)) << "the session that changed it stays";
    EXPECT_FALSE(authenticate(elsewhere->token)) << "every other session ends";
    EXPECT_FALSE(login("ann@example.com", "correct horse"));
    EXPECT_TRUE(login("ann@example.com", "battery staple"));
}

// ---- the audit log ----

std::vector<AuditEventKind> kinds_of(const std::vector<AuditEvent>& events) {
    std::vector<AuditEventKind> kinds;
    for (const AuditEvent& event : events) kinds.push_back(event.kind);
    return kinds;
}

TEST_F(AuthServiceTest, EverySecurityEventIsRecordedWithTheClientAddress) {
    const auto user = register_person("ann@example.com", "192.0.2.1");
    ASSERT_TRUE(user);
    EXPECT_FALSE(login("ann@example.com", "wrong password", "192.0.2.2"));
    const auto signed_in = login("ann@example.com", "correct horse", "192.0.2.3");
    ASSERT_TRUE(signed_in);
    const auto identity = authenticate(signed_in->token);
    ASSERT_TRUE(identity);
    ASSERT_TRUE(run(auth_->update_profile(*identity, "Ann Smith", "", "192.0.2.4")));
    ASSERT_TRUE(
        run(auth_->change_password(*identity, "correct horse", "battery staple", "192.0.2.5")));
    run(auth_->logout(signed_in->token, "192.0.2.6"));

    const auto events = events_of(user->user_id, 6);
    using K = AuditEventKind;
    ASSERT_EQ(kinds_of(events),
              (std::vector<K>{K::logged_out, K::password_changed, K::profile_changed,
                              K::login_succeeded, K::login_failed, K::registered}))
        << "newest first";
    const std::vector<std::string> addresses{"192.0.2.6", "192.0.2.5", "192.0.2.4",
                                             "192.0.2.3", "192.0.2.2", "192.0.2.1"};
    for (std::size_t index = 0; index < events.size(); ++index) {
        EXPECT_EQ(events[index].client_address, addresses[index]) << to_string(events[index].kind);
        EXPECT_EQ(events[index].user_id, user->user_id);
        EXPECT_EQ(events[index].at, clock_.now());
    }
    EXPECT_EQ(events[2].detail, "Full name changed");
    EXPECT_EQ(events[4].detail, "Wrong password (1 of 5 before sign-in locks)");

    const auto listed = auth_->security_events(*identity);
    ASSERT_TRUE(listed);
    EXPECT_EQ(kinds_of(*listed), kinds_of(events)) << "the person reads their own log";
}

TEST_F(AuthServiceTest, TheFailureThatLocksIsRecordedAsALockout) {
    const auto user = register_person("ann@example.com");
    ASSERT_TRUE(user);
    for (int attempt = 0; attempt < limits::login_attempts_max; ++attempt) {
        EXPECT_FALSE(login("ann@example.com", "wrong password", "198.51.100.7"));
    }
    EXPECT_FALSE(login("ann@example.com", "correct horse", "198.51.100.7")) << "locked";
    const auto events = events_of(user->user_id, limits::login_attempts_max + 2);
    ASSERT_EQ(events.size(), std::size_t(limits::login_attempts_max + 2))
        << "an attempt while locked checks no password and is not logged";
    EXPECT_EQ(events[0].kind, AuditEventKind::locked_out);
    EXPECT_EQ(events[0].client_address, "198.51.100.7");
    EXPECT_EQ(events[0].detail, "Signing in locked for 30 minutes after 5 wrong passwords");
    for (int index = 1; index <= limits::login_attempts_max; ++index) {
        EXPECT_EQ(events[index].kind, AuditEventKind::login_failed);
    }
}

TEST_F(AuthServiceTest, UnknownEmailsLeaveNoTraceInAnyLog) {
    const auto user = register_person("ann@example.com");
    ASSERT_TRUE(user);
    const auto before = events_of(user->user_id, 1);
    for (int attempt = 0; attempt < limits::login_attempts_max + 1; ++attempt) {
        EXPECT_FALSE(login("nobody@example.com", "wrong password", "198.51.100.7"));
    }
    // A write after them: the queue is drained.
    EXPECT_TRUE(login("ann@example.com", "correct horse"));
    sqlite3* database = nullptr;
    ASSERT_EQ(sqlite3_open_v2(directory_.file("bank.db").c_str(), &database, SQLITE_OPEN_READONLY,
                              nullptr),
              SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(database,
                                 "SELECT count(*), count(DISTINCT user_id), "
                                 "sum(client_address = '198.51.100.7') FROM audit_events",
                                 -1, &statement, nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(statement, 0), 2) << "registered and signed in, nothing else";
    EXPECT_EQ(sqlite3_column_int(statement, 1), 1);
    EXPECT_EQ(sqlite3_column_int(statement, 2), 0);
    sqlite3_finalize(statement);
    sqlite3_close(database);
    EXPECT_EQ(before.size(), 1u);
}

TEST_F(AuthServiceTest, NoEventHoldsAPasswordATokenOrWhatThePersonTyped) {
    const auto user = register_person("ann@example.com");
    ASSERT_TRUE(user);
    EXPECT_FALSE(login("ann@example.com", "hunter2-wrong"));
    const auto signed_in = login("ann@example.com", "correct horse");
    ASSERT_TRUE(signed_in);
    const auto identity = authenticate(signed_in->token);
    ASSERT_TRUE(identity);
    ASSERT_TRUE(run(auth_->update_profile(*identity, "Secret Name", "555-0123", "203.0.113.9")));
    ASSERT_TRUE(
        run(auth_->change_password(*identity, "correct horse", "new secret pass", "203.0.113.9")));
    run(auth_->logout(signed_in->token, "203.0.113.9"));
    const auto events = events_of(user->user_id, 6);
    ASSERT_EQ(events.size(), 6u);
    const std::vector<std::string> secrets{"hunter2",
                                           "correct horse",
                                           "new secret pass",
                                           "Secret Name",
                                           "555-0123",
                                           signed_in->token,
                                           signed_in->identity.session.token_hash,
                                           signed_in->identity.session.csrf_secret,
                                           identity->user.password_hash};
    for (const AuditEvent& event : events) {
        for (const std::string& secret : secrets) {
            EXPECT_EQ(event.detail.find(secret), std::string::npos) << to_string(event.kind);
            EXPECT_EQ(event.client_address.find(secret), std::string::npos);
        }
    }
}

TEST_F(AuthServiceTest, SavingAnUnchangedProfileRecordsNothing) {
    const auto user = register_person("ann@example.com");
    const auto signed_in = login("ann@example.com", "correct horse");
    ASSERT_TRUE(user && signed_in);
    const auto identity = authenticate(signed_in->token);
    ASSERT_TRUE(run(auth_->update_profile(*identity, "Ann Lee", "", "203.0.113.9")));
    EXPECT_EQ(
        kinds_of(events_of(user->user_id, 2)),
        (std::vector<AuditEventKind>{AuditEventKind::login_succeeded, AuditEventKind::registered}));
}

TEST_F(AuthServiceTest, TheNumberOfEventsListedIsChecked) {
    ASSERT_TRUE(register_person("ann@example.com"));
    const auto signed_in = login("ann@example.com", "correct horse");
    ASSERT_TRUE(signed_in);
    const auto identity = authenticate(signed_in->token);
    for (const char* bad : {"0", "-1", "abc", "2x", "201"}) {
        const auto refused = auth_->security_events(*identity, bad);
        ASSERT_FALSE(refused) << bad;
        EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
        EXPECT_EQ(refused.error().field, "limit");
    }
    const auto one = auth_->security_events(*identity, "1");
    ASSERT_TRUE(one);
    ASSERT_EQ(one->size(), 1u);
    EXPECT_EQ(one->front().kind, AuditEventKind::login_succeeded);
}

}  // namespace
}  // namespace bank
