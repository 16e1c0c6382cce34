#pragma once

// Waiting for a condition instead of sleeping or timing: the condition is polled until it holds,
// under a generous ceiling that only ends a hung test. A wait that runs out is a failure that
// names the condition:
//
//   ASSERT_TRUE(test::wait_for("the store has the sign-out event", [&] { return ...; }));

#include <gtest/gtest.h>

#include <chrono>
#include <string_view>
#include <thread>

namespace bank::test {

inline constexpr std::chrono::seconds wait_ceiling{30};

template <class Condition>
::testing::AssertionResult wait_for(std::string_view what, Condition condition,
                                    std::chrono::milliseconds ceiling = wait_ceiling) {
    constexpr auto poll_interval = std::chrono::milliseconds(5);
    const auto deadline = std::chrono::steady_clock::now() + ceiling;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return ::testing::AssertionFailure()
                   << "timed out after " << ceiling.count() << " ms waiting for " << what;
        }
        std::this_thread::sleep_for(poll_interval);
    }
    return ::testing::AssertionSuccess();
}

}  // namespace bank::test
