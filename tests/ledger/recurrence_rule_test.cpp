#include "ledger/recurrence_rule.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bank {
namespace {

using namespace std::chrono;

struct ReadCase {
    std::string name;
    std::string text;
    std::string canonical;  // empty when the rule is refused
    std::string message;    // a part of the refusal's message
};

void PrintTo(const ReadCase& read, std::ostream* out) { *out << read.name; }

class ParseRecurrenceRule : public testing::TestWithParam<ReadCase> {};

TEST_P(ParseRecurrenceRule, ReadsTheSubsetAndNamesTheWrongPart) {
    const ReadCase& read = GetParam();
    const Result<RecurrenceRule> rule = parse_recurrence_rule(read.text);
    if (read.canonical.empty()) {
        ASSERT_FALSE(rule.ok()) << to_rrule_text(rule.value());
        EXPECT_NE(rule.error().message.find(read.message), std::string::npos)
            << rule.error().message;
        EXPECT_EQ(rule.error().field, "rrule");
        EXPECT_EQ(rule.error().code, ErrorCode::validation_failed);
        return;
    }
    ASSERT_TRUE(rule.ok()) << rule.error().message;
    EXPECT_EQ(to_rrule_text(rule.value()), read.canonical);
    // The canonical text reads back as the same rule.
    const Result<RecurrenceRule> again = parse_recurrence_rule(read.canonical);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.value(), rule.value());
}

const std::string too_long = "FREQ=DAILY;" + std::string(190, 'X');

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseRecurrenceRule,
    testing::Values(
        ReadCase{"monthly", "FREQ=MONTHLY", "FREQ=MONTHLY", ""},
        ReadCase{"prefix_and_lower_case", "rrule:freq=weekly;byday=fr,mo",
                 "FREQ=WEEKLY;BYDAY=MO,FR", ""},
        ReadCase{"interval_one_left_out", "FREQ=DAILY;INTERVAL=1", "FREQ=DAILY", ""},
        ReadCase{"last_day_sorts_last", "FREQ=MONTHLY;BYMONTHDAY=-1,15,1,15",
                 "FREQ=MONTHLY;BYMONTHDAY=1,15,-1", ""},
        ReadCase{"count", "FREQ=YEARLY;COUNT=3;INTERVAL=2", "FREQ=YEARLY;INTERVAL=2;COUNT=3", ""},
        ReadCase{"until_date", "FREQ=DAILY;UNTIL=20270228", "FREQ=DAILY;UNTIL=20270228", ""},
        ReadCase{"until_date_time", "FREQ=DAILY;UNTIL=20270228T235959Z",
                 "FREQ=DAILY;UNTIL=20270228", ""},
        ReadCase{"limits_at_the_ceiling", "FREQ=DAILY;INTERVAL=999;COUNT=1000",
                 "FREQ=DAILY;INTERVAL=999;COUNT=1000", ""},
        ReadCase{"empty", "", "", "empty"}, ReadCase{"only_the_prefix", "RRULE:", "", "empty"},
        ReadCase{"too_long", too_long, "", "longer than 200"},
        ReadCase{"no_freq", "INTERVAL=2", "", "FREQ is missing"},
        ReadCase{"hourly", "FREQ=HOURLY", "",
                 "FREQ: expected DAILY, WEEKLY, MONTHLY or YEARLY, got \"HOURLY\""},
        ReadCase{"interval_zero", "FREQ=DAILY;INTERVAL=0", "",
                 "INTERVAL: expected a whole number from 1 to 999"},
        ReadCase{"interval_past_ceiling", "FREQ=DAILY;INTERVAL=1000", "", "INTERVAL: expected"},
        ReadCase{"interval_signed", "FREQ=DAILY;INTERVAL=+2", "", "INTERVAL: expected"},
        ReadCase{"count_past_ceiling", "FREQ=DAILY;COUNT=1001", "",
                 "COUNT: expected a whole number from 1 to 1000"},
        ReadCase{"count_negative", "FREQ=DAILY;COUNT=-1", "", "COUNT: expected"},
        ReadCase{"bad_day", "FREQ=WEEKLY;BYDAY=MO,XX", "",
                 "BYDAY: expected days such as MO,WE,FR (MO to SU), got \"XX\""},
        ReadCase{"ordinal_day_unsupported", "FREQ=WEEKLY;BYDAY=1MO", "", "BYDAY: expected"},
        ReadCase{"byday_not_weekly", "FREQ=MONTHLY;BYDAY=MO", "",
                 "BYDAY is only allowed with FREQ=WEEKLY"},
        ReadCase{"month_day_zero", "FREQ=MONTHLY;BYMONTHDAY=0", "",
                 "BYMONTHDAY: expected days of the month from 1 to 31"},
        ReadCase{"month_day_32", "FREQ=MONTHLY;BYMONTHDAY=32", "", "got \"32\""},
        ReadCase{"month_day_minus_two", "FREQ=MONTHLY;BYMONTHDAY=-2", "", "or -1 for the last day"},
        ReadCase{"bymonthday_not_monthly", "FREQ=YEARLY;BYMONTHDAY=1", "",
                 "BYMONTHDAY is only allowed with FREQ=MONTHLY"},
        ReadCase{"count_and_until", "FREQ=DAILY;COUNT=2;UNTIL=20270101", "",
                 "COUNT and UNTIL cannot both be given"},
        ReadCase{"until_not_a_date", "FREQ=DAILY;UNTIL=20270230", "",
                 "UNTIL: expected a date such as 20271231, got \"20270230\""},
        ReadCase{"until_local_time", "FREQ=DAILY;UNTIL=20270101T000000", "", "UNTIL: expected"},
        ReadCase{"unsupported_part", "FREQ=DAILY;BYHOUR=9", "", "BYHOUR is not supported"},
        ReadCase{"part_twice", "FREQ=DAILY;FREQ=WEEKLY", "", "FREQ is given twice"},
        ReadCase{"no_value", "FREQ=", "", "\"FREQ=\" is not NAME=VALUE"},
        ReadCase{"trailing_separator", "FREQ=DAILY;", "", "an empty part"}),
    [](const testing::TestParamInfo<ReadCase>& info) { return info.param.name; });

