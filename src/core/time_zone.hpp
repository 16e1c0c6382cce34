#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace date {
class time_zone;
}

namespace bank {

// A person's IANA time zone ("Europe/Paris"), read from the system's tz database
// (/usr/share/zoneinfo, Debian's tzdata) through Howard Hinnant's date library: GCC 12's
// libstdc++ has no std::chrono::tzdb, and TZ with localtime_r is process-wide state that
// one request would change under another. Zones are read-only once loaded, so a TimeZone
// may be used from any thread.
//
// A "wall" Timestamp is a local date and time written as if it were UTC (12:30 in Paris is
// 12:30Z): the formatting and calendar helpers of core/clock.hpp then give local dates,
// months and days with no second set of functions.
class TimeZone {
public:
    // Nullopt when the name is not in the tz database.
    static std::optional<TimeZone> find(std::string_view name);
    static TimeZone utc();
    // A stored name the tz database no longer has is shown in UTC rather than refused.
    static TimeZone named_or_utc(std::string_view name);

    const std::string& name() const { return name_; }
    // The local date and time `at` shows on a wall clock in this zone.
    Timestamp to_wall(Timestamp at) const;
    // The first instant whose wall time is `wall`. In the hour a clock skips (DST starts),
    // the instant it skips to; in the hour it repeats (DST ends), the first of the two.
    Timestamp from_wall(Timestamp wall) const;
    // "CET", "PDT", or an offset such as "+13" where the database has no letters.
    std::string abbreviation_at(Timestamp at) const;

private:
    TimeZone(const date::time_zone* zone, std::string name) : zone_(zone), name_(std::move(name)) {}

    const date::time_zone* zone_;
    std::string name_;
};

// The names of the tz database, sorted: what the profile page offers.
const std::vector<std::string>& time_zone_names();

// "Nov 25, 2026 00:09 PST": the human form pages show, in the person's zone.
std::string format_display(Timestamp at, const TimeZone& zone);
// "2026-11-25" and "2026-11": the local day and month `at` falls in.
std::string format_date(Timestamp at, const TimeZone& zone);
std::string format_month(Timestamp at, const TimeZone& zone);
// The first instant of the local day `at` falls in, moved by `days`.
Timestamp local_day_start(Timestamp at, const TimeZone& zone, int days = 0);
// The first instant of the local month `at` falls in, moved by `months` (may be negative).
Timestamp local_month_start(Timestamp at, const TimeZone& zone, int months = 0);

}  // namespace bank
