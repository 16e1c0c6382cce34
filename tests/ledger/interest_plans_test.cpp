#include "ledger/interest_plans.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/interest_limits.hpp"
#include "ledger/standing_order.hpp"

namespace bank {
namespace {

using namespace std::chrono;

AnnualRate percent(std::string_view text) { return AnnualRate::parse_percent(text).value(); }

Timestamp at(Date day, int hour, int minute = 0) {
    return utc_day_start(day) + hours(hour) + minutes(minute);
}

struct MonthCase {
    std::string name;
    Month month;
    std::int64_t opening_cents;
    std::vector<BalanceStep> steps;
    std::vector<RatePeriod> rates;
    std::int64_t carried_in;
    std::int64_t interest_cents;
    std::int64_t carried_out;
};

class PlanMonthInterest : public testing::TestWithParam<MonthCase> {};

TEST_P(PlanMonthInterest, PostsTheWholeCentsAndCarriesTheRest) {
    const MonthCase& c = GetParam();
    InterestMonthState state;
    state.user_id = "u1";
    state.account_id = "a1";
    state.month = c.month;
    state.opening = Money::from_cents(c.opening_cents);
    state.steps = c.steps;
    state.rates = c.rates;
    state.carried_units = c.carried_in;
    const InterestMonthPlan plan = plan_month_interest(state);
    EXPECT_EQ(plan.accrual.interest.cents(), c.interest_cents);
    EXPECT_EQ(plan.accrual.carried_units, c.carried_out);
    ASSERT_EQ(plan.posting.has_value(), c.interest_cents > 0);
    if (!plan.posting) return;
    EXPECT_EQ(plan.posting->kind, PostingKind::deposit);
    EXPECT_EQ(plan.posting->amount.cents(), c.interest_cents);
    EXPECT_EQ(plan.posting->category, "income");
    EXPECT_EQ(plan.posting->account_id, "a1");
    EXPECT_EQ(plan.posting->idempotency_key, "interest:a1:" + month_text(c.month));
}

const Date jan1_2026 = 2026y / January / 1;
const std::vector<RatePeriod> flat_365{{2025y / January / 1, percent("3.65")}};

// $1,000.00 at 3.65 % earns exactly 10 cents a day (100,000 × 36,500 / 365 units per cent).
INSTANTIATE_TEST_SUITE_P(
    Cases, PlanMonthInterest,
    testing::Values(
        MonthCase{"January31Days", 2026y / January, 100'000, {}, flat_365, 0, 310, 0},
        MonthCase{"February28Days", 2026y / February, 100'000, {}, flat_365, 0, 280, 0},
        MonthCase{"LeapFebruary29Days", 2028y / February, 100'000, {}, flat_365, 0, 290, 0},
        MonthCase{"April30Days", 2026y / April, 100'000, {}, flat_365, 0, 300, 0},
        MonthCase{"DecemberYearEnd", 2026y / December, 100'000, {}, flat_365, 0, 310, 0},
        MonthCase{"RateDoublesOnThe16th",
                  2026y / January,
                  100'000,
                  {},
                  {{2025y / January / 1, percent("3.65")}, {2026y / January / 16, percent("7.3")}},
                  0,
                  15 * 10 + 16 * 20,
                  0},
        MonthCase{"NoRateBeforeTheFirstPeriod",
                  2026y / January,
                  100'000,
                  {},
                  {{2026y / January / 22, percent("3.65")}},
                  0,
                  100,
                  0},
        MonthCase{"DepositOnThe10thEarnsFromThatDay",
                  2026y / January,
                  0,
                  {{at(2026y / January / 10, 12), Money::from_cents(100'000)}},
                  flat_365,
                  0,
                  22 * 10,
                  0},
        MonthCase{"TheLastPostingOfADayCounts",
                  2026y / January,
                  100'000,
                  {{at(2026y / January / 5, 10), Money::from_cents(200'000)},
                   {at(2026y / January / 5, 20), Money::from_cents(0)}},
                  flat_365,
                  0,
                  4 * 10,
                  0},
        MonthCase{
            "APostingAtTheLastMicrosecondCountsForThatDay",
            2026y / January,
            0,
            {{utc_day_start(2026y / February / 1) - microseconds(1), Money::from_cents(100'000)}},
            flat_365,
            0,
            10,
            0},
        MonthCase{"NegativeBalanceEarnsNothing", 2026y / January, -50'000, {}, flat_365, 0, 0, 0},
        MonthCase{"LessThanACentIsCarried",
                  2026y / April,
                  100,
                  {},
                  {{2025y / January / 1, percent("1")}},
                  0,
                  0,
                  100LL * 10'000 * 30},
        MonthCase{"ACarriedFractionCompletesACent",
                  2026y / April,
                  100,
                  {},
                  {{2025y / January / 1, percent("1")}},
                  364'000'000,
                  1,
                  364'000'000 + 30'000'000 - 365'000'000}),
    [](const testing::TestParamInfo<MonthCase>& info) { return info.param.name; });

TEST(EndOfDayBalances, CoverEveryDayOfTheMonth) {
    EXPECT_EQ(end_of_day_balances(2028y / February, Money{}, {}).size(), 29u);
    EXPECT_EQ(end_of_day_balances(2026y / February, Money{}, {}).size(), 28u);
    const auto december = end_of_day_balances(2026y / December, Money::from_cents(5), {});
    ASSERT_EQ(december.size(), 31u);
    EXPECT_EQ(december.back().day, 2026y / December / 31);
    EXPECT_EQ(december.back().balance.cents(), 5);
}

struct MonthsCase {
    std::string name;
    Month opened;
    std::optional<Month> last_recorded;
    Date today;
    std::vector<Month> expected;
};

class MonthsToPost : public testing::TestWithParam<MonthsCase> {};

TEST_P(MonthsToPost, RunFromTheLastRecordToLastMonth) {
    EXPECT_EQ(months_to_post(GetParam().opened, GetParam().last_recorded, GetParam().today),
              GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MonthsToPost,
    testing::Values(
        MonthsCase{"OpenedThisMonth", 2026y / March, std::nullopt, 2026y / March / 15, {}},
        MonthsCase{"OpenedLastMonth",
                   2026y / February,
                   std::nullopt,
                   2026y / March / 1,
                   {2026y / February}},
        MonthsCase{"LastMonthDone", 2026y / January, 2026y / February, 2026y / March / 1, {}},
        MonthsCase{"AcrossTheYearEnd",
                   2025y / November,
                   2025y / November,
                   2026y / January / 2,
                   {2025y / December}},
        MonthsCase{"DowntimeCatchesUpInOrder",
                   2025y / November,
                   2025y / November,
                   2026y / March / 1,
                   {2025y / December, 2026y / January, 2026y / February}},
        MonthsCase{"AnOldAccountStartsAtTheCatchUpLimit",
                   2020y / January,
                   std::nullopt,
                   2026y / January / 1,
                   {2025y / January, 2025y / February, 2025y / March, 2025y / April, 2025y / May,
                    2025y / June, 2025y / July, 2025y / August, 2025y / September, 2025y / October,
                    2025y / November, 2025y / December}}),
    [](const testing::TestParamInfo<MonthsCase>& info) { return info.param.name; });

struct RateRequestCase {
    std::string name;
    AccountType type;
    Date effective_from;
    std::optional<ErrorCode> refusal;
    std::string field;
};

class PlanNewInterestRate : public testing::TestWithParam<RateRequestCase> {};

TEST_P(PlanNewInterestRate, AddsAPeriodOrNamesTheField) {
    const RateRequestCase& c = GetParam();
    const std::vector<InterestRate> existing{
        {AccountType::savings, 2026y / March / 1, percent("2"), "admin", {}}};
    NewInterestRate request{c.type, c.effective_from, percent("4.35"), "admin2",
                            at(2026y / March / 15, 9)};
    const auto planned = plan_new_interest_rate(request, existing);
    if (c.refusal) {
        ASSERT_FALSE(planned.ok());
        EXPECT_EQ(planned.error().code, *c.refusal);
        EXPECT_EQ(planned.error().field, c.field);
        return;
    }
    ASSERT_TRUE(planned.ok()) << planned.error().message;
    EXPECT_EQ(planned.value().effective_from, c.effective_from);
    EXPECT_EQ(planned.value().annual_rate, percent("4.35"));
    EXPECT_EQ(planned.value().set_by, "admin2");
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanNewInterestRate,
    testing::Values(
        RateRequestCase{"Today", AccountType::savings, 2026y / March / 15, std::nullopt, ""},
        RateRequestCase{"EarlierThisMonth", AccountType::savings, 2026y / March / 2, std::nullopt,
                        ""},
        RateRequestCase{"NextYear", AccountType::savings, 2027y / January / 1, std::nullopt, ""},
        RateRequestCase{"CheckingEarnsNone", AccountType::checking, 2026y / March / 15,
                        ErrorCode::validation_failed, "account_type"},
        RateRequestCase{"APostedMonth", AccountType::savings, 2026y / February / 28,
                        ErrorCode::validation_failed, "effective_from"},
        RateRequestCase{"TheSameDateAgain", AccountType::savings, 2026y / March / 1,
                        ErrorCode::conflict, "effective_from"}),
    [](const testing::TestParamInfo<RateRequestCase>& info) { return info.param.name; });

TEST(InterestKey, NamesTheAccountAndTheMonth) {
    EXPECT_EQ(interest_key("abc", 2026y / November), "interest:abc:2026-11");
    EXPECT_EQ(parse_month("2026-11"), Month(2026y / November));
    EXPECT_FALSE(parse_month("2026-13").has_value());
    EXPECT_FALSE(parse_month("2026-1").has_value());
}

}  // namespace
}  // namespace bank