struct DescribeCase {
    std::string rule;
    Date start;
    std::string words;
};

class DescribeRecurrence : public testing::TestWithParam<DescribeCase> {};

TEST_P(DescribeRecurrence, SaysTheRuleInPlainWords) {
    const DescribeCase& describe = GetParam();
    const Result<RecurrenceRule> rule = parse_recurrence_rule(describe.rule);
    ASSERT_TRUE(rule.ok()) << rule.error().message;
    EXPECT_EQ(describe_recurrence(rule.value(), describe.start), describe.words);
}

constexpr Date wednesday_10_march = 2027y / March / 10d;

INSTANTIATE_TEST_SUITE_P(
    Cases, DescribeRecurrence,
    testing::Values(
        DescribeCase{"FREQ=MONTHLY;BYMONTHDAY=-1", wednesday_10_march,
                     "every month on the last day"},
        DescribeCase{"FREQ=MONTHLY", wednesday_10_march, "every month on the 10th"},
        DescribeCase{"FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1,2,3,11,21,22,23", wednesday_10_march,
                     "every 3 months on the 1st, the 2nd, the 3rd, the 11th, the 21st, the 22nd "
                     "and the 23rd"},
        DescribeCase{"FREQ=WEEKLY", wednesday_10_march, "every week on Wednesday"},
        DescribeCase{"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR,MO;COUNT=10", wednesday_10_march,
                     "every 2 weeks on Monday and Friday, 10 times"},
        DescribeCase{"FREQ=DAILY", wednesday_10_march, "every day"},
        DescribeCase{"FREQ=DAILY;INTERVAL=3;UNTIL=20271231", wednesday_10_march,
                     "every 3 days, until 31 December 2027"},
        DescribeCase{"FREQ=YEARLY", 2028y / February / 29d, "every year on 29 February"},
        DescribeCase{"FREQ=MONTHLY;COUNT=1", wednesday_10_march, "once"}));

}  // namespace
}  // namespace bank
