#include "service/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace bank {
namespace {

using namespace std::chrono_literals;

const Timestamp start = from_micros(1'780'000'000'000'000);

// Retry-After is a promise: waiting exactly that long gets the client in, a second less does
// not, and the figure counts down as time passes instead of repeating the window.
TEST(RateLimiterRetryAfter, SaysWhenTheClientGetsIn) {
    struct Case {
        std::chrono::microseconds second_event_after;  // the window's events: at 0 and here
        std::chrono::microseconds asked_after;         // when the refused client asks
        std::int64_t expected_seconds;
    };
    const Case cases[] = {
        {0s, 0s, 60},
        {10s, 10s, 50},
        {10s, 25s, 35},
        {10s, 59s, 1},
        {10s, 59s + 500ms, 1},  // half a second left reads 1, never 0
        {10s, 1500ms + 10s, 49},
    };
    for (const auto& [second_event_after, asked_after, expected_seconds] : cases) {
        RateLimiter limiter(2, 60s, 100);
        ASSERT_TRUE(limiter.allow("client", start));
        ASSERT_TRUE(limiter.allow("client", start + second_event_after));
        const Timestamp asked = start + asked_after;
        ASSERT_FALSE(limiter.allow("client", asked));
        const std::int64_t seconds = limiter.retry_after_seconds("client", asked);
        EXPECT_EQ(seconds, expected_seconds) << asked_after.count();
        EXPECT_FALSE(limiter.allow("client", asked + std::chrono::seconds(seconds - 1)))
            << "a second early is still refused";
        EXPECT_TRUE(limiter.allow("client", asked + std::chrono::seconds(seconds)))
            << "obeying Retry-After gets in";
    }
}

TEST(RateLimiterRetryAfter, IsZeroForAClientWithinTheLimit) {
    RateLimiter limiter(2, 60s, 100);
    EXPECT_EQ(limiter.retry_after_seconds("new", start), 0);
    ASSERT_TRUE(limiter.allow("client", start));
    EXPECT_EQ(limiter.retry_after_seconds("client", start + 1s), 0);
}

}  // namespace
}  // namespace bank
