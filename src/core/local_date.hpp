#pragma once

#include <chrono>

#include "core/clock.hpp"
#include "core/time_zone.hpp"

namespace bank {

// The calendar day `at` falls on in `zone` (the person's day): what the forecast, the
// recurring detection and the alerts that look ahead date a posting by.
inline std::chrono::year_month_day local_date(Timestamp at, const TimeZone& zone) {
    return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(zone.to_wall(at)));
}

}  // namespace bank
