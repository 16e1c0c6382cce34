#pragma once

// Noon UTC of a day: the instant the store tests of money that moves on its own set their
// clocks to, far from both ends of the day, so no time zone or pass lands on another date.

#include <chrono>

#include "core/clock.hpp"
#include "ledger/standing_order.hpp"

namespace bank::test {

inline Timestamp noon(Date date) { return utc_day_start(date) + std::chrono::hours(12); }

}  // namespace bank::test
