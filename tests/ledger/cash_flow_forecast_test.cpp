#include "ledger/cash_flow_forecast.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "ledger/forecast_history.hpp"

namespace bank {
namespace {

using namespace std::chrono;

Money cents(std::int64_t value) { return Money::from_cents(value); }

StandingOrder order(std::string rrule, Date start, std::int64_t amount,
                    StandingOrderStatus status = StandingOrderStatus::active) {
    StandingOrder order;
    order.from_account_id = "checking";
    order.to_account_number = "someone else";
    order.amount = cents(amount);
    order.description = "Rent";
    order.start_date = start;
    order.rrule = std::move(rrule);
    order.status = status;
    order.next_due = start;
    return order;
}

// One forecast, as a person would read it: the expected balance of some days, the lowest
// point and the warnings.
struct Case {
    std::string name;
    Money balance;
    int days;
    std::vector<StandingOrder> orders;
    std::vector<Money> variable_days;
    std::optional<Money> threshold;
    std::vector<std::pair<int, std::int64_t>> balances;  // day ahead, expected cents
    Date lowest_date;
    std::int64_t lowest_cents;
    bool below_zero;
    bool below_threshold;
};

constexpr Date today = 2027y / January / 15d;

Date ahead(int days) { return Date(sys_days(today) + std::chrono::days(days)); }

class CashFlowForecastTable : public ::testing::TestWithParam<Case> {};

TEST_P(CashFlowForecastTable, ProjectsTheBalance) {
    const Case& c = GetParam();
    ForecastScope scope;
    scope.account_id = "checking";
    scope.account_number = "1";
    ForecastInput input;
    input.today = today;
    input.balance = c.balance;
    input.days = c.days;
    input.flows = standing_order_flows(c.orders, scope, today, c.days);
    input.variable_days = c.variable_days;
    input.threshold = c.threshold;
    const CashFlowForecast forecast = forecast_cash_flow(input);
    ASSERT_EQ(forecast.points.size(), static_cast<std::size_t>(c.days));
    EXPECT_EQ(forecast.points.front().date, ahead(1));
    EXPECT_EQ(forecast.points.back().date, ahead(c.days));
    for (const auto& [day, expected] : c.balances) {
        EXPECT_EQ(forecast.points[static_cast<std::size_t>(day - 1)].balance.cents(), expected)
            << "day " << day;
    }
    for (const ForecastPoint& point : forecast.points) {
        EXPECT_LE(point.low, point.balance);
        EXPECT_GE(point.high, point.balance);
    }
    EXPECT_EQ(forecast.lowest.date, c.lowest_date);
    EXPECT_EQ(forecast.lowest.balance.cents(), c.lowest_cents);
    EXPECT_EQ(forecast.below_zero, c.below_zero);
    EXPECT_EQ(forecast.below_threshold, c.below_threshold);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CashFlowForecastTable,
    ::testing::Values(
        Case{"no_history_at_all_stays_flat",
             cents(10'000),
             30,
             {},
             {},
             std::nullopt,
             {{1, 10'000}, {30, 10'000}},
             ahead(1),
             10'000,
             false,
             false},
        // The 31st falls on February's last day (the 28th in 2027), then on March 31.
        Case{"an_order_on_the_31st",
             cents(500'000),
             60,
             {order("FREQ=MONTHLY;BYMONTHDAY=31", 2027y / January / 31d, 100'000)},
             {},
             std::nullopt,
             {{15, 500'000}, {16, 400'000}, {43, 400'000}, {44, 300'000}, {60, 300'000}},
             ahead(44),
             300'000,
             false,
             false},
        Case{"a_one_off_payment_runs_once",
             cents(50'000),
             30,
             {order("FREQ=DAILY;COUNT=1", 2027y / January / 20d, 20'000)},
             {},
             std::nullopt,
             {{4, 50'000}, {5, 30'000}, {30, 30'000}},
             ahead(5),
             30'000,
             false,
             false},
        Case{"a_paused_order_is_ignored",
             cents(50'000),
             30,
             {order("FREQ=WEEKLY", 2027y / January / 16d, 20'000, StandingOrderStatus::paused)},
             {},
             std::nullopt,
             {{1, 50'000}, {30, 50'000}},
             ahead(1),
             50'000,
             false,
             false},
        // Spending 10.00 every day from 250.00: below
        // zero on day 26, and below the 100.00 threshold from day 16.
        Case{"an_overdraft_is_warned",
             cents(25'000),
             30,
             {},
             std::vector<Money>(10, cents(-1'000)),
             cents(10'000),
             {{1, 24'000}, {25, 0}, {26, -1'000}, {30, -5'000}},
             ahead(30),
             -5'000,
             true,
             true},
        Case{"the_threshold_alone_is_warned",
             cents(25'000),
             30,
             {order("FREQ=DAILY;COUNT=1", 2027y / January / 20d, 20'000)},
             {},
             cents(10'000),
             {{5, 5'000}},
             ahead(5),
             5'000,
             false,
             true}),
    [](const auto& info) { return info.param.name; });

TEST(CashFlowForecast, TheBandComesFromPastDeviations) {
    ForecastInput input;
    input.today = today;
    input.balance = cents(100'000);
    input.days = 1;
    // Daily spending of 0 to 9.00 in steps of 1.00: 4.50 on average; single days deviate by
    // -4.50 ... +4.50; nearest rank of ten: the 10th percentile is the lowest (index 0), the
    // 90th the ninth (index 8).
    for (int day = 0; day < 10; ++day) input.variable_days.push_back(cents(-100 * day));
    const CashFlowForecast forecast = forecast_cash_flow(input);
    ASSERT_EQ(forecast.points.size(), 1u);
    EXPECT_EQ(forecast.points[0].balance.cents(), 100'000 - 450);
    EXPECT_EQ(forecast.points[0].low.cents(), 100'000 - 450 - 450);
    EXPECT_EQ(forecast.points[0].high.cents(), 100'000 - 450 + 350);
}

TEST(CashFlowForecast, AnOrderBetweenOwnAccountsCancelsInTheTotal) {
    StandingOrder saving = order("FREQ=MONTHLY", 2027y / January / 20d, 5'000);
    saving.to_account_number = "2";
    ForecastScope total;
    total.own_numbers = {"1", "2"};
    EXPECT_TRUE(standing_order_flows({saving}, total, today, 30).empty());
    ForecastScope savings;
    savings.account_id = "savings";
    savings.account_number = "2";
    const auto flows = standing_order_flows({saving}, savings, today, 30);
    ASSERT_EQ(flows.size(), 1u);
    EXPECT_EQ(flows[0].amount.cents(), 5'000);
}

}  // namespace
}  // namespace bank
