#include <gtest/gtest.h>

#include <filesystem>
#include <future>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "core/clock.hpp"
#include "core/limits.hpp"
#include "service/auth_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

// A real SQLite store in a temporary folder, a clock the test moves, and the cheapest
// bcrypt cost so that a test does not spend seconds hashing.
class AuthServiceTest : public ::testing::Test {
protected:
    AuthServiceTest()
        : directory_(std::filesystem::temp_directory_path() /
                     ("auth_test_" + std::to_string(::getpid()) + "_" +
                      ::testing::UnitTest::GetInstance()->current_test_info()->name())),
          clock_(from_micros(1'700'000'000'000'000)) {
        std::filesystem::remove_all(directory_);
        std::filesystem::create_directories(directory_);
        store_ = std::make_unique<SqliteStore>((directory_ / "bank.db").string(), clock_);
        auth_ = std::make_unique<AuthService>(*store_, clock_, workers_, PasswordHasher(4));
    }
    ~AuthServiceTest() override {
        store_->shutdown();
        std::filesystem::remove_all(directory_);
    }

    template <class T>
    static boost::asio::awaitable<void> keep(boost::asio::awaitable<T> task, std::optional<T>* out) {
        out->emplace(co_await std::move(task));
    }

    template <class T>
    T run(boost::asio::awaitable<T> task) {
        boost::asio::io_context io;
        std::optional<T> out;
        auto done = boost::asio::co_spawn(io, keep(std::move(task), &out), boost::asio::use_future);
        io.run();
        done.get();
        return std::move(*out);
    }

    void run(boost::asio::awaitable<void> task) {
        boost::asio::io_context io;
        auto done = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
        io.run();
        done.get();
    }

    Result<User> register_person(const std::string& email, const std::string& address = "10.0.0.1") {
        return run(auth_->register_user(Registration{email, "correct horse", "Ann Lee", ""}, address));
    }
    Result<SignedIn> login(const std::string& email, const std::string& password) {
        return run(auth_->login(email, password));
    }
    std::optional<Identity> authenticate(const std::string& token) {
        return run(auth_->authenticate(token));
    }
    // authenticate() records activity without waiting for the write; a test that moves the
    // clock next waits until the store has it.
    void wait_for_touch(const SignedIn& signed_in) {
        const Timestamp now = clock_.now();
        for (int attempt = 0; attempt < 400; ++attempt) {
            const auto session = store_->find_session(signed_in.identity.session.token_hash);
            if (!session || session->last_seen == now) return;
            std::this_thread::sleep_for(5ms);
        }
    }

    std::filesystem::path directory_;
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
    EXPECT_NE(identity->session.token_hash, signed_in->token) << "only the hash is stored";
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
    EXPECT_TRUE(register_person("other.address@example.com", "10.0.0.10")) << "other addresses go on";
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
    for (int i = 0; i < limits::login_attempts_max - 1; ++i) login("ann@example.com", "wrong password");
    ASSERT_TRUE(login("ann@example.com", "correct horse"));
    for (int i = 0; i < limits::login_attempts_max - 1; ++i) {
        EXPECT_EQ(login("ann@example.com", "wrong password").error().code, ErrorCode::unauthenticated);
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
    run(auth_->logout(signed_in->token));
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

    const auto wrong = run(auth_->change_password(*identity, "not it", "battery staple"));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().field, "current_password");
    EXPECT_TRUE(authenticate(elsewhere->token)) << "a refused change ends nothing";

    ASSERT_TRUE(run(auth_->change_password(*identity, "correct horse", "battery staple")));
    EXPECT_TRUE(authenticate(here->token)) << "the session that changed it stays";
    EXPECT_FALSE(authenticate(elsewhere->token)) << "every other session ends";
    EXPECT_FALSE(login("ann@example.com", "correct horse"));
    EXPECT_TRUE(login("ann@example.com", "battery staple"));
}

}  // namespace
}  // namespace bank
