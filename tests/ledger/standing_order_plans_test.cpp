// The standing-order planners: creation, change and cancellation refused in their fixed
// order, and the scheduler's decisions on an occurrence (claim, take over, skip, outcome).
#include "ledger/standing_order_plans.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/limits.hpp"
#include "core/standing_order_limits.hpp"

namespace bank {
namespace {

using namespace std::chrono;

Timestamp at(Date date, int hour = 12) { return utc_day_start(date) + std::chrono::hours(hour); }

const Timestamp now = at(2028y / February / 10d);

Account account(std::string id, std::string user, AccountStatus status = AccountStatus::active) {
    Account result;
    result.account_id = std::move(id);
    result.account_number = "number-of-" + result.account_id;
    result.user_id = std::move(user);
    result.status = status;
    return result;
}

StandingOrderDraft draft(std::string rule = "FREQ=MONTHLY;BYMONTHDAY=-1",
                         Date start = 2028y / February / 10d) {
    StandingOrderDraft result;
    result.standing_order_id = "order-1";
    result.user_id = "ada";
    result.from_account_id = "from";
    result.to_account_number = "number-of-to";
    result.amount = Money::from_cents(120000);
    result.description = "Rent";
    result.start_date = start;
    result.rule = parse_recurrence_rule(rule).value();
    return result;
}

struct CreationCase {
    std::string name;
    StandingOrderDraft draft;
    std::optional<Account> from;
    std::optional<Account> payee;
    std::size_t open_orders;
    StandingOrderRefusal expected;
};

void PrintTo(const CreationCase& c, std::ostream* out) { *out << c.name; }

class StandingOrderCreation : public testing::TestWithParam<CreationCase> {};

TEST_P(StandingOrderCreation, RefusesInItsFixedOrder) {
    const CreationCase& c = GetParam();
    const auto plan = plan_standing_order_creation(c.draft, c.from, c.payee, c.open_orders, now);
    EXPECT_EQ(to_string(plan.status), to_string(c.expected));
}

const auto ours = account("from", "ada");
const auto theirs = account("to", "bob");

INSTANTIATE_TEST_SUITE_P(
    Cases, StandingOrderCreation,
    testing::Values(
        CreationCase{"accepted", draft(), ours, theirs, 0, StandingOrderRefusal::ok},
        CreationCase{"one_below_the_limit", draft(), ours, theirs,
                     limits::standing_orders_per_user_max - 1, StandingOrderRefusal::ok},
        CreationCase{"at_the_limit_before_anything_else", draft(), std::nullopt, std::nullopt,
                     limits::standing_orders_per_user_max, StandingOrderRefusal::too_many_orders},
        CreationCase{"unknown_account", draft(), std::nullopt, theirs, 0,
                     StandingOrderRefusal::account_not_found},
        CreationCase{"someone_elses_account", draft(), account("from", "eve"), theirs, 0,
                     StandingOrderRefusal::account_not_found},
        CreationCase{"closed_account", draft(), account("from", "ada", AccountStatus::closed),
                     theirs, 0, StandingOrderRefusal::account_closed},
        CreationCase{"unknown_payee", draft(), ours, std::nullopt, 0,
                     StandingOrderRefusal::payee_not_found},
        CreationCase{"to_itself", draft(), ours, ours, 0, StandingOrderRefusal::same_account},
        CreationCase{"closed_payee", draft(), ours, account("to", "bob", AccountStatus::closed), 0,
                     StandingOrderRefusal::payee_closed},
        CreationCase{"starting_yesterday", draft("FREQ=DAILY", 2028y / February / 9d), ours, theirs,
                     0, StandingOrderRefusal::start_in_past},
        CreationCase{"until_before_the_start", draft("FREQ=DAILY;UNTIL=20280201"), ours, theirs, 0,
                     StandingOrderRefusal::no_dates}));

TEST(StandingOrderCreation, StartsOnTheRulesFirstDateWithVersionOne) {
    const auto plan = plan_standing_order_creation(draft(), ours, theirs, 0, now);
    ASSERT_EQ(plan.status, StandingOrderRefusal::ok);
    EXPECT_EQ(plan.next.next_due, 2028y / February / 29d);
    EXPECT_EQ(plan.next.rrule, "FREQ=MONTHLY;BYMONTHDAY=-1");
    EXPECT_EQ(plan.next.status, StandingOrderStatus::active);
    EXPECT_EQ(plan.next.version, 1);
}

StandingOrder order(StandingOrderStatus status = StandingOrderStatus::active) {
    auto plan = plan_standing_order_creation(draft(), ours, theirs, 0, now);
    plan.next.status = status;
    return plan.next;
}

TEST(StandingOrderChange, ChangesTheAmountAndDescriptionOverTheVersion) {
    StandingOrderChange change;
    change.amount = Money::from_cents(5000);
    change.description = "Rent, new flat";
    const auto plan = plan_standing_order_change(order(), "ada", change, now);
    ASSERT_EQ(plan.status, StandingOrderRefusal::ok);
    EXPECT_EQ(plan.next.amount, Money::from_cents(5000));
    EXPECT_EQ(plan.next.description, "Rent, new flat");
    EXPECT_EQ(plan.next.version, 2);
}

TEST(StandingOrderChange, RefusesAnotherPersonsOrCancelledOrders) {
    const StandingOrderChange change;
    EXPECT_EQ(plan_standing_order_change(order(), "eve", change, now).status,
              StandingOrderRefusal::not_found);
    EXPECT_EQ(plan_standing_order_change(std::nullopt, "ada", change, now).status,
              StandingOrderRefusal::not_found);
    EXPECT_EQ(plan_standing_order_change(order(StandingOrderStatus::cancelled), "ada", change, now)
                  .status,
              StandingOrderRefusal::not_changeable);
    EXPECT_EQ(
        plan_standing_order_cancellation(order(StandingOrderStatus::completed), "ada", now).status,
        StandingOrderRefusal::not_changeable);
}

TEST(StandingOrderChange, ANewRuleRunsFromTodayOnward) {
    StandingOrderChange change;
    change.rule = parse_recurrence_rule("FREQ=WEEKLY;BYDAY=MO").value();
    const auto plan = plan_standing_order_change(order(), "ada", change, now);
    ASSERT_EQ(plan.status, StandingOrderRefusal::ok);
    EXPECT_EQ(plan.next.next_due, 2028y / February / 14d);  // the Monday after Thursday the 10th
    EXPECT_EQ(plan.next.rrule, "FREQ=WEEKLY;BYDAY=MO");
}

TEST(StandingOrderChange, AResumeSkipsTheDatesMissedWhilePaused) {
    auto paused = order(StandingOrderStatus::paused);
    paused.rrule = "FREQ=DAILY";
    paused.next_due = 2028y / February / 11d;
    StandingOrderChange change;
    change.status = StandingOrderStatus::active;
    const auto plan = plan_standing_order_change(paused, "ada", change, at(2028y / March / 2d));
    ASSERT_EQ(plan.status, StandingOrderRefusal::ok);
    EXPECT_EQ(plan.next.next_due, 2028y / March / 2d);
    EXPECT_EQ(plan.next.status, StandingOrderStatus::active);
}

TEST(StandingOrderCancellation, EndsTheOrderWithNothingDue) {
    const auto plan = plan_standing_order_cancellation(order(), "ada", now);
    ASSERT_EQ(plan.status, StandingOrderRefusal::ok);
    EXPECT_EQ(plan.next.status, StandingOrderStatus::cancelled);
    EXPECT_FALSE(plan.next.next_due.has_value());
}

TEST(OrderAdvance, MovesToTheNextDateOrCompletes) {
    auto monthly = order();
    const auto next = plan_order_advance(monthly, 2028y / February / 29d, now);
    EXPECT_EQ(next.next_due, 2028y / March / 31d);
    EXPECT_EQ(next.version, monthly.version + 1);
    monthly.rrule = "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=1";
    const auto once = plan_order_advance(monthly, 2028y / February / 29d, now);
    EXPECT_FALSE(once.next_due.has_value());
    EXPECT_EQ(once.status, StandingOrderStatus::completed);
}

Occurrence stored(OccurrenceStatus status, Timestamp claimed_at) {
    Occurrence occurrence;
    occurrence.standing_order_id = "order-1";
    occurrence.user_id = "ada";
    occurrence.due_date = 2028y / February / 10d;
    occurrence.status = status;
    occurrence.attempts = 1;
    occurrence.claimed_at = claimed_at;
    occurrence.claimed_until = claimed_at + limits::occurrence_claim_lease;
    occurrence.version = 3;
    return occurrence;
}

struct ClaimCase {
    std::string name;
    std::optional<Occurrence> current;
    Date due;
    ClaimDecision decision;
    OccurrenceStatus status;
};

void PrintTo(const ClaimCase& c, std::ostream* out) { *out << c.name; }

class OccurrenceClaim : public testing::TestWithParam<ClaimCase> {};

TEST_P(OccurrenceClaim, DecidesOnceWhoPostsIt) {
    const ClaimCase& c = GetParam();
    const auto plan = plan_occurrence_claim(c.current, order(), c.due, now);
    EXPECT_EQ(plan.decision, c.decision);
    if (c.decision == ClaimDecision::post || c.decision == ClaimDecision::record) {
        EXPECT_EQ(plan.next.status, c.status);
        EXPECT_EQ(plan.next.version, c.current ? c.current->version + 1 : 1);
    }
}

const Date today = 2028y / February / 10d;
const Date oldest_caught_up = 2028y / February / 3d;  // 7 days back

INSTANTIATE_TEST_SUITE_P(
    Cases, OccurrenceClaim,
    testing::Values(
        ClaimCase{"new", std::nullopt, today, ClaimDecision::post, OccurrenceStatus::claimed},
        ClaimCase{"missed_within_the_catch_up_days", std::nullopt, oldest_caught_up,
                  ClaimDecision::post, OccurrenceStatus::claimed},
        ClaimCase{"missed_before_the_catch_up_days", std::nullopt, 2028y / February / 2d,
                  ClaimDecision::record, OccurrenceStatus::skipped},
        ClaimCase{"claimed_by_a_live_server", stored(OccurrenceStatus::claimed, now - 1s), today,
                  ClaimDecision::busy, OccurrenceStatus::claimed},
        ClaimCase{"claim_ran_out", stored(OccurrenceStatus::claimed, now - 1h), today,
                  ClaimDecision::post, OccurrenceStatus::claimed},
        ClaimCase{"claim_older_than_the_idempotency_window",
                  stored(OccurrenceStatus::claimed, now - limits::idempotency_window), today,
                  ClaimDecision::record, OccurrenceStatus::failed},
        ClaimCase{"retrying", stored(OccurrenceStatus::retrying, now - 1h), today,
                  ClaimDecision::post, OccurrenceStatus::claimed},
        ClaimCase{"posted", stored(OccurrenceStatus::posted, now - 1h), today,
                  ClaimDecision::finished, OccurrenceStatus::posted},
        ClaimCase{"failed", stored(OccurrenceStatus::failed, now - 1h), today,
                  ClaimDecision::finished, OccurrenceStatus::failed},
        ClaimCase{"skipped", stored(OccurrenceStatus::skipped, now - 1h), today,
                  ClaimDecision::finished, OccurrenceStatus::skipped}));

struct OutcomeCase {
    std::string name;
    WriteStatus status;
    Timestamp at;
    OccurrenceStatus expected;
};

void PrintTo(const OutcomeCase& c, std::ostream* out) { *out << c.name; }

class OccurrenceOutcome : public testing::TestWithParam<OutcomeCase> {};

TEST_P(OccurrenceOutcome, RecordsWhatBecameOfIt) {
    const OutcomeCase& c = GetParam();
    const auto claimed = stored(OccurrenceStatus::claimed, c.at);
    const auto next = plan_occurrence_outcome(claimed, c.status, "tx-1", c.at);
    EXPECT_EQ(to_string(next.status), to_string(c.expected));
    EXPECT_EQ(next.version, claimed.version + 1);
    EXPECT_EQ(next.transaction_id, c.expected == OccurrenceStatus::posted ? "tx-1" : "");
    EXPECT_EQ(next.detail.empty(), c.expected == OccurrenceStatus::posted);
}

const Timestamp due_start = utc_day_start(today);

INSTANTIATE_TEST_SUITE_P(
    Cases, OccurrenceOutcome,
    testing::Values(
        OutcomeCase{"posted", WriteStatus::ok, now, OccurrenceStatus::posted},
        OutcomeCase{"replayed_after_a_crash", WriteStatus::duplicate, now,
                    OccurrenceStatus::posted},
        OutcomeCase{"short_of_funds_on_the_day", WriteStatus::insufficient_funds, now,
                    OccurrenceStatus::retrying},
        OutcomeCase{"short_of_funds_just_inside_three_days", WriteStatus::insufficient_funds,
                    due_start + limits::standing_order_retry_window - 1s,
                    OccurrenceStatus::retrying},
        OutcomeCase{"short_of_funds_after_three_days", WriteStatus::insufficient_funds,
                    due_start + limits::standing_order_retry_window, OccurrenceStatus::failed},
        OutcomeCase{"store_out", WriteStatus::unavailable, now, OccurrenceStatus::retrying},
        OutcomeCase{"account_closed", WriteStatus::account_closed, now, OccurrenceStatus::skipped},
        OutcomeCase{"payee_closed", WriteStatus::counterparty_closed, now,
                    OccurrenceStatus::skipped},
        OutcomeCase{"a_defect", WriteStatus::invariant_violated, now, OccurrenceStatus::failed}));

TEST(OccurrenceOfCancelledOrder, ARetryingDateIsSkippedOthersStay) {
    const auto retrying = stored(OccurrenceStatus::retrying, now - 1h);
    const auto closed = plan_occurrence_of_cancelled_order(retrying, now);
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->status, OccurrenceStatus::skipped);
    EXPECT_EQ(closed->detail, "The standing order was cancelled.");
    EXPECT_EQ(closed->version, retrying.version + 1);
    EXPECT_FALSE(plan_occurrence_of_cancelled_order(stored(OccurrenceStatus::posted, now), now));
    EXPECT_FALSE(plan_occurrence_of_cancelled_order(stored(OccurrenceStatus::claimed, now), now));
    EXPECT_FALSE(plan_occurrence_of_cancelled_order(std::nullopt, now));
}

TEST(OccurrenceKey, NamesTheOrderAndTheDate) {
    const auto key = occurrence_key("abc", 2028y / February / 29d);
    EXPECT_EQ(key, "standing-order:abc:2028-02-29");
    EXPECT_EQ(standing_order_of_key(key), "abc");
    EXPECT_EQ(standing_order_of_key("client-key"), "");
    EXPECT_EQ(parse_iso_date("2028-02-29"), 2028y / February / 29d);
    EXPECT_FALSE(parse_iso_date("2027-02-29").has_value());
    EXPECT_FALSE(parse_iso_date("2027-2-28").has_value());
}

}  // namespace
}  // namespace bank
