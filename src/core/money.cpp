#include "core/money.hpp"

#include <limits>

namespace bank {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Checks that thousands separators, when present, group the integer part in threes
// ("1,000,000"); returns the digits alone, or nullopt when the grouping is wrong.
std::optional<std::string> integer_digits(std::string_view whole) {
    std::string digits;
    if (whole.find(',') == std::string_view::npos) {
        for (char c : whole) {
            if (!is_digit(c)) return std::nullopt;
        }
        return std::string(whole);
    }
    std::size_t group_length = 0;
    bool first_group = true;
    for (char c : whole) {
        if (c == ',') {
            if (group_length == 0 || group_length > 3 || (!first_group && group_length != 3)) {
                return std::nullopt;
            }
            first_group = false;
            group_length = 0;
            continue;
        }
        if (!is_digit(c)) return std::nullopt;
        digits.push_back(c);
        ++group_length;
    }
    if (group_length != 3) return std::nullopt;
    return digits;
}

}  // namespace

Result<Money> Money::parse(std::string_view text) {
    text = trim(text);
    if (text.empty()) return make_error(ErrorCode::validation_failed, "Enter an amount.");
    if (text.front() == '-') {
        return make_error(ErrorCode::validation_failed, "The amount must be positive.");
    }
    if (text.front() == '$') text.remove_prefix(1);
    const auto not_a_number =
        make_error(ErrorCode::validation_failed, "Enter the amount as a number, like 1234.56.");
    const std::size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    if (point != std::string_view::npos && fraction.empty()) return not_a_number;
    if (whole.empty()) return not_a_number;
    for (char c : fraction) {
        if (!is_digit(c)) return not_a_number;
    }
    if (fraction.size() > 2) {
        return make_error(ErrorCode::validation_failed,
                          "The amount can have at most two decimals.");
    }
    const auto digits = integer_digits(whole);
    if (!digits) return not_a_number;

    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
    std::int64_t units = 0;
    for (char c : *digits) {
        const int digit = c - '0';
        if (units > (max - digit) / 10) {
            return make_error(ErrorCode::validation_failed, "The amount is too large.");
        }
        units = units * 10 + digit;
    }
    std::int64_t cents_part = 0;
    if (!fraction.empty()) {
        cents_part = (fraction[0] - '0') * 10;
        if (fraction.size() == 2) cents_part += fraction[1] - '0';
    }
    if (units > (max - cents_part) / 100) {
        return make_error(ErrorCode::validation_failed, "The amount is too large.");
    }
    return Money(units * 100 + cents_part);
}

std::optional<Money> Money::checked_add(Money other) const {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(cents_, other.cents_, &sum)) return std::nullopt;
    return Money(sum);
}

std::optional<Money> Money::checked_sub(Money other) const {
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(cents_, other.cents_, &difference)) return std::nullopt;
    return Money(difference);
}

namespace {

// The magnitude as unsigned so that the most negative value prints correctly.
std::uint64_t magnitude(std::int64_t cents) {
    return cents < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(cents)
                     : static_cast<std::uint64_t>(cents);
}

std::string format(std::int64_t cents, bool grouped) {
    const std::uint64_t value = magnitude(cents);
    std::string whole = std::to_string(value / 100);
    if (grouped) {
        for (int position = static_cast<int>(whole.size()) - 3; position > 0; position -= 3) {
            whole.insert(static_cast<std::size_t>(position), ",");
        }
    }
    const std::uint64_t fraction = value % 100;
    std::string text;
    text.reserve(whole.size() + 5);
    if (cents < 0) text.push_back('-');
    if (grouped) text.push_back('$');
    text += whole;
    text.push_back('.');
    text.push_back(static_cast<char>('0' + fraction / 10));
    text.push_back(static_cast<char>('0' + fraction % 10));
    return text;
}

}  // namespace

std::string Money::to_string() const { return format(cents_, false); }
std::string Money::display() const { return format(cents_, true); }

}  // namespace bank
