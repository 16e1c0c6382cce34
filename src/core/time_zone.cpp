#include "core/time_zone.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace bank {

namespace {

using std::chrono::days;
using std::chrono::microseconds;

const date::time_zone* locate(std::string_view name) {
    // locate_zone throws for an unknown name; the list is searched instead so that a typing
    // mistake costs no exception.
    const auto& zones = date::get_tzdb().zones;
    const auto found = std::lower_bound(
        zones.begin(), zones.end(), name,
        [](const date::time_zone& zone, std::string_view wanted) { return zone.name() < wanted; });
    if (found == zones.end() || found->name() != name) return nullptr;
    return &*found;
}

}  // namespace

std::optional<TimeZone> TimeZone::find(std::string_view name) {
    const date::time_zone* zone = locate(name);
    if (zone == nullptr) return std::nullopt;
    return TimeZone(zone, std::string(name));
}

TimeZone TimeZone::utc() {
    static const TimeZone zone = [] {
        const date::time_zone* found = locate("UTC");
        if (found == nullptr) found = locate("Etc/UTC");
        if (found == nullptr) {
            throw std::runtime_error("the tz database (/usr/share/zoneinfo) has no UTC zone");
        }
        return TimeZone(found, "UTC");
    }();
    return zone;
}

TimeZone TimeZone::named_or_utc(std::string_view name) {
    if (auto zone = find(name)) return *std::move(zone);
    return utc();
}

Timestamp TimeZone::to_wall(Timestamp at) const {
    const date::local_time<microseconds> local = zone_->to_local(at);
    return Timestamp(local.time_since_epoch());
}

Timestamp TimeZone::from_wall(Timestamp wall) const {
    const date::local_time<microseconds> local(wall.time_since_epoch());
    const date::local_info info = zone_->get_info(local);
    if (info.result == date::local_info::nonexistent) {
        // The skipped hour: the clock jumps to the first offset's end.
        return std::chrono::time_point_cast<microseconds>(info.first.end);
    }
    // Unique, or the first of a repeated hour (the earlier offset, info.first).
    return Timestamp(wall.time_since_epoch() - info.first.offset);
}

std::string TimeZone::abbreviation_at(Timestamp at) const { return zone_->get_info(at).abbrev; }

const std::vector<std::string>& time_zone_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all;
        for (const date::time_zone& zone : date::get_tzdb().zones) all.push_back(zone.name());
        std::sort(all.begin(), all.end());
        return all;
    }();
    return names;
}

std::string format_display(Timestamp at, const TimeZone& zone) {
    const Timestamp wall = zone.to_wall(at);
    const std::string utc_form = format_display(wall);
    // "Nov 25, 2026 08:09 UTC" with the zone's letters in place of "UTC".
    return utc_form.substr(0, utc_form.size() - 3) + zone.abbreviation_at(at);
}

std::string format_date(Timestamp at, const TimeZone& zone) {
    return format_date(zone.to_wall(at));
}

std::string format_month(Timestamp at, const TimeZone& zone) {
    return format_month(zone.to_wall(at));
}

Timestamp local_day_start(Timestamp at, const TimeZone& zone, int days_moved) {
    const Timestamp wall_day = std::chrono::floor<days>(zone.to_wall(at)) + days(days_moved);
    return zone.from_wall(wall_day);
}

Timestamp local_month_start(Timestamp at, const TimeZone& zone, int months) {
    const date::year_month_day day{std::chrono::floor<days>(zone.to_wall(at))};
    const date::year_month month = date::year_month(day.year(), day.month()) + date::months(months);
    return zone.from_wall(Timestamp(date::sys_days(month / 1).time_since_epoch()));
}

}  // namespace bank
