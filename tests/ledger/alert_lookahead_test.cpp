#include "ledger/alert_lookahead.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ledger/alert_evaluation.hpp"
#include "ledger/recurring_decision.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;
using std::chrono::April;
using std::chrono::February;
using std::chrono::January;
using std::chrono::June;
using std::chrono::March;
using std::chrono::May;

Money cents(std::int64_t value) { return Money::from_cents(value); }

constexpr Date day = 2026y / June / 15d;

struct LowestCase {
    std::string name;
    std::int64_t lowest;
    std::int64_t threshold;
    std::optional<std::string> message;  // nullopt: no alert
};

void PrintTo(const LowestCase& c, std::ostream* out) { *out << c.name; }

class ProjectedBalanceDecision : public testing::TestWithParam<LowestCase> {};

TEST_P(ProjectedBalanceDecision, AlertsStrictlyBelowTheThresholdOncePerDay) {
    const LowestCase& c = GetParam();
    const auto decision =
        projected_balance_decision(2026y / June / 20d, cents(c.lowest), cents(c.threshold), day);
    ASSERT_EQ(decision.has_value(), c.message.has_value());
    if (!decision) return;
    EXPECT_EQ(decision->subject, "forecast:2026-06-15") << "the day, not the lowest date";
    EXPECT_EQ(decision->message, *c.message);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ProjectedBalanceDecision,
    testing::Values(
        LowestCase{"well_above", 50'000, 10'000, std::nullopt},
        LowestCase{"exactly_at_the_threshold", 10'000, 10'000, std::nullopt},
        LowestCase{"a_cent_below", 9'999, 10'000,
                   "Your balance is forecast to fall to $99.99 on 2026-06-20, below your alert of "
                   "$100.00."},
        LowestCase{"zero_threshold_zero_balance", 0, 0, std::nullopt},
        LowestCase{"zero_threshold_negative", -1, 0,
                   "Your balance is forecast to fall to -$0.01 on 2026-06-20, below your alert of "
                   "$0.00."},
        LowestCase{"negative_under_positive", -25'000, 10'000,
                   "Your balance is forecast to fall to -$250.00 on 2026-06-20, below your alert "
                   "of $100.00."}),
    [](const auto& info) { return info.param.name; });

TEST(ProjectedBalanceDecision, TheSameDayGivesTheSameSubjectAndTheNextDayAnother) {
    const auto first = projected_balance_decision(day, cents(-1), cents(0), day);
    const auto again = projected_balance_decision(2026y / June / 30d, cents(-500), cents(0), day);
    const auto next = projected_balance_decision(day, cents(-1), cents(0), 2026y / June / 16d);
    ASSERT_TRUE(first && again && next);
    EXPECT_EQ(first->subject, again->subject);
    EXPECT_NE(first->subject, next->subject);
}

RecurringInput paid(Date date, std::int64_t amount, std::string description = "Streamly",
                    bool outgoing = true) {
    return RecurringInput{date, std::move(description), cents(amount), outgoing};
}

