#include "ledger/interest_accrual.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bank {
namespace {

using namespace std::chrono;

struct RateCase {
    std::string text;
    std::int64_t per_million;  // -1 when refused
    std::string shown;
};

class ParseAnnualRate : public testing::TestWithParam<RateCase> {};

TEST_P(ParseAnnualRate, ReadsAPercentageExactly) {
    const RateCase& rate = GetParam();
    const Result<AnnualRate> parsed = AnnualRate::parse_percent(rate.text);
    if (rate.per_million < 0) {
        ASSERT_FALSE(parsed.ok()) << parsed.value().per_million();
        EXPECT_EQ(parsed.error().field, "annual_rate");
        return;
    }
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed.value().per_million(), rate.per_million);
    EXPECT_EQ(parsed.value().percent_text(), rate.shown);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseAnnualRate,
    testing::Values(RateCase{"4.35", 43'500, "4.35"}, RateCase{"0", 0, "0"},
                    RateCase{"0.0001", 1, "0.0001"}, RateCase{"100", 1'000'000, "100"},
                    RateCase{"2.5000", 25'000, "2.5"}, RateCase{"007", 70'000, "7"},
                    RateCase{"100.0001", -1, ""}, RateCase{"101", -1, ""},
                    RateCase{"4.35001", -1, ""}, RateCase{"-1", -1, ""}, RateCase{"1e2", -1, ""},
                    RateCase{".5", -1, ""}, RateCase{"5.", -1, ""}, RateCase{"", -1, ""},
                    RateCase{"4,35", -1, ""}, RateCase{" 4", -1, ""}, RateCase{"1000", -1, ""}));

AnnualRate percent(std::string_view text) { return AnnualRate::parse_percent(text).value(); }

std::vector<DayBalance> days_of(Date first, int count, std::int64_t cents) {
    std::vector<DayBalance> days;
    for (int i = 0; i < count; ++i) {
        days.push_back({Date{sys_days(first) + std::chrono::days(i)}, Money::from_cents(cents)});
    }
    return days;
}

struct AccrualCase {
    std::string name;
    std::vector<DayBalance> days;
    std::vector<RatePeriod> periods;
    std::int64_t carried_in;
    std::int64_t interest_cents;
    std::int64_t carried_out;
};

void PrintTo(const AccrualCase& accrual, std::ostream* out) { *out << accrual.name; }

class AccrueInterest : public testing::TestWithParam<AccrualCase> {};

TEST_P(AccrueInterest, PostsWholeCentsAndCarriesTheRest) {
    const AccrualCase& expected = GetParam();
    const InterestAccrual accrual =
        accrue_interest(expected.days, expected.periods, expected.carried_in);
    EXPECT_EQ(accrual.interest.cents(), expected.interest_cents);
    EXPECT_EQ(accrual.carried_units, expected.carried_out);
}

constexpr Date march_1 = 2027y / March / 1d;
const std::vector<RatePeriod> one_percent{{2020y / January / 1d, percent("1")}};

INSTANTIATE_TEST_SUITE_P(
    Cases, AccrueInterest,
    testing::Values(
        // $1,000.00 at 3.65 % earns exactly 10 cents a day.
        AccrualCase{
            "exact_day", days_of(march_1, 1, 100'000), {{march_1, percent("3.65")}}, 0, 10, 0},
        // $100.00 at 1 % for 30 days: 3,000,000,000 units, 8 cents and 80,000,000 carried.
        AccrualCase{"fraction_carried", days_of(march_1, 30, 10'000), one_percent, 0, 8,
                    80'000'000},
        AccrualCase{"carry_completes_a_cent", days_of(march_1, 1, 10'000), one_percent, 300'000'000,
                    1, 35'000'000},
        AccrualCase{"no_days", {}, one_percent, 123, 0, 123},
        AccrualCase{
            "zero_and_overdrawn_days_earn_nothing",
            {{march_1, Money::from_cents(0)}, {2027y / March / 2d, Money::from_cents(-500)}},
            {{march_1, percent("100")}},
            0,
            0,
            0},
        AccrualCase{"before_the_first_rate", days_of(2019y / December / 31d, 1, 100'000),
                    one_percent, 0, 0, 0},
        // 3.65 % for the first two days, 7.3 % from the third: 10 + 10 + 20 cents.
        AccrualCase{"rate_changes_within_the_period",
                    days_of(march_1, 3, 100'000),
                    {{2027y / January / 1d, percent("3.65")}, {2027y / March / 3d, percent("7.3")}},
                    0,
                    40,
                    0},
        // The largest balance at 100 % for 31 days does not overflow on the way.
        AccrualCase{"largest_balance",
                    days_of(march_1, 31, 9'000'000'000'000'000),
                    {{march_1, percent("100")}},
                    0,
                    764'383'561'643'835,
                    225'000'000}),
    [](const testing::TestParamInfo<AccrualCase>& info) { return info.param.name; });

TEST(AccrueInterest, MonthByMonthWithCarriesEarnsWhatTheWholeYearEarns) {
    // Posting monthly with the fraction carried loses nothing against one yearly sum: a
    // year of $1,234.56 at 2.75 % (2027 is not a leap year).
    const std::vector<RatePeriod> rates{{2027y / January / 1d, percent("2.75")}};
    const std::vector<DayBalance> year = days_of(2027y / January / 1d, 365, 123'456);
    std::int64_t posted = 0;
    std::int64_t carried = 0;
    std::size_t first = 0;
    for (unsigned month = 1; month <= 12; ++month) {
        const auto length = static_cast<unsigned>((2027y / std::chrono::month(month) / last).day());
        const InterestAccrual accrual =
            accrue_interest(std::span(year).subspan(first, length), rates, carried);
        posted += accrual.interest.cents();
        carried = accrual.carried_units;
        first += length;
    }
    ASSERT_EQ(first, year.size());
    const InterestAccrual whole = accrue_interest(year, rates, 0);
    EXPECT_EQ(posted, whole.interest.cents());
    EXPECT_EQ(carried, whole.carried_units);
    EXPECT_EQ(posted, 3'395);  // 123,456 × 0.0275 = 3,395.04 cents
}

}  // namespace
}  // namespace bank
