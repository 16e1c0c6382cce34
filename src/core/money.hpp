#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace bank {

// An amount of money as an integer count of cents. No float ever holds money.
class Money {
public:
    constexpr Money() = default;
    static constexpr Money from_cents(std::int64_t cents) { return Money(cents); }

    // Strict decimal text: "1000", "1000.5", "1,000.50", optionally "$1,000.50".
    // Signs, exponents, more than two decimals and misplaced separators are refused.
    static Result<Money> parse(std::string_view text);

    constexpr std::int64_t cents() const { return cents_; }
    constexpr bool is_zero() const { return cents_ == 0; }
    constexpr bool is_negative() const { return cents_ < 0; }
    constexpr bool is_positive() const { return cents_ > 0; }

    // Overflow-checked arithmetic: nullopt when the result does not fit.
    std::optional<Money> checked_add(Money other) const;
    std::optional<Money> checked_sub(Money other) const;

    // "1234.56" (the machine form, used in JSON, CSV and forms).
    std::string to_string() const;
    // "$1,234.56" (the human form, used on pages).
    std::string display() const;

    constexpr auto operator<=>(const Money&) const = default;

private:
    constexpr explicit Money(std::int64_t cents) : cents_(cents) {}
    std::int64_t cents_ = 0;
};

}  // namespace bank
