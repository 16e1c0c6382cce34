#include "core/clock.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>

namespace bank {
namespace {

using namespace std::chrono_literals;

// 2026-11-25T08:09:44.123456Z
constexpr std::int64_t sample_micros = 1'795'594'184'123'456;

Timestamp at_date(int year, unsigned month, unsigned day) {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::sys_days(std::chrono::year_month_day{
            std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)}));
}

// A test name made from the case's text, so that a case keeps its CTest name when cases are
// added or reordered: letters and digits stay, '-' becomes '_', any other byte xHH.
std::string name_of(const std::string& text) {
    if (text.empty()) return "empty";
    std::string name;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 && byte < 0x80) {
            name += c;
        } else if (c == '-') {
            name += '_';
        } else {
            constexpr const char* digits = "0123456789ABCDEF";
            name += 'x';
            name += digits[byte >> 4];
            name += digits[byte & 0xF];
        }
    }
    return name;
}

struct Rfc3339Case {
    std::int64_t micros;
    std::string text;
};

// Printed in the test's name (GoogleTest would print the struct's bytes, a pointer among them,
// so the name would change from build to build).
void PrintTo(const Rfc3339Case& instant, std::ostream* out) {
    *out << instant.micros << " us: '" << instant.text << "'";
}

class FormatRfc3339 : public testing::TestWithParam<Rfc3339Case> {};

