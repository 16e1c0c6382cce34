#pragma once

#include <cstdint>

#include "core/money.hpp"

namespace bank {

// Adds `amount` to a running total of figures (bank-wide or a person's analytics). Totals of
// real balances stay far below the int64 range; one that reached it saturates rather than
// wraps.
inline void add_to_total(Money& total, Money amount) {
    const auto sum = total.checked_add(amount);
    total = sum ? *sum : Money::from_cents(INT64_MAX);
}

}  // namespace bank
