// When a loop with perhaps nothing to serve asks the store again (ledger/presence_check.hpp).
#include "ledger/presence_check.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/alert_limits.hpp"
#include "core/webhook_limits.hpp"

namespace bank {
namespace {

using std::chrono::seconds;

const Timestamp checked = from_micros(1'795'594'184'123'456);  // 2026-11-25T08:09:44Z

struct PresenceCase {
    std::string name;
    bool stale;
    Timestamp now;
    bool expected;
};

void PrintTo(const PresenceCase& c, std::ostream* out) { *out << c.name; }

class PresenceCheckTest : public ::testing::TestWithParam<PresenceCase> {};

TEST_P(PresenceCheckTest, AsksOnlyWhenStaleOrDue) {
    const PresenceCase& c = GetParam();
    EXPECT_EQ(needs_presence_check(c.stale, checked, c.now, seconds(30)), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PresenceCheckTest,
    ::testing::Values(PresenceCase{"just_checked", false, checked, false},
                      PresenceCase{"a_moment_before_the_recheck", false,
                                   checked + seconds(30) - std::chrono::microseconds(1), false},
                      PresenceCase{"at_the_recheck", false, checked + seconds(30), true},
                      PresenceCase{"long_after", false, checked + seconds(3600), true},
                      PresenceCase{"stale_just_checked", true, checked, true},
                      PresenceCase{"clock_set_back", false, checked - seconds(1), true}),
    [](const auto& info) { return info.param.name; });

// The bounds a rule or endpoint made on another server is found within (docs/ARCHITECTURE.md).
TEST(PresenceCheckLimits, AnotherServersCreationIsFoundWithinHalfAMinuteAndAPass) {
    EXPECT_EQ(limits::alert_idle_recheck + limits::alert_pass_interval, seconds(32));
    EXPECT_EQ(limits::webhook_idle_recheck + limits::webhook_poll_interval, seconds(31));
}

}  // namespace
}  // namespace bank
