// `bank verify`'s check of standing-order outcomes against the owner's audit log
// (check_occurrence_audits): each stored outcome with an event has it exactly once, unless the
// log can no longer hold it (trimmed at its bound, or expired).
#include "ledger/standing_order_audit_verifier.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/limits.hpp"
#include "ledger/standing_order_commands.hpp"

namespace bank {
namespace {

using namespace std::chrono;

const Timestamp now = sys_days(2028y / March / 1d) + hours(12);

Occurrence outcome(OccurrenceStatus status, int attempts, Timestamp at) {
    Occurrence result;
    result.standing_order_id = "order-1";
    result.user_id = "ada";
    result.due_date = 2028y / February / 10d;
    result.status = status;
    result.attempts = attempts;
    result.transaction_id = status == OccurrenceStatus::posted ? "tx-1" : "";
    result.detail = status == OccurrenceStatus::posted ? "" : "Why.";
    result.updated_at = at;
    return result;
}

AuditEvent other_event(Timestamp at, std::string id) {
    AuditEvent event;
    event.event_id = std::move(id);
    event.user_id = "ada";
    event.kind = AuditEventKind::login_succeeded;
    event.at = at;
    return event;
}

AuditEvent event_of(const Occurrence& written) { return *plan_occurrence_event(written); }

struct VerifyCase {
    std::string name;
    Occurrence stored;
    std::vector<AuditEvent> log;  // newest first, as read
    std::size_t log_max;
    bool ok;
    std::int64_t checked;
};

void PrintTo(const VerifyCase& c, std::ostream* out) { *out << c.name; }

class OccurrenceAuditCheck : public testing::TestWithParam<VerifyCase> {};

TEST_P(OccurrenceAuditCheck, FindsEachOutcomesEventOnceWhereTheLogStillHoldsIt) {
    const VerifyCase& c = GetParam();
    OccurrenceAuditVerifyReport report;
    check_occurrence_audits({c.stored}, c.log, c.log_max, now, report);
    EXPECT_EQ(report.ok, c.ok);
    EXPECT_EQ(report.problems.empty(), c.ok);
    EXPECT_EQ(report.checked, c.checked);
}

const Timestamp yesterday = now - days(1);
const Occurrence posted = outcome(OccurrenceStatus::posted, 1, yesterday);
const Occurrence retrying_again = outcome(OccurrenceStatus::retrying, 2, yesterday);
const Occurrence claimed = outcome(OccurrenceStatus::claimed, 1, yesterday);
const Occurrence long_ago = outcome(OccurrenceStatus::failed, 4, now - days(401));

AuditEvent duplicate_of_posted() {
    AuditEvent event = event_of(posted);
    event.at += seconds(1);  // the same id under another instant: DynamoDB's key differs
    return event;
}

AuditEvent legacy_of_posted() {
    AuditEvent event = event_of(posted);
    event.event_id = "0000000000000001abcdefgh";  // written by the scheduler before issue 14
    return event;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, OccurrenceAuditCheck,
    testing::Values(
        VerifyCase{"its_event_is_there", posted, {event_of(posted)}, 200, true, 1},
        VerifyCase{"its_event_is_missing", posted, {other_event(now, "x")}, 200, false, 1},
        VerifyCase{"its_event_is_there_twice",
                   posted,
                   {duplicate_of_posted(), event_of(posted)},
                   200,
                   false,
                   1},
        VerifyCase{"an_event_of_before_issue_14", posted, {legacy_of_posted()}, 200, true, 1},
        VerifyCase{"older_than_a_full_log_may_be_trimmed",
                   posted,
                   {other_event(now, "b"), other_event(now, "a")},
                   2,
                   true,
                   0},
        VerifyCase{"newer_than_a_full_logs_oldest_is_kept",
                   posted,
                   {other_event(now, "b"), other_event(yesterday - hours(1), "a")},
                   2,
                   false,
                   1},
        VerifyCase{"expired", long_ago, {}, 200, true, 0},
        VerifyCase{"a_retry_after_the_first_has_none", retrying_again, {}, 200, true, 0},
        VerifyCase{"a_claim_has_none", claimed, {}, 200, true, 0}));

}  // namespace
}  // namespace bank
