// What the scheduler hands the writer for an occurrence (and `bank_bench post-orders` with
// it): the posting under the occurrence's key, and the audit event of each outcome.
#include "ledger/standing_order_commands.hpp"

#include "core/limits.hpp"
#include "core/random.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <regex>
#include <string>

namespace bank {
namespace {

using namespace std::chrono;

const Date due = 2028y / February / 10d;

StandingOrder order(std::string category) {
    StandingOrder result;
    result.standing_order_id = "order-1";
    result.user_id = "ada";
    result.from_account_id = "from";
    result.to_account_number = "number-of-to";
    result.amount = Money::from_cents(120000);
    result.description = "Rent";
    result.category = std::move(category);
    return result;
}

struct PostingCase {
    std::string name;
    std::string order_category;
    std::string inferred;
    std::string expected_category;
};

void PrintTo(const PostingCase& c, std::ostream* out) { *out << c.name; }

class OccurrencePosting : public testing::TestWithParam<PostingCase> {};

TEST_P(OccurrencePosting, IsTheOrdersTransferUnderTheOccurrencesKey) {
    const PostingCase& c = GetParam();
    const Posting posting = plan_occurrence_posting(order(c.order_category), due, c.inferred);
    EXPECT_EQ(posting.kind, PostingKind::transfer);
    EXPECT_EQ(posting.user_id, "ada");
    EXPECT_EQ(posting.account_id, "from");
    EXPECT_EQ(posting.to_account_number, "number-of-to");
    EXPECT_EQ(posting.amount, Money::from_cents(120000));
    EXPECT_EQ(posting.description, "Rent");
    EXPECT_EQ(posting.category, c.expected_category);
    EXPECT_EQ(posting.idempotency_key, "standing-order:order-1:2028-02-10");
    EXPECT_EQ(posting.request_fingerprint, posting.idempotency_key);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, OccurrencePosting,
    testing::Values(PostingCase{"the_orders_own_category", "housing", "rent", "housing"},
                    PostingCase{"inferred_when_the_order_has_none", "", "rent", "rent"},
                    PostingCase{"none_at_all", "", "", ""}));

struct AuditCase {
    std::string name;
    OccurrenceStatus status;
    int attempts;
    std::optional<AuditEventKind> kind;  // nullopt: no event
    std::string detail;
};

void PrintTo(const AuditCase& c, std::ostream* out) { *out << c.name; }

class OccurrenceAudit : public testing::TestWithParam<AuditCase> {};

TEST_P(OccurrenceAudit, TellsEveryOutcomeOnce) {
    const AuditCase& c = GetParam();
    Occurrence outcome;
    outcome.standing_order_id = "order-1";
    outcome.user_id = "ada";
    outcome.due_date = due;
    outcome.status = c.status;
    outcome.attempts = c.attempts;
    outcome.transaction_id = c.status == OccurrenceStatus::posted ? "tx-1" : "";
    outcome.detail = c.status == OccurrenceStatus::posted ? "" : "Why.";
    const auto entry = plan_occurrence_audit(outcome);
    ASSERT_EQ(entry.has_value(), c.kind.has_value());
    if (!entry) return;
    EXPECT_EQ(entry->kind, *c.kind);
    EXPECT_EQ(entry->detail, c.detail);
}

const std::string prefix = "Standing order order-1 of 2028-02-10";

INSTANTIATE_TEST_SUITE_P(
    Cases, OccurrenceAudit,
    testing::Values(AuditCase{"posted", OccurrenceStatus::posted, 1,
                              AuditEventKind::standing_order_posted,
                              prefix + ": paid, posting tx-1."},
                    AuditCase{"retrying_at_its_first_try", OccurrenceStatus::retrying, 1,
                              AuditEventKind::standing_order_retrying,
                              prefix + ": Why. Tried again for 3 days."},
                    AuditCase{"retrying_again", OccurrenceStatus::retrying, 2, std::nullopt, ""},
                    AuditCase{"failed", OccurrenceStatus::failed, 4,
                              AuditEventKind::standing_order_failed, prefix + ": failed. Why."},
                    AuditCase{"skipped", OccurrenceStatus::skipped, 0,
                              AuditEventKind::standing_order_skipped, prefix + ": skipped. Why."},
                    AuditCase{"a_claim", OccurrenceStatus::claimed, 1, std::nullopt, ""}));

// The event written with the outcome (issue 14): its id is made from the occurrence and the outcome
// (the attempt too for retrying, which can be written again), its instant is the outcome's,
// so the same outcome written twice names one event, and different outcomes of one date never
// share one.
struct EventCase {
    std::string name;
    OccurrenceStatus status;
    int attempts;
    std::string event_name;  // empty: no event
};

void PrintTo(const EventCase& c, std::ostream* out) { *out << c.name; }

class OccurrenceEvent : public testing::TestWithParam<EventCase> {};

Occurrence outcome_of(OccurrenceStatus status, int attempts) {
    Occurrence outcome;
    outcome.standing_order_id = "order-1";
    outcome.user_id = "ada";
    outcome.due_date = due;
    outcome.status = status;
    outcome.attempts = attempts;
    outcome.transaction_id = status == OccurrenceStatus::posted ? "tx-1" : "";
    outcome.detail = std::string(300, 'w');  // longer than any audit detail may be
    outcome.updated_at = sys_days(due) + hours(9) + microseconds(7);
    return outcome;
}

TEST_P(OccurrenceEvent, IsNamedByTheOccurrenceAndItsOutcomeAtTheOutcomesInstant) {
    const EventCase& c = GetParam();
    const Occurrence outcome = outcome_of(c.status, c.attempts);
    const auto event = plan_occurrence_event(outcome);
    ASSERT_EQ(event.has_value(), !c.event_name.empty());
    if (!event) return;
    EXPECT_EQ(occurrence_event_name(outcome), c.event_name);
    // 2028-02-10 09:00:00.000007 UTC in microseconds, then the name's hash.
    EXPECT_EQ(event->event_id, "000683d1931fc407" + sha256_hex(c.event_name).substr(0, 16));
    EXPECT_TRUE(std::regex_match(event->event_id, std::regex("^[0-9a-f]{32}$")))
        << "the shape of every event id (the API's event_id)";
    EXPECT_EQ(event->user_id, "ada");
    EXPECT_EQ(event->at, outcome.updated_at);
    EXPECT_EQ(event->client_address, "");
    const auto entry = plan_occurrence_audit(outcome);
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(event->kind, entry->kind);
    EXPECT_EQ(event->detail, entry->detail.substr(0, limits::audit_detail_length_max));
    EXPECT_LE(event->detail.size(), limits::audit_detail_length_max);
    if (c.status != OccurrenceStatus::posted) {
        EXPECT_EQ(event->detail.size(), limits::audit_detail_length_max) << "cut to the bound";
    }
    EXPECT_EQ(plan_occurrence_event(outcome)->event_id, event->event_id) << "a replay: the same";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, OccurrenceEvent,
    testing::Values(EventCase{"posted", OccurrenceStatus::posted, 1,
                              "standing-order:order-1:2028-02-10:posted"},
                    EventCase{"retrying_at_its_first_try", OccurrenceStatus::retrying, 1,
                              "standing-order:order-1:2028-02-10:retrying:1"},
                    EventCase{"retrying_again_has_none", OccurrenceStatus::retrying, 2, ""},
                    EventCase{"failed", OccurrenceStatus::failed, 4,
                              "standing-order:order-1:2028-02-10:failed"},
                    EventCase{"skipped", OccurrenceStatus::skipped, 0,
                              "standing-order:order-1:2028-02-10:skipped"},
                    EventCase{"a_claim_has_none", OccurrenceStatus::claimed, 1, ""}));

TEST(OccurrenceEventIds, DifferForEachOutcomeOfADateAndEachRetry) {
    EXPECT_NE(occurrence_event_id(outcome_of(OccurrenceStatus::retrying, 1)),
              occurrence_event_id(outcome_of(OccurrenceStatus::retrying, 2)));
    EXPECT_NE(occurrence_event_id(outcome_of(OccurrenceStatus::retrying, 1)),
              occurrence_event_id(outcome_of(OccurrenceStatus::posted, 1)));
    Occurrence other_date = outcome_of(OccurrenceStatus::posted, 1);
    other_date.due_date = 2028y / February / 11d;
    EXPECT_NE(occurrence_event_id(other_date),
              occurrence_event_id(outcome_of(OccurrenceStatus::posted, 1)));
    Occurrence later = outcome_of(OccurrenceStatus::posted, 1);
    later.updated_at += microseconds(1);
    EXPECT_LT(occurrence_event_id(outcome_of(OccurrenceStatus::posted, 1)),
              occurrence_event_id(later))
        << "ids rise with the outcome's instant";
}

}  // namespace
}  // namespace bank
