#include "ledger/recurrence_dates.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bank {
namespace {

using namespace std::chrono;

struct DatesCase {
    std::string name;
    std::string rule;
    Date start;
    Date from;
    std::size_t limit;
    std::vector<Date> dates;
};

void PrintTo(const DatesCase& dates, std::ostream* out) { *out << dates.name; }

class RecurrenceDates : public testing::TestWithParam<DatesCase> {};

TEST_P(RecurrenceDates, FallOnTheDaysAPersonExpects) {
    const DatesCase& expected = GetParam();
    const Result<RecurrenceRule> rule = parse_recurrence_rule(expected.rule);
    ASSERT_TRUE(rule.ok()) << rule.error().message;
    const std::vector<Date> dates =
        recurrence_dates(rule.value(), expected.start, expected.from, expected.limit);
    EXPECT_EQ(dates, expected.dates);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RecurrenceDates,
    testing::Values(
        DatesCase{"last_day_of_each_month_through_a_leap_february",
                  "FREQ=MONTHLY;BYMONTHDAY=-1",
                  2027y / December / 5d,
                  2027y / December / 5d,
                  4,
                  {2027y / December / 31d, 2028y / January / 31d, 2028y / February / 29d,
                   2028y / March / 31d}},
        DatesCase{
            "the_31st_runs_on_the_30th_in_a_30_day_month",
            "FREQ=MONTHLY;BYMONTHDAY=31",
            2027y / March / 1d,
            2027y / March / 1d,
            4,
            {2027y / March / 31d, 2027y / April / 30d, 2027y / May / 31d, 2027y / June / 30d}},
        DatesCase{
            "the_30th_and_31st_meet_once_in_april",
            "FREQ=MONTHLY;BYMONTHDAY=30,31",
            2027y / March / 30d,
            2027y / March / 30d,
            4,
            {2027y / March / 30d, 2027y / March / 31d, 2027y / April / 30d, 2027y / May / 30d}},
        DatesCase{"the_29th_in_a_common_february",
                  "FREQ=MONTHLY;BYMONTHDAY=29",
                  2027y / January / 29d,
                  2027y / January / 1d,
                  3,
                  {2027y / January / 29d, 2027y / February / 28d, 2027y / March / 29d}},
        DatesCase{"start_after_the_day_waits_for_next_month",
                  "FREQ=MONTHLY;BYMONTHDAY=1",
                  2027y / January / 10d,
                  2027y / January / 1d,
                  2,
                  {2027y / February / 1d, 2027y / March / 1d}},
        DatesCase{"monthly_keeps_the_start_day_after_a_short_month",
                  "FREQ=MONTHLY",
                  2027y / January / 31d,
                  2027y / January / 1d,
                  3,
                  {2027y / January / 31d, 2027y / February / 28d, 2027y / March / 31d}},
        DatesCase{"quarterly",
                  "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15",
                  2027y / November / 20d,
                  2027y / November / 1d,
                  3,
                  {2028y / February / 15d, 2028y / May / 15d, 2028y / August / 15d}},
        DatesCase{
            "weekly_days_of_the_start_week_before_it_skipped",
            "FREQ=WEEKLY;BYDAY=MO,WE,FR",
            2027y / March / 10d,
            2027y / March / 10d,
            4,
            {2027y / March / 10d, 2027y / March / 12d, 2027y / March / 15d, 2027y / March / 17d}},
        DatesCase{"fortnightly_on_the_start_weekday",
                  "FREQ=WEEKLY;INTERVAL=2",
                  2027y / December / 29d,
                  2027y / December / 29d,
                  3,
                  {2027y / December / 29d, 2028y / January / 12d, 2028y / January / 26d}},
        DatesCase{"daily_across_a_leap_day",
                  "FREQ=DAILY;INTERVAL=1",
                  2028y / February / 28d,
                  2028y / February / 28d,
                  3,
                  {2028y / February / 28d, 2028y / February / 29d, 2028y / March / 1d}},
        DatesCase{"yearly_from_a_leap_day",
                  "FREQ=YEARLY",
                  2028y / February / 29d,
                  2028y / January / 1d,
                  5,
                  {2028y / February / 29d, 2029y / February / 28d, 2030y / February / 28d,
                   2031y / February / 28d, 2032y / February / 29d}},
        DatesCase{"count_counts_from_the_start_not_from_the_window",
                  "FREQ=DAILY;COUNT=5",
                  2027y / March / 1d,
                  2027y / March / 4d,
                  10,
                  {2027y / March / 4d, 2027y / March / 5d}},
        DatesCase{"once",
                  "FREQ=DAILY;COUNT=1",
                  2027y / March / 1d,
                  2027y / March / 1d,
                  5,
                  {2027y / March / 1d}},
        DatesCase{"until_is_inclusive",
                  "FREQ=WEEKLY;UNTIL=20270315",
                  2027y / March / 1d,
                  2027y / March / 1d,
                  10,
                  {2027y / March / 1d, 2027y / March / 8d, 2027y / March / 15d}},
        DatesCase{"until_before_the_start",
                  "FREQ=DAILY;UNTIL=20270101",
                  2027y / March / 1d,
                  2027y / March / 1d,
                  10,
                  {}},
        DatesCase{"window_far_ahead",
                  "FREQ=MONTHLY;BYMONTHDAY=-1",
                  2027y / January / 1d,
                  2126y / December / 1d,
                  2,
                  {2126y / December / 31d, 2127y / January / 31d}},
        DatesCase{"limit_zero", "FREQ=DAILY", 2027y / March / 1d, 2027y / March / 1d, 0, {}}),
    [](const testing::TestParamInfo<DatesCase>& info) { return info.param.name; });

}  // namespace
}  // namespace bank
