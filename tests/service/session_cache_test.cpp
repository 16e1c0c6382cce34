#include <gtest/gtest.h>

#include <future>
#include <memory>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "core/clock.hpp"
#include "core/limits.hpp"
#include "service/auth_service.hpp"
#include "service/session_cache.hpp"
#include "service/session_cache_guard.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/run_awaitable.hpp"
#include "support/store_helpers.hpp"
#include "support/wait_for.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

SessionAndUser entry(const std::string& user_id, const std::string& token_hash) {
    SessionAndUser found;
    found.user.user_id = user_id;
    found.session.user_id = user_id;
    found.session.token_hash = token_hash;
    return found;
}

TEST(SessionCacheTest, AnswersOnlyAtTheVersionItWasReadAt) {
    SessionCache cache(10);
    cache.keep("t1", 7, cache.ticket(), entry("ann", "t1"));
    ASSERT_TRUE(cache.find("t1", 7));
    EXPECT_FALSE(cache.find("t1", 8)) << "another process committed since";
    EXPECT_FALSE(cache.find("t1", 7)) << "and the stale entry is gone";
}

TEST(SessionCacheTest, AReadThatBeganBeforeAForgetIsNotKept) {
    SessionCache cache(10);
    const std::uint64_t ticket = cache.ticket();
    cache.forget("t1");  // a logout committed while the read was under way
    cache.keep("t1", 1, ticket, entry("ann", "t1"));
    EXPECT_FALSE(cache.find("t1", 1));
    cache.keep("t1", 1, cache.ticket(), entry("ann", "t1"));
    EXPECT_TRUE(cache.find("t1", 1));
}

TEST(SessionCacheTest, ForgetsOneSessionOnePersonOrEveryone) {
    SessionCache cache(10);
    cache.keep("a1", 1, cache.ticket(), entry("ann", "a1"));
    cache.keep("a2", 1, cache.ticket(), entry("ann", "a2"));
    cache.keep("b1", 1, cache.ticket(), entry("bob", "b1"));
    cache.forget("a1");
    EXPECT_FALSE(cache.find("a1", 1));
    EXPECT_TRUE(cache.find("a2", 1));
    cache.forget_person("ann");
    EXPECT_FALSE(cache.find("a2", 1));
    EXPECT_TRUE(cache.find("b1", 1));
    cache.forget_all();
    EXPECT_EQ(cache.size(), 0U);
}

TEST(SessionCacheTest, HoldsAtMostItsLimit) {
    SessionCache cache(2);
    cache.keep("a", 1, cache.ticket(), entry("ann", "a"));
    cache.keep("b", 1, cache.ticket(), entry("bob", "b"));
    cache.keep("b", 1, cache.ticket(), entry("bob", "b"));
    EXPECT_EQ(cache.size(), 2U) << "a replaced entry does not count twice";
    EXPECT_TRUE(cache.find("a", 1));  // now b is the least recently used
    cache.keep("c", 1, cache.ticket(), entry("cy", "c"));
    EXPECT_EQ(cache.size(), 2U);
    EXPECT_TRUE(cache.find("c", 1));
    EXPECT_TRUE(cache.find("a", 1)) << "a person in use stays when the cache is full";
    EXPECT_FALSE(cache.find("b", 1));
}

