#include "ledger/account_number.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace bank {
namespace {

const std::string only_digits = "An account number has only digits.";
const std::string ten_digits = "An account number has 10 digits.";
const std::string enter_number = "Enter the account number.";
const std::string typo = "That account number is not valid; please check it for typos.";

bool all_digits(const std::string& text) {
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

TEST(AccountNumberGenerate, GivesTenDigitsThatParseBack) {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string number = AccountNumber::generate();
        ASSERT_EQ(number.size(), AccountNumber::length) << number;
        ASSERT_TRUE(all_digits(number)) << number;
        EXPECT_NE(number.front(), '0') << number;
        const auto parsed = AccountNumber::parse(number);
        ASSERT_TRUE(parsed.ok()) << number << ": " << parsed.error().message;
        EXPECT_EQ(*parsed, number);
        seen.insert(number);
    }
    // Nine random digits: 200 draws collide with a chance of about 2e-5.
    EXPECT_GE(seen.size(), 199U);
}

TEST(AccountNumberParse, RefusesEverySingleMistypedDigit) {
    for (int round = 0; round < 20; ++round) {
        const std::string number = AccountNumber::generate();
        for (std::size_t position = 0; position < number.size(); ++position) {
            for (char digit = '0'; digit <= '9'; ++digit) {
                if (digit == number[position]) continue;
                std::string mistyped = number;
                mistyped[position] = digit;
                const auto parsed = AccountNumber::parse(mistyped);
                ASSERT_FALSE(parsed.ok()) << number << " -> " << mistyped;
                EXPECT_EQ(parsed.error().message, typo);
            }
        }
    }
}

TEST(AccountNumberParse, RefusesEverySwapOfAdjacentDigits) {
    for (int round = 0; round < 50; ++round) {
        const std::string number = AccountNumber::generate();
        for (std::size_t position = 0; position + 1 < number.size(); ++position) {
            if (number[position] == number[position + 1]) continue;
            std::string swapped = number;
            std::swap(swapped[position], swapped[position + 1]);
            const auto parsed = AccountNumber::parse(swapped);
            ASSERT_FALSE(parsed.ok()) << number << " -> " << swapped;
            EXPECT_EQ(parsed.error().message, typo);
        }
    }
}

TEST(AccountNumberCheckDigit, MakesAValidNumber) {
    EXPECT_EQ(AccountNumber::check_digit("572"), '4');  // the classic Damm example
    const std::string body = "123456789";
    const std::string number = body + AccountNumber::check_digit(body);
    const auto parsed = AccountNumber::parse(number);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(*parsed, number);
}

class AccountNumberSeparators : public testing::TestWithParam<std::string> {};

// The digits of a valid number with separators people type.
TEST_P(AccountNumberSeparators, AreIgnored) {
    const std::string body = "123456789";
    const std::string number = body + AccountNumber::check_digit(body);
    std::string text = GetParam();
    for (char& c : text) {
        if (c == 'D') c = number.back();
    }
    const auto parsed = AccountNumber::parse(text);
    ASSERT_TRUE(parsed.ok()) << "'" << text << "': " << parsed.error().message;
    EXPECT_EQ(*parsed, number);
}

INSTANTIATE_TEST_SUITE_P(Spacing, AccountNumberSeparators,
                         testing::Values("123456789D", "1234-5678-9D", "123 456 789D",
                                         " 123456789D ", "12-34 56--789 D"));

struct RefusedCase {
    std::string text;
    std::string message;
};

void PrintTo(const RefusedCase& refused, std::ostream* out) { *out << "'" << refused.text << "'"; }

class AccountNumberRefuses : public testing::TestWithParam<RefusedCase> {};

TEST_P(AccountNumberRefuses, WithAMessageOnTheField) {
    const auto parsed = AccountNumber::parse(GetParam().text);
    ASSERT_FALSE(parsed.ok()) << "'" << GetParam().text << "'";
    EXPECT_EQ(parsed.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(parsed.error().message, GetParam().message);
    EXPECT_EQ(parsed.error().field, "to_account_number");
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, AccountNumberRefuses,
    testing::Values(RefusedCase{"", enter_number}, RefusedCase{"   ", enter_number},
                    RefusedCase{"- -", enter_number}, RefusedCase{"12345a7890", only_digits},
                    RefusedCase{"ABCDEFGHIJ", only_digits}, RefusedCase{"1234.567890", only_digits},
                    RefusedCase{"1234567890x", only_digits},
                    RefusedCase{"+1234567890", only_digits},
                    RefusedCase{"１２３４５６７８９０", only_digits},
                    RefusedCase{"123456789", ten_digits}, RefusedCase{"12345678901", ten_digits},
                    RefusedCase{"1", ten_digits}, RefusedCase{"1234-5678-901", ten_digits},
                    RefusedCase{"12345678901234567890", ten_digits},
                    RefusedCase{"1234567890", typo}));

TEST(AccountNumberParse, RefusesAValidNumberWithAnExtraDigit) {
    const std::string body = "123456789";
    const std::string number = body + AccountNumber::check_digit(body);
    // A valid number with one digit too many must not pass as its first ten digits.
    for (char extra = '0'; extra <= '9'; ++extra) {
        const auto parsed = AccountNumber::parse(number + extra);
        ASSERT_FALSE(parsed.ok());
        EXPECT_EQ(parsed.error().message, ten_digits);
    }
}

}  // namespace
}  // namespace bank
