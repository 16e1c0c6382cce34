#include "ledger/idempotency_plan.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/limits.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

const Timestamp now = from_micros(1'795'594'184'123'456);

struct ReplayCase {
    std::string name;
    std::optional<RememberedRequest> earlier;
    std::string fingerprint;
    IdempotencyDecision decision;
};

void PrintTo(const ReplayCase& replay, std::ostream* out) { *out << replay.name; }

class PlanIdempotentRequest : public testing::TestWithParam<ReplayCase> {};

TEST_P(PlanIdempotentRequest, Decides) {
    const ReplayCase& c = GetParam();
    Posting command;
    command.idempotency_key = "key-1";
    command.request_fingerprint = c.fingerprint;
    EXPECT_EQ(plan_idempotent_request(c.earlier, command, now), c.decision);
}

constexpr auto new_request = IdempotencyDecision::new_request;
constexpr auto replay = IdempotencyDecision::replay;
constexpr auto conflict = IdempotencyDecision::conflict;
const auto window = limits::idempotency_window;

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanIdempotentRequest,
    testing::Values(
        ReplayCase{"nothing_remembered", std::nullopt, "f1", new_request},
        ReplayCase{"same_request_a_moment_ago", RememberedRequest{"f1", now - 1s}, "f1", replay},
        ReplayCase{"another_request_a_moment_ago", RememberedRequest{"f1", now - 1s}, "f2",
                   conflict},
        ReplayCase{"same_request_just_inside_the_window",
                   RememberedRequest{"f1", now - window + 1us}, "f1", replay},
        ReplayCase{"another_request_just_inside_the_window",
                   RememberedRequest{"f1", now - window + 1us}, "f2", conflict},
        // At the window's edge a record no longer counts, on every engine.
        ReplayCase{"same_request_at_the_window_edge", RememberedRequest{"f1", now - window}, "f1",
                   new_request},
        ReplayCase{"another_request_long_ago", RememberedRequest{"f1", now - window - 1h}, "f2",
                   new_request},
        // Records carried over from schema 1 have no fingerprint: any retry matches them.
        ReplayCase{"record_without_fingerprint", RememberedRequest{"", now - 1s}, "f2", replay}));

}  // namespace
}  // namespace bank
