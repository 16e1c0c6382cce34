#include "ledger/interest_accrual.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace bank {
namespace {

Error rate_error() {
    return make_error(ErrorCode::validation_failed,
                      "the annual rate must be a percentage from 0 to 100 with at most four "
                      "decimals, such as 4.35",
                      "annual_rate");
}

// balance (up to 2^63 cents) × rate (up to 10^6) × 31 days needs more than 64 bits; GCC's
// 128-bit integer holds it exactly (__extension__: it is not ISO C++).
__extension__ using WideUnits = __int128;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Result<AnnualRate> AnnualRate::parse_percent(std::string_view text) {
    const std::size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    const std::string_view decimals =
        point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    const bool digits_only = std::all_of(whole.begin(), whole.end(), is_digit) &&
                             std::all_of(decimals.begin(), decimals.end(), is_digit);
    if (whole.empty() || whole.size() > 3 || decimals.size() > 4 || !digits_only ||
        (point != std::string_view::npos && decimals.empty())) {
        return rate_error();
    }
    // A percent is 10,000 millionths; each decimal place a tenth of that.
    std::int64_t per_million = 0;
    for (const char c : whole) per_million = per_million * 10 + (c - '0');
    per_million *= 10'000;
    std::int64_t place = 1'000;
    for (const char c : decimals) {
        per_million += (c - '0') * place;
        place /= 10;
    }
    if (per_million > per_million_max) return rate_error();
    return AnnualRate(per_million);
}

std::string AnnualRate::percent_text() const {
    std::string text = std::to_string(per_million_ / 10'000);
    std::string decimals = std::to_string(per_million_ % 10'000 + 10'000).substr(1);
    while (!decimals.empty() && decimals.back() == '0') decimals.pop_back();
    if (!decimals.empty()) text += "." + decimals;
    return text;
}

AnnualRate rate_on(std::span<const RatePeriod> periods, Date day) {
    AnnualRate rate;
    for (const RatePeriod& period : periods) {
        if (period.effective_from > day) break;
        rate = period.rate;
    }
    return rate;
}

InterestAccrual accrue_interest(std::span<const DayBalance> days,
                                std::span<const RatePeriod> periods, std::int64_t carried_units) {
    WideUnits units = carried_units;
    for (const DayBalance& day : days) {
        if (!day.balance.is_positive()) continue;
        units +=
            static_cast<WideUnits>(day.balance.cents()) * rate_on(periods, day.day).per_million();
    }
    const WideUnits cents = units / InterestAccrual::units_per_cent;
    if (cents > std::numeric_limits<std::int64_t>::max()) {
        throw std::overflow_error("interest of a period does not fit in cents");
    }
    InterestAccrual accrual;
    accrual.interest = Money::from_cents(static_cast<std::int64_t>(cents));
    accrual.carried_units = static_cast<std::int64_t>(units % InterestAccrual::units_per_cent);
    return accrual;
}

}  // namespace bank
