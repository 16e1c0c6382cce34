#include "core/money.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace bank {
namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

struct AcceptedCase {
    std::string text;
    std::int64_t cents;
};

class MoneyParseAccepts : public testing::TestWithParam<AcceptedCase> {};

TEST_P(MoneyParseAccepts, GivesTheExactCents) {
    const auto& [text, cents] = GetParam();
    const auto parsed = Money::parse(text);
    ASSERT_TRUE(parsed.ok()) << "'" << text << "': " << parsed.error().message;
    EXPECT_EQ(parsed->cents(), cents) << "'" << text << "'";
}

INSTANTIATE_TEST_SUITE_P(
    StrictDecimalText, MoneyParseAccepts,
    testing::Values(AcceptedCase{"1000", 100000}, AcceptedCase{"1000.5", 100050},
                    AcceptedCase{"1000.50", 100050}, AcceptedCase{"1,000.50", 100050},
                    AcceptedCase{"1,000", 100000}, AcceptedCase{"1,234,567.89", 123456789},
                    AcceptedCase{"$12.34", 1234}, AcceptedCase{"$1,000", 100000},
                    AcceptedCase{" 7 ", 700}, AcceptedCase{"\t7\t", 700}, AcceptedCase{"0.01", 1},
                    AcceptedCase{"0.1", 10}, AcceptedCase{"0", 0}, AcceptedCase{"0.00", 0},
                    AcceptedCase{"12.3", 1230}, AcceptedCase{"999,999.99", 99999999},
                    // The largest whole-cent amount an int64 holds.
                    AcceptedCase{"92233720368547758.07", int64_max}));

struct RefusedCase {
    std::string text;
    std::string message;
};

void PrintTo(const RefusedCase& refused, std::ostream* out) { *out << "'" << refused.text << "'"; }
void PrintTo(const AcceptedCase& accepted, std::ostream* out) {
    *out << "'" << accepted.text << "'";
}

class MoneyParseRefuses : public testing::TestWithParam<RefusedCase> {};

