#include "ledger/recurring_detection.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <optional>
#include <string>
#include <vector>

namespace bank {
namespace {

using namespace std::chrono;

Money dollars(std::int64_t cents) { return Money::from_cents(cents); }

RecurringInput paid(Date date, std::string description, std::int64_t cents) {
    return RecurringInput{date, std::move(description), dollars(cents), true};
}

RecurringInput received(Date date, std::string description, std::int64_t cents) {
    return RecurringInput{date, std::move(description), dollars(cents), false};
}

// What a person would read in the list: the fields the page and the API show.
struct Expected {
    std::string description;
    bool outgoing;
    RecurringInterval interval;
    std::size_t occurrences;
    Date next_date;
    std::int64_t usual_cents;
    std::int64_t next_cents;
    bool price_changed;
};

struct DetectionCase {
    std::string name;
    std::vector<RecurringInput> rows;
    Date today;
    std::vector<Expected> expected;
};

void PrintTo(const DetectionCase& detection, std::ostream* out) { *out << detection.name; }

class RecurringDetection : public testing::TestWithParam<DetectionCase> {};

TEST_P(RecurringDetection, FindsWhatAPersonWouldCallRegular) {
    const DetectionCase& expected = GetParam();
    const std::vector<RecurringSeries> found = detect_recurring(expected.rows, expected.today);
    ASSERT_EQ(found.size(), expected.expected.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
        const RecurringSeries& series = found[i];
        const Expected& want = expected.expected[i];
        EXPECT_EQ(series.description, want.description);
        EXPECT_EQ(series.outgoing, want.outgoing);
        EXPECT_EQ(series.interval, want.interval) << to_string(series.interval);
        EXPECT_EQ(series.occurrences, want.occurrences);
        EXPECT_EQ(series.next_date, want.next_date);
        EXPECT_EQ(series.usual_amount, dollars(want.usual_cents));
        EXPECT_EQ(series.next_amount, dollars(want.next_cents));
        EXPECT_EQ(series.price_changed, want.price_changed);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RecurringDetection,
    testing::Values(DetectionCase{"monthly_rent_three_times",
                                  {paid(2027y / January / 1d, "Rent", 120'000),
                                   paid(2027y / February / 1d, "Rent", 120'000),
                                   paid(2027y / March / 1d, "Rent", 120'000)},
                                  2027y / March / 10d,
                                  {{"Rent", true, RecurringInterval::monthly, 3, 2027y / April / 1d,
                                    120'000, 120'000, false}}},
                    DetectionCase{"twice_is_not_yet_regular",
                                  {paid(2027y / February / 1d, "Rent", 120'000),
                                   paid(2027y / March / 1d, "Rent", 120'000)},
                                  2027y / March / 10d,
                                  {}},
                    DetectionCase{"the_31st_falls_on_the_last_day_of_shorter_months",
                                  {paid(2027y / January / 31d, "Gym", 4'000),
                                   paid(2027y / February / 28d, "Gym", 4'000),
                                   paid(2027y / March / 31d, "Gym", 4'000)},
                                  2027y / April / 2d,
                                  {{"Gym", true, RecurringInterval::monthly, 3, 2027y / April / 30d,
                                    4'000, 4'000, false}}},
                    DetectionCase{"a_new_price_is_flagged_and_expected_next_time",
                                  {paid(2027y / January / 15d, "Netflix", 1'549),
                                   paid(2027y / February / 15d, "Netflix", 1'549),
                                   paid(2027y / March / 15d, "Netflix", 1'549),
                                   paid(2027y / April / 15d, "Netflix", 1'799)},
                                  2027y / April / 20d,
                                  {{"Netflix", true, RecurringInterval::monthly, 4,
                                    2027y / May / 15d, 1'549, 1'799, true}}},
                    DetectionCase{"a_small_change_within_the_tolerance_is_no_new_price",
                                  {paid(2027y / January / 15d, "Power", 6'000),
                                   paid(2027y / February / 15d, "Power", 6'080),
                                   paid(2027y / March / 15d, "Power", 5'990),
                                   paid(2027y / April / 15d, "Power", 6'050)},
                                  2027y / April / 20d,
                                  {{"Power", true, RecurringInterval::monthly, 4, 2027y / May / 15d,
                                    6'000, 6'050, false}}},
                    DetectionCase{"amounts_that_vary_widely_are_not_a_bill",
                                  {paid(2027y / March / 1d, "Grocer", 2'000),
                                   paid(2027y / March / 8d, "Grocer", 8'500),
                                   paid(2027y / March / 15d, "Grocer", 4'300),
                                   paid(2027y / March / 22d, "Grocer", 3'100)},
                                  2027y / March / 23d,
                                  {}},
                    DetectionCase{"a_series_that_stopped_is_not_listed",
                                  {paid(2026y / November / 1d, "Magazine", 900),
                                   paid(2026y / December / 1d, "Magazine", 900),
                                   paid(2027y / January / 1d, "Magazine", 900)},
                                  2027y / February / 5d,
                                  {}},
                    DetectionCase{"weekly_within_a_day_either_way",
                                  {paid(2027y / March / 1d, "Cleaner", 5'000),
                                   paid(2027y / March / 8d, "Cleaner", 5'000),
                                   paid(2027y / March / 16d, "Cleaner", 5'000),
                                   paid(2027y / March / 22d, "Cleaner", 5'000)},
                                  2027y / March / 25d,
                                  {{"Cleaner", true, RecurringInterval::weekly, 4,
                                    2027y / March / 29d, 5'000, 5'000, false}}},
                    DetectionCase{"yearly_insurance",
                                  {paid(2025y / March / 15d, "Insurance", 60'000),
                                   paid(2026y / March / 16d, "Insurance", 60'000),
                                   paid(2027y / March / 15d, "Insurance", 61'000)},
                                  2027y / June / 1d,
                                  {{"Insurance", true, RecurringInterval::yearly, 3,
                                    2028y / March / 15d, 60'000, 61'000, false}}},
                    DetectionCase{"salary_comes_in_and_case_and_spaces_do_not_matter",
                                  {received(2027y / January / 25d, "ACME  payroll", 300'000),
                                   received(2027y / February / 24d, "Acme Payroll", 300'000),
                                   received(2027y / March / 25d, "acme payroll ", 300'000),
                                   paid(2027y / March / 2d, "Acme Payroll", 300'000)},
                                  2027y / April / 1d,
                                  {{"acme payroll ", false, RecurringInterval::monthly, 3,
                                    2027y / April / 25d, 300'000, 300'000, false}}},
                    DetectionCase{"only_the_newest_regular_run_counts",
                                  {paid(2026y / September / 1d, "Phone", 3'000),
                                   paid(2026y / December / 1d, "Phone", 3'000),
                                   paid(2027y / January / 1d, "Phone", 3'000),
                                   paid(2027y / February / 1d, "Phone", 3'000),
                                   paid(2027y / March / 1d, "Phone", 3'000)},
                                  2027y / March / 2d,
                                  {{"Phone", true, RecurringInterval::monthly, 4,
                                    2027y / April / 1d, 3'000, 3'000, false}}},
                    DetectionCase{
                        "sorted_by_next_date",
                        {paid(2027y / January / 20d, "B", 100),
                         paid(2027y / February / 20d, "B", 100),
                         paid(2027y / March / 20d, "B", 100), paid(2027y / January / 5d, "A", 100),
                         paid(2027y / February / 5d, "A", 100), paid(2027y / March / 5d, "A", 100)},
                        2027y / March / 21d,
                        {{"A", true, RecurringInterval::monthly, 3, 2027y / April / 5d, 100, 100,
                          false},
                         {"B", true, RecurringInterval::monthly, 3, 2027y / April / 20d, 100, 100,
                          false}}}),
    [](const testing::TestParamInfo<DetectionCase>& info) { return info.param.name; });

TEST(PayeeKey, FoldsCaseAndSpaceAsTheCLocaleDoesForEveryByte) {
    // The reference: std::isspace and std::tolower of the "C" locale, byte by byte.
    const auto reference = [](std::string_view text) {
        std::string key;
        for (const char c : text) {
            const auto byte = static_cast<unsigned char>(c);
            if (std::isspace(byte)) {
                if (!key.empty() && key.back() != ' ') key.push_back(' ');
            } else {
                key.push_back(static_cast<char>(std::tolower(byte)));
            }
        }
        if (!key.empty() && key.back() == ' ') key.pop_back();
        return key;
    };
    for (int byte = 0; byte < 256; ++byte) {
        const char c = static_cast<char>(byte);
        const std::string text = std::string("a") + c + "B" + c + c + "z" + c;
        EXPECT_EQ(payee_key(text), reference(text)) << "byte " << byte;
    }
    EXPECT_EQ(payee_key("  Netflix \t Premium\r\n"), "netflix premium");
    EXPECT_EQ(payee_key("Caf\xc3\xa9 \xc3\x89TOILE"), "caf\xc3\xa9 \xc3\x89toile");
}

}  // namespace
}  // namespace bank
