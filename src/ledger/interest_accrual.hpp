#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/money.hpp"
#include "core/result.hpp"
#include "ledger/recurrence_rule.hpp"

namespace bank {

// An annual interest rate in millionths of the balance per year: 4.35 % is 43,500. The
// finest rate a person can set (0.0001 %) is one unit, so a rate is exact, never a float.
class AnnualRate {
public:
    static constexpr std::int64_t per_million_max = 1'000'000;  // 100 % a year

    constexpr AnnualRate() = default;
    static constexpr AnnualRate from_per_million(std::int64_t per_million) {
        return AnnualRate(per_million);
    }
    // A percentage as text: "4.35", "0.0001", "0"; at most four decimals, from 0 to 100.
    // Refused on the field "annual_rate" otherwise.
    static Result<AnnualRate> parse_percent(std::string_view text);

    constexpr std::int64_t per_million() const { return per_million_; }
    // "4.35" (trailing zeros left out, "0" for no interest).
    std::string percent_text() const;

    constexpr auto operator<=>(const AnnualRate&) const = default;

private:
    constexpr explicit AnnualRate(std::int64_t per_million) : per_million_(per_million) {}
    std::int64_t per_million_ = 0;
};

// A rate that applies from a date on, until the next period of the same account type.
struct RatePeriod {
    Date effective_from;
    AnnualRate rate;
};

// The rate in force on `day`: the last period effective on or before it (zero before the
// first). `periods` are sorted by effective_from.
AnnualRate rate_on(std::span<const RatePeriod> periods, Date day);

// An account's balance at the end of a day.
struct DayBalance {
    Date day;
    Money balance;
};

// Interest accrues each day on the end-of-day balance at that day's rate, actual/365: a day
// earns balance × rate / 365. Nothing is rounded on the way: what a month earns is summed
// exactly, in 365,000,000ths of a cent, the whole cents are posted and the fraction left
// over (always less than a cent) is carried into the next month. A balance at or below zero
// earns nothing.
struct InterestAccrual {
    static constexpr std::int64_t units_per_cent = 365LL * 1'000'000;

    Money interest;                  // the whole cents to post
    std::int64_t carried_units = 0;  // 0 <= carried_units < units_per_cent
};

// The interest `days` earn (one entry per day of the period, each day once), starting from
// what an earlier period carried. Throws std::overflow_error when the cents do not fit.
InterestAccrual accrue_interest(std::span<const DayBalance> days,
                                std::span<const RatePeriod> periods, std::int64_t carried_units);

}  // namespace bank
