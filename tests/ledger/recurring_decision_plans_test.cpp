#include "ledger/recurring_decision_plans.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/recurring_decision_limits.hpp"

namespace bank {
namespace {

using namespace std::chrono;

RecurringDecision decision(std::string description, RecurringInterval interval,
                           RecurringDecisionKind kind) {
    RecurringDecision made;
    made.user_id = "user-1";
    made.description = description;
    made.interval = interval;
    made.recurrence_key = recurrence_key(description, interval);
    made.decision = kind;
    return made;
}

constexpr auto confirmed = RecurringDecisionKind::confirmed;
constexpr auto dismissed = RecurringDecisionKind::dismissed;
constexpr auto monthly = RecurringInterval::monthly;
constexpr auto weekly = RecurringInterval::weekly;

// A person's stored decisions: `count` of them on payees "payee 0", "payee 1", ...
std::vector<RecurringDecision> stored(std::size_t count) {
    std::vector<RecurringDecision> decisions;
    for (std::size_t i = 0; i < count; ++i) {
        decisions.push_back(decision("Payee " + std::to_string(i), monthly, confirmed));
    }
    return decisions;
}

TEST(RecurrenceKey, NamesThePayeeAsDetectionDoesAndTheInterval) {
    EXPECT_EQ(recurrence_key("  Netflix   Premium ", monthly), "netflix premium#monthly");
    EXPECT_EQ(recurrence_key("NETFLIX PREMIUM", monthly),
              recurrence_key("netflix premium", monthly));
    EXPECT_NE(recurrence_key("Netflix", monthly), recurrence_key("Netflix", weekly));
}

// ---- Deciding, table-driven ----

struct DecideCase {
    std::string name;
    std::size_t existing;     // decisions stored before
    std::string description;  // of the new one
    RecurringDecisionRefusal status;
    bool replaces;
};

void PrintTo(const DecideCase& c, std::ostream* out) { *out << c.name; }

class PlanRecurringDecision : public testing::TestWithParam<DecideCase> {};

TEST_P(PlanRecurringDecision, StoresOrReplacesUnderTheLimit) {
    const DecideCase& c = GetParam();
    const RecurringDecision draft = decision(c.description, monthly, dismissed);
    const RecurringDecisionPlan plan = plan_recurring_decision(draft, stored(c.existing));
    EXPECT_EQ(plan.status, c.status);
    EXPECT_EQ(plan.replaces, c.replaces);
    if (c.status == RecurringDecisionRefusal::ok) {
        EXPECT_EQ(plan.next.recurrence_key, draft.recurrence_key);
        EXPECT_EQ(plan.next.decision, dismissed);
    }
}

constexpr std::size_t max = limits::recurring_decisions_per_user_max;

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanRecurringDecision,
    testing::Values(DecideCase{"first", 0, "Netflix", RecurringDecisionRefusal::ok, false},
                    DecideCase{"new under the limit", max - 1, "Netflix",
                               RecurringDecisionRefusal::ok, false},
                    DecideCase{"new at the limit", max, "Netflix",
                               RecurringDecisionRefusal::too_many_decisions, false},
                    DecideCase{"a change of mind at the limit", max, "payee  7",
                               RecurringDecisionRefusal::ok, true},
                    DecideCase{"a change of mind, other case", 3, "PAYEE 1",
                               RecurringDecisionRefusal::ok, true}),
    [](const auto& info) {
        std::string name = info.param.name;
        for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        return name;
    });

TEST(PlanRecurringDecisionRemoval, UndoesOnlyADecisionTaken) {
    const auto decisions = stored(3);
    const auto undone = plan_recurring_decision_removal(decisions, "payee 1#monthly");
    EXPECT_EQ(undone.status, RecurringDecisionRefusal::ok);
    EXPECT_EQ(undone.next.description, "Payee 1");
    EXPECT_EQ(plan_recurring_decision_removal(decisions, "payee 1#weekly").status,
              RecurringDecisionRefusal::not_found);
    EXPECT_EQ(plan_recurring_decision_removal({}, "payee 1#monthly").status,
              RecurringDecisionRefusal::not_found);
}

// ---- Merging what was detected, decided and ordered ----

RecurringSeries series(std::string description, bool outgoing, Date next) {
    RecurringSeries found;
    found.description = std::move(description);
    found.outgoing = outgoing;
    found.interval = monthly;
    found.next_date = next;
    found.usual_amount = found.next_amount = Money::from_cents(15'99);
    found.occurrences = 4;
    return found;
}

StandingOrder order(std::string description, StandingOrderStatus status, Date next) {
    StandingOrder made;
    made.standing_order_id = "order-" + description;
    made.description = std::move(description);
    made.amount = Money::from_cents(900'00);
    made.start_date = 2026y / January / 1d;
    made.rrule = "FREQ=MONTHLY";
    made.status = status;
    made.next_due = next;
    return made;
}

struct Line {
    std::string description;
    RecurrenceStatus status;
};

struct MergeCase {
    std::string name;
    std::vector<RecurringDecision> decisions;
    std::vector<StandingOrder> orders;
    bool include_dismissed;
    std::vector<Line> want;
};

void PrintTo(const MergeCase& c, std::ostream* out) { *out << c.name; }

class MergeKnownRecurrences : public testing::TestWithParam<MergeCase> {};

TEST_P(MergeKnownRecurrences, ShowsEachRecurrenceOnceWithItsStatus) {
    const MergeCase& c = GetParam();
    const std::vector<RecurringSeries> detected = {series("Netflix", true, 2026y / July / 3d),
                                                   series("Rent", true, 2026y / July / 1d),
                                                   series("Salary", false, 2026y / July / 25d)};
    const auto merged =
        merge_known_recurrences(detected, c.decisions, c.orders, c.include_dismissed);
    ASSERT_EQ(merged.size(), c.want.size());
    for (std::size_t i = 0; i < merged.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(merged[i].series.description, c.want[i].description);
        EXPECT_EQ(merged[i].status, c.want[i].status);
    }
}

constexpr auto detected = RecurrenceStatus::detected;
constexpr auto ordered = RecurrenceStatus::standing_order;
constexpr auto active = StandingOrderStatus::active;

INSTANTIATE_TEST_SUITE_P(
    Cases, MergeKnownRecurrences,
    testing::Values(
        MergeCase{"nothing decided",
                  {},
                  {},
                  false,
                  {{"Netflix", detected}, {"Rent", detected}, {"Salary", detected}}},
        MergeCase{"confirmed and dismissed",
                  {decision("netflix", monthly, confirmed), decision("SALARY", monthly, dismissed)},
                  {},
                  false,
                  {{"Netflix", RecurrenceStatus::confirmed}, {"Rent", detected}}},
        MergeCase{
            "dismissed ones asked for",
            {decision("Salary", monthly, dismissed)},
            {},
            true,
            {{"Netflix", detected}, {"Rent", detected}, {"Salary", RecurrenceStatus::dismissed}}},
        MergeCase{"a decision on another interval is another recurrence",
                  {decision("Netflix", weekly, dismissed)},
                  {},
                  false,
                  {{"Netflix", detected}, {"Rent", detected}, {"Salary", detected}}},
        MergeCase{
            "an order replaces the series of its payee and comes first",
            {},
            {order("rent ", active, 2026y / July / 1d), order("Gym", active, 2026y / June / 20d)},
            false,
            {{"Gym", ordered}, {"rent ", ordered}, {"Netflix", detected}, {"Salary", detected}}},
        MergeCase{"paused, cancelled and finished orders are not known recurrences",
                  {},
                  {order("Rent", StandingOrderStatus::paused, 2026y / July / 1d),
                   order("Gym", StandingOrderStatus::cancelled, 2026y / July / 1d),
                   order("Club", StandingOrderStatus::completed, 2026y / July / 1d)},
                  false,
                  {{"Netflix", detected}, {"Rent", detected}, {"Salary", detected}}},
        MergeCase{"an order's payee does not hide income of the same name",
                  {},
                  {order("Salary", active, 2026y / July / 1d)},
                  false,
                  {{"Salary", ordered},
                   {"Netflix", detected},
                   {"Rent", detected},
                   {"Salary", detected}}}),
    [](const auto& info) {
        std::string name = info.param.name;
        for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        return name;
    });

TEST(MergeKnownRecurrences, AnOrderSaysItsFrequencyScheduleAndAmount) {
    const auto merged =
        merge_known_recurrences({}, {}, {order("Rent", active, 2026y / July / 1d)}, false);
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_EQ(merged[0].interval, "monthly");
    EXPECT_EQ(merged[0].standing_order_id, "order-Rent");
    EXPECT_EQ(merged[0].series.next_amount.cents(), 900'00);
    EXPECT_EQ(merged[0].series.next_date, 2026y / July / 1d);
    EXPECT_FALSE(merged[0].schedule.empty());
}

}  // namespace
}  // namespace bank