TEST_P(MoneyParseRefuses, WithAMessageForTheUser) {
    const auto& [text, message] = GetParam();
    const auto parsed = Money::parse(text);
    ASSERT_FALSE(parsed.ok()) << "'" << text << "' parsed as " << parsed->cents();
    EXPECT_EQ(parsed.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(parsed.error().message, message) << "'" << text << "'";
}

const std::string enter_amount = "Enter an amount.";
const std::string not_a_number = "Enter the amount as a number, like 1234.56.";
const std::string positive = "The amount must be positive.";
const std::string two_decimals = "The amount can have at most two decimals.";
const std::string too_large = "The amount is too large.";

INSTANTIATE_TEST_SUITE_P(
    MalformedText, MoneyParseRefuses,
    testing::Values(RefusedCase{"", enter_amount}, RefusedCase{"   ", enter_amount},
                    RefusedCase{"\t", enter_amount}, RefusedCase{"-5", positive},
                    RefusedCase{" -0.01", positive}, RefusedCase{"+5", not_a_number},
                    RefusedCase{"$-5", not_a_number}, RefusedCase{"1e3", not_a_number},
                    RefusedCase{"1E3", not_a_number}, RefusedCase{"1.234", two_decimals},
                    RefusedCase{"1.", not_a_number}, RefusedCase{".5", not_a_number},
                    RefusedCase{"$.5", not_a_number}, RefusedCase{"1,00", not_a_number},
                    RefusedCase{"1,0000", not_a_number}, RefusedCase{",100", not_a_number},
                    RefusedCase{"1,,000", not_a_number}, RefusedCase{"1,000,", not_a_number},
                    RefusedCase{"1000,000", not_a_number}, RefusedCase{"12,34.00", not_a_number},
                    RefusedCase{"1.0,0", not_a_number}, RefusedCase{"abc", not_a_number},
                    RefusedCase{"12abc", not_a_number}, RefusedCase{"$", not_a_number},
                    RefusedCase{"$$5", not_a_number}, RefusedCase{"5$", not_a_number},
                    RefusedCase{"1.2.3", not_a_number}, RefusedCase{"0x10", not_a_number},
                    RefusedCase{"1 000", not_a_number}, RefusedCase{"1.5 0", not_a_number},
                    RefusedCase{"NaN", not_a_number}, RefusedCase{"inf", not_a_number},
                    RefusedCase{"99999999999999999999", too_large},
                    RefusedCase{"92233720368547758.08", too_large},
                    RefusedCase{"92233720368547759", too_large},
                    // Unicode digits: Arabic-Indic "١٢" and full-width "１２" are not ASCII digits.
                    RefusedCase{"\u0661\u0662", not_a_number}, RefusedCase{"１２", not_a_number},
                    RefusedCase{"1\u00a0000", not_a_number}));

struct FormatCase {
    std::int64_t cents;
    std::string machine;
    std::string human;
};

void PrintTo(const FormatCase& format, std::ostream* out) { *out << format.cents << " cents"; }

class MoneyFormat : public testing::TestWithParam<FormatCase> {};

TEST_P(MoneyFormat, PrintsTwoDecimals) {
    const auto& [cents, machine, human] = GetParam();
    EXPECT_EQ(Money::from_cents(cents).to_string(), machine);
    EXPECT_EQ(Money::from_cents(cents).display(), human);
}

INSTANTIATE_TEST_SUITE_P(
    Amounts, MoneyFormat,
    testing::Values(FormatCase{0, "0.00", "$0.00"}, FormatCase{1, "0.01", "$0.01"},
                    FormatCase{10, "0.10", "$0.10"}, FormatCase{100, "1.00", "$1.00"},
                    FormatCase{-1, "-0.01", "-$0.01"},
                    FormatCase{-123456, "-1234.56", "-$1,234.56"},
                    FormatCase{99999, "999.99", "$999.99"},
                    FormatCase{100000, "1000.00", "$1,000.00"},
                    FormatCase{123456789, "1234567.89", "$1,234,567.89"},
                    FormatCase{100000000, "1000000.00", "$1,000,000.00"},
                    FormatCase{int64_max, "92233720368547758.07", "$92,233,720,368,547,758.07"},
                    FormatCase{int64_min, "-92233720368547758.08", "-$92,233,720,368,547,758.08"}));

TEST(MoneyFormat, MachineFormParsesBackToTheSameAmount) {
    for (const std::int64_t cents : {std::int64_t{0}, std::int64_t{1}, std::int64_t{105},
                                     std::int64_t{123456789}, int64_max}) {
        const auto parsed = Money::parse(Money::from_cents(cents).to_string());
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(parsed->cents(), cents);
        const auto displayed = Money::parse(Money::from_cents(cents).display());
        ASSERT_TRUE(displayed.ok());
        EXPECT_EQ(displayed->cents(), cents);
    }
}

TEST(MoneyArithmetic, AddsAndSubtractsExactly) {
    const auto sum = Money::from_cents(10).checked_add(Money::from_cents(20));
    ASSERT_TRUE(sum.has_value());
    EXPECT_EQ(sum->cents(), 30);
    const auto difference = Money::from_cents(10).checked_sub(Money::from_cents(25));
    ASSERT_TRUE(difference.has_value());
    EXPECT_EQ(difference->cents(), -15);
}

TEST(MoneyArithmetic, RefusesOverflowInsteadOfWrapping) {
    const Money max = Money::from_cents(int64_max);
    const Money min = Money::from_cents(int64_min);
    const Money cent = Money::from_cents(1);
    EXPECT_FALSE(max.checked_add(cent).has_value());
    EXPECT_FALSE(cent.checked_add(max).has_value());
    EXPECT_FALSE(min.checked_sub(cent).has_value());
    EXPECT_FALSE(min.checked_add(Money::from_cents(-1)).has_value());
    EXPECT_FALSE(Money().checked_sub(min).has_value());
    EXPECT_FALSE(max.checked_sub(Money::from_cents(-1)).has_value());

    const auto at_max = Money::from_cents(int64_max - 1).checked_add(cent);
    ASSERT_TRUE(at_max.has_value());
    EXPECT_EQ(*at_max, max);
    const auto at_min = Money::from_cents(int64_min + 1).checked_sub(cent);
    ASSERT_TRUE(at_min.has_value());
    EXPECT_EQ(*at_min, min);
}

TEST(MoneyValue, ComparesAndClassifiesBySign) {
    EXPECT_TRUE(Money().is_zero());
    EXPECT_TRUE(Money::from_cents(1).is_positive());
    EXPECT_TRUE(Money::from_cents(-1).is_negative());
    EXPECT_LT(Money::from_cents(99), Money::from_cents(100));
    EXPECT_EQ(Money::from_cents(100), Money::parse("1").value());
}

}  // namespace
}  // namespace bank