TEST(SessionCacheTest, TheLimitIsNamed) { EXPECT_EQ(limits::session_cache_entries_max, 10'000U); }

// AuthService as `bank serve` wires it: its writer is the guard and it keeps what it reads.
class CachedAuthTest : public ::testing::Test {
protected:
    CachedAuthTest() : clock_(from_micros(1'700'000'000'000'000)) {
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
        guard_ = std::make_unique<SessionCacheGuard>(*store_, cache_);
        auth_ =
            std::make_unique<AuthService>(*store_, *guard_, clock_, workers_, PasswordHasher(4));
        auth_->cache_sessions(cache_);
    }
    ~CachedAuthTest() override { store_->shutdown(); }

    template <class T>
    static T run(boost::asio::awaitable<T> task) {
        return test::run_awaitable(std::move(task));
    }
    static WriteResult write(LedgerWriter& writer, WriteCommand command) {
        std::promise<WriteResult> result;
        writer.submit(std::move(command), [&result](const WriteResult& r) { result.set_value(r); });
        return result.get_future().get();
    }

    // Ann, signed in, and her session read once, so that it is now kept.
    SignedIn ann_signed_in() {
        EXPECT_TRUE(run(auth_->register_user(
            Registration{"ann@example.com", "correct horse", "Ann Lee", ""}, "10.0.0.1")));
        auto signed_in = run(auth_->login("ann@example.com", "correct horse", "203.0.113.9"));
        EXPECT_TRUE(signed_in);
        EXPECT_TRUE(authenticate(signed_in->token));
        EXPECT_EQ(cache_.size(), 1U) << "the session is kept";
        EXPECT_TRUE(authenticate(signed_in->token)) << "and answers again";
        return std::move(*signed_in);
    }
    std::optional<Identity> authenticate(const std::string& token) {
        return run(auth_->authenticate(token));
    }

    test::ScratchDirectory directory_{"bank_session_cache"};
    ManualClock clock_;
    WorkerPool workers_{1, 8};
    SessionCache cache_{limits::session_cache_entries_max};
    std::unique_ptr<SqliteStore> store_;
    std::unique_ptr<SessionCacheGuard> guard_;
    std::unique_ptr<AuthService> auth_;
};

TEST_F(CachedAuthTest, ALoggedOutTokenIsRefusedAtOnce) {
    const SignedIn ann = ann_signed_in();
    run(auth_->logout(ann.token, "203.0.113.9"));
    EXPECT_FALSE(authenticate(ann.token));
}

TEST_F(CachedAuthTest, ADisabledPersonsTokenIsRefusedAtOnce) {
    const SignedIn ann = ann_signed_in();
    ASSERT_EQ(write(*guard_, SetUserDisabled{ann.identity.user.user_id, true}).status,
              WriteStatus::ok);
    EXPECT_FALSE(authenticate(ann.token));
}

TEST_F(CachedAuthTest, AnotherProcessDisablingThePersonIsSeenAtOnce) {
    const SignedIn ann = ann_signed_in();
    {
        // Another server (or `bank admin`) on the same file: its commit moves the version.
        SqliteStore other(directory_.file("bank.db"), clock_);
        ASSERT_EQ(
            test::write_and_wait(other, SetUserDisabled{ann.identity.user.user_id, true}).status,
            WriteStatus::ok);
        other.shutdown();
    }
    EXPECT_FALSE(authenticate(ann.token));
}

TEST_F(CachedAuthTest, ALockoutIsSeenInTheNextRequestsPerson) {
    const SignedIn ann = ann_signed_in();
    for (int attempt = 0; attempt < limits::login_attempts_max; ++attempt) {
        EXPECT_FALSE(run(auth_->login("ann@example.com", "wrong horse", "203.0.113.9")));
    }
    const auto identity = authenticate(ann.token);
    ASSERT_TRUE(identity) << "a lockout refuses sign-ins, not the sessions already open";
    EXPECT_GT(identity->user.locked_until, clock_.now()) << "the person as the store has it now";
    EXPECT_EQ(identity->user.locked_until,
              store_->find_user(ann.identity.user.user_id)->locked_until);
}

TEST_F(CachedAuthTest, AKeptSessionStillEndsWhenIdleOrAtItsAbsoluteTimeout) {
    const SignedIn ann = ann_signed_in();
    clock_.advance(limits::session_idle_timeout + 1s);
    EXPECT_FALSE(authenticate(ann.token)) << "idle too long";
    EXPECT_EQ(cache_.size(), 0U) << "and forgotten with the session it deleted";
    EXPECT_FALSE(authenticate(ann.token));

    auto again = run(auth_->login("ann@example.com", "correct horse", "203.0.113.9"));
    ASSERT_TRUE(again);
    const auto step = limits::session_idle_timeout / 2;
    auto elapsed = std::chrono::microseconds(0);
    while (elapsed + step < limits::session_absolute_timeout) {
        clock_.advance(step);
        elapsed += step;
        ASSERT_TRUE(authenticate(again->token)) << "kept, and touched, at " << elapsed.count();
        // The touch is written without waiting; the clock jumps 15 minutes at once, so wait for
        // it as real time would: a version moved by the commit before it would read the store.
        const Timestamp now = clock_.now();
        EXPECT_TRUE(test::wait_for("the store to record the session's activity", [&] {
            const auto session = store_->find_session(again->identity.session.token_hash);
            return !session || session->last_seen == now;
        }));
    }
    clock_.advance(step);
    EXPECT_FALSE(authenticate(again->token));
}

TEST_F(CachedAuthTest, APasswordChangeEndsTheOtherKeptSessions) {
    const SignedIn ann = ann_signed_in();
    auto phone = run(auth_->login("ann@example.com", "correct horse", "203.0.113.10"));
    ASSERT_TRUE(phone);
    const auto phone_identity = authenticate(phone->token);
    ASSERT_TRUE(phone_identity);
    ASSERT_TRUE(run(auth_->change_password(*phone_identity, "correct horse", "battery staple horse",
                                           "203.0.113.10")));
    EXPECT_FALSE(authenticate(ann.token)) << "the other session ended";
    EXPECT_TRUE(authenticate(phone->token)) << "the one that changed it stays";
}

}  // namespace
}  // namespace bank