TEST_P(FormatRfc3339, PrintsUtcWithMicroseconds) {
    EXPECT_EQ(format_rfc3339(from_micros(GetParam().micros)), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Instants, FormatRfc3339,
    testing::Values(Rfc3339Case{0, "1970-01-01T00:00:00.000000Z"},
                    Rfc3339Case{1, "1970-01-01T00:00:00.000001Z"},
                    Rfc3339Case{999'999, "1970-01-01T00:00:00.999999Z"},
                    Rfc3339Case{sample_micros, "2026-11-25T08:09:44.123456Z"},
                    // The last microsecond of a leap day, and of a year.
                    Rfc3339Case{to_micros(at_date(2028, 3, 1)) - 1, "2028-02-29T23:59:59.999999Z"},
                    Rfc3339Case{to_micros(at_date(2027, 1, 1)) - 1, "2026-12-31T23:59:59.999999Z"}),
    [](const auto& info) { return name_of(info.param.text); });

// HTML's <time datetime> allows at most three decimals of a second (the Nu Html Checker
// refuses six): the page form keeps milliseconds, cut, never rounded into the next second.
TEST(FormatHtmlDatetime, KeepsMillisecondsOnly) {
    const std::pair<std::int64_t, std::string> cases[] = {
        {0, "1970-01-01T00:00:00.000Z"},
        {999, "1970-01-01T00:00:00.000Z"},
        {999'999, "1970-01-01T00:00:00.999Z"},
        {sample_micros, "2026-11-25T08:09:44.123Z"},
        {to_micros(at_date(2027, 1, 1)) - 1, "2026-12-31T23:59:59.999Z"},
    };
    for (const auto& [micros, text] : cases) {
        EXPECT_EQ(format_html_datetime(from_micros(micros)), text) << micros;
    }
}

TEST(FormatMonth, NamesTheUtcMonth) {
    EXPECT_EQ(format_month(from_micros(sample_micros)), "2026-11");
    EXPECT_EQ(format_month(from_micros(0)), "1970-01");
    EXPECT_EQ(format_month(at_date(2026, 12, 31) + 24h - 1us), "2026-12");
    EXPECT_EQ(format_month(at_date(2027, 1, 1)), "2027-01");
    EXPECT_EQ(format_month(at_date(2028, 2, 29)), "2028-02");
}

TEST(FormatDisplay, IsTheHumanFormInUtc) {
    EXPECT_EQ(format_display(from_micros(sample_micros)), "Nov 25, 2026 08:09 UTC");
    EXPECT_EQ(format_display(at_date(2027, 1, 5)), "Jan 05, 2027 00:00 UTC");
}

// parse_date accepts years up to 9999, so every format must print them, past the year 2262
// where a nanosecond count of time runs out.
TEST(FormatFarFuture, PrintsTheRealDate) {
    Timestamp parsed{};
    ASSERT_TRUE(parse_date("9999-12-31", parsed));
    EXPECT_EQ(format_rfc3339(parsed), "9999-12-31T00:00:00.000000Z");
    EXPECT_EQ(format_month(parsed), "9999-12");
    EXPECT_EQ(format_display(parsed), "Dec 31, 9999 00:00 UTC");
    ASSERT_TRUE(parse_date("2300-01-01", parsed));
    EXPECT_EQ(format_rfc3339(parsed + 1us), "2300-01-01T00:00:00.000001Z");
}

TEST(Micros, RoundTrip) {
    EXPECT_EQ(to_micros(from_micros(sample_micros)), sample_micros);
    EXPECT_EQ(to_micros(from_micros(0)), 0);
}

struct DateCase {
    std::string text;
    int year;
    unsigned month;
    unsigned day;
};

void PrintTo(const DateCase& date, std::ostream* out) { *out << "'" << date.text << "'"; }

class ParseDateAccepts : public testing::TestWithParam<DateCase> {};

TEST_P(ParseDateAccepts, GivesMidnightUtc) {
    const auto& [text, year, month, day] = GetParam();
    Timestamp parsed{};
    ASSERT_TRUE(parse_date(text, parsed)) << text;
    EXPECT_EQ(parsed, at_date(year, month, day));
    EXPECT_EQ(format_rfc3339(parsed).substr(10), "T00:00:00.000000Z");
}

INSTANTIATE_TEST_SUITE_P(
    Dates, ParseDateAccepts,
    testing::Values(DateCase{"2026-11-25", 2026, 11, 25}, DateCase{"1970-01-01", 1970, 1, 1},
                    DateCase{"2028-02-29", 2028, 2, 29}, DateCase{"2000-02-29", 2000, 2, 29},
                    DateCase{"2026-12-31", 2026, 12, 31}, DateCase{"9999-12-31", 9999, 12, 31}),
    [](const auto& info) { return name_of(info.param.text); });

class ParseDateRefuses : public testing::TestWithParam<std::string> {};

TEST_P(ParseDateRefuses, LeavesTheOutputAlone) {
    const Timestamp untouched = from_micros(sample_micros);
    Timestamp parsed = untouched;
    EXPECT_FALSE(parse_date(GetParam(), parsed)) << "'" << GetParam() << "'";
    EXPECT_EQ(parsed, untouched);
}

INSTANTIATE_TEST_SUITE_P(Malformed, ParseDateRefuses,
                         testing::Values("", "2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31",
                                         "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
                                         "1969-12-31", "0000-01-01", "2026-1-05", "2026-01-5",
                                         "26-01-05", "2026/01/05", "20260105",
                                         "2026-01-05T00:00:00Z", " 2026-01-05", "2026-01-05 ",
                                         "2026-0a-05", "+026-01-05", "2026-01--5", "today",
                                         "\xef\xbc\x92\xef\xbc\x90\x32\x36-01-05"),
                         [](const auto& info) { return name_of(info.param); });

TEST(ManualClock, MovesOnlyWhenAdvanced) {
    ManualClock clock(from_micros(sample_micros));
    EXPECT_EQ(to_micros(clock.now()), sample_micros);
    EXPECT_EQ(to_micros(clock.now()), sample_micros);
    clock.advance(30min);
    EXPECT_EQ(to_micros(clock.now()), sample_micros + 30LL * 60 * 1'000'000);
}

TEST(SystemClock, IsAfterTheYear2020) { EXPECT_GT(SystemClock().now(), at_date(2020, 1, 1)); }

}  // namespace
}  // namespace bank