// Monthly on the 10th, $10.00, January to March.
std::vector<RecurringInput> monthly_history() {
    return {paid(2026y / January / 10d, 10'00), paid(2026y / February / 10d, 10'00),
            paid(2026y / March / 10d, 10'00)};
}

struct PriceCase {
    std::string name;
    RecurringInput posting;
    std::vector<RecurringInput> history;
    std::set<std::string> confirmed;
    std::set<std::string> dismissed;
    std::optional<std::int64_t> usual;  // nullopt: no alert
};

void PrintTo(const PriceCase& c, std::ostream* out) { *out << c.name; }

class RecurringPriceChangeTable : public testing::TestWithParam<PriceCase> {};

TEST_P(RecurringPriceChangeTable, AlertsOutsideTheDetectionsTolerance) {
    const PriceCase& c = GetParam();
    const auto change = recurring_price_change(c.posting, c.history, c.confirmed, c.dismissed);
    ASSERT_EQ(change.has_value(), c.usual.has_value());
    if (!change) return;
    EXPECT_EQ(change->usual, cents(*c.usual));
    EXPECT_EQ(change->amount, c.posting.amount);
    EXPECT_EQ(change->interval, RecurringInterval::monthly);
}

std::vector<RecurringInput> with(std::vector<RecurringInput> rows, RecurringInput more) {
    rows.push_back(std::move(more));
    return rows;
}

const std::string key = "streamly#monthly";

INSTANTIATE_TEST_SUITE_P(
    Table, RecurringPriceChangeTable,
    testing::Values(
        PriceCase{"same_price",
                  paid(2026y / April / 10d, 10'00),
                  monthly_history(),
                  {},
                  {},
                  std::nullopt},
        // The tolerance is the larger of 10% and $1.00: $1.00 here.
        PriceCase{"within_the_tolerance",
                  paid(2026y / April / 10d, 11'00),
                  monthly_history(),
                  {},
                  {},
                  std::nullopt},
        PriceCase{"a_cent_over_the_tolerance",
                  paid(2026y / April / 10d, 11'01),
                  monthly_history(),
                  {},
                  {},
                  10'00},
        PriceCase{"cheaper", paid(2026y / April / 10d, 7'99), monthly_history(), {}, {}, 10'00},
        PriceCase{"payee_case_and_spaces",
                  paid(2026y / April / 9d, 15'00, " STREAMLY "),
                  monthly_history(),
                  {},
                  {},
                  10'00},
        PriceCase{"another_payee",
                  paid(2026y / April / 10d, 15'00, "Cinema"),
                  monthly_history(),
                  {},
                  {},
                  std::nullopt},
        PriceCase{"income_is_not_a_price",
                  paid(2026y / April / 10d, 15'00, "Streamly", false),
                  monthly_history(),
                  {},
                  {},
                  std::nullopt},
        PriceCase{"two_occurrences_are_no_series",
                  paid(2026y / April / 10d, 15'00),
                  {paid(2026y / February / 10d, 10'00), paid(2026y / March / 10d, 10'00)},
                  {},
                  {},
                  std::nullopt},
        PriceCase{"later_postings_are_not_history",
                  paid(2026y / March / 10d, 15'00),
                  {paid(2026y / January / 10d, 10'00), paid(2026y / February / 10d, 10'00),
                   paid(2026y / April / 10d, 10'00), paid(2026y / May / 10d, 10'00)},
                  {},
                  {},
                  std::nullopt},
        PriceCase{"the_new_price_stays",
                  paid(2026y / May / 10d, 15'00),
                  with(monthly_history(), paid(2026y / April / 10d, 15'00)),
                  {},
                  {},
                  std::nullopt},
        PriceCase{"a_second_change_from_the_new_price",
                  paid(2026y / May / 10d, 20'00),
                  with(monthly_history(), paid(2026y / April / 10d, 15'00)),
                  {},
                  {},
                  15'00},
        PriceCase{"late_and_not_confirmed",
                  paid(2026y / June / 10d, 15'00),
                  monthly_history(),
                  {},
                  {},
                  std::nullopt},
        PriceCase{"late_but_confirmed",
                  paid(2026y / June / 10d, 15'00),
                  monthly_history(),
                  {key},
                  {},
                  10'00},
        PriceCase{"dismissed",
                  paid(2026y / April / 10d, 15'00),
                  monthly_history(),
                  {},
                  {key},
                  std::nullopt}),
    [](const auto& info) { return info.param.name; });

TEST(RecurringPriceChange, DescribesThePayeeAndBothAmounts) {
    const auto change = recurring_price_change(paid(2026y / April / 10d, 12'99, "Streamly"),
                                               monthly_history(), {}, {});
    ASSERT_TRUE(change);
    EXPECT_EQ(describe(*change), "Streamly costs $12.99 now, usually $10.00 (monthly).");
}

// The rule's side: alerts_for_posting turns the context's readings into notifications.
Transaction withdrawal(std::string id) {
    Transaction row;
    row.transaction_id = std::move(id);
    row.transaction_type = TransactionType::withdrawal;
    row.amount = cents(15'00);
    row.description = "Streamly";
    return row;
}

AlertRule rule_of(AlertKind kind, std::optional<std::int64_t> threshold) {
    AlertRule rule;
    rule.rule_id = "rule-" + std::string(to_string(kind));
    rule.user_id = "ann";
    rule.kind = kind;
    if (threshold) rule.threshold = cents(*threshold);
    return rule;
}

TEST(AlertsForPostingLookahead, EachKindReadsOnlyItsOwnPartOfTheContext) {
    const std::vector<AlertRule> rules = {
        rule_of(AlertKind::projected_balance_below, 100'00),
        rule_of(AlertKind::recurring_price_changed, std::nullopt)};
    AlertContext context;
    context.owner_user_id = "ann";
    EXPECT_TRUE(alerts_for_posting(withdrawal("t1"), rules, context).empty()) << "nothing read";

    context.forecast_lowest = ForecastLowest{day, 2026y / June / 20d, cents(50'00)};
    context.price_change =
        RecurringPriceChange{"Streamly", RecurringInterval::monthly, cents(10'00), cents(15'00)};
    const auto first = alerts_for_posting(withdrawal("t1"), rules, context);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].subject_id, "forecast:2026-06-15");
    EXPECT_EQ(first[1].subject_id, "posting:t1");
    const auto second = alerts_for_posting(withdrawal("t2"), rules, context);
    ASSERT_EQ(second.size(), 2u);
    EXPECT_EQ(second[0].notification_id, first[0].notification_id) << "once per rule and day";
    EXPECT_NE(second[1].notification_id, first[1].notification_id) << "once per posting";

    context.own_transfer = true;  // moving money to one's own account changes no price
    EXPECT_EQ(alerts_for_posting(withdrawal("t3"), rules, context).size(), 1u);
}

}  // namespace
}  // namespace bank
