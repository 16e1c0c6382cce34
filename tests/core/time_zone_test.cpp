#include "core/time_zone.hpp"

#include <gtest/gtest.h>

namespace bank {
namespace {

Timestamp instant(std::string_view rfc3339_date, int hour, int minute) {
    Timestamp day{};
    EXPECT_TRUE(parse_date(rfc3339_date, day));
    return day + std::chrono::hours(hour) + std::chrono::minutes(minute);
}

TEST(TimeZone, FindsNamesOfTheTzDatabaseAndRefusesOthers) {
    EXPECT_TRUE(TimeZone::find("Europe/Paris"));
    EXPECT_TRUE(TimeZone::find("America/Los_Angeles"));
    EXPECT_TRUE(TimeZone::find("UTC"));
    for (const char* name :
         {"", "Mars/Base", "europe/paris", "Europe/Paris ", "../etc/passwd", "+01:00"}) {
        EXPECT_FALSE(TimeZone::find(name)) << name;
    }
    EXPECT_EQ(TimeZone::named_or_utc("Mars/Base").name(), "UTC");
    EXPECT_EQ(TimeZone::named_or_utc("Pacific/Auckland").name(), "Pacific/Auckland");
}

TEST(TimeZone, ListsTheDatabaseSorted) {
    const auto& names = time_zone_names();
    EXPECT_GT(names.size(), 300u);
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_NE(std::find(names.begin(), names.end(), "Asia/Kolkata"), names.end());
}

struct DisplayCase {
    const char* zone;
    Timestamp at;
    const char* display;
    const char* date;
    const char* month;
};

TEST(TimeZone, ShowsLocalTimesDatesAndMonths) {
    const DisplayCase cases[] = {
        // 07:30 UTC on the 1st of December is 23:30 on the 30th of November in Los Angeles.
        {"America/Los_Angeles", instant("2026-12-01", 7, 30), "Nov 30, 2026 23:30 PST",
         "2026-11-30", "2026-11"},
        // Summer time: UTC-7.
        {"America/Los_Angeles", instant("2026-07-01", 6, 30), "Jun 30, 2026 23:30 PDT",
         "2026-06-30", "2026-06"},
        // 11:30 UTC on the 31st of May is 23:30 the same day in Auckland (NZST, UTC+12).
        {"Pacific/Auckland", instant("2026-05-31", 11, 30), "May 31, 2026 23:30 NZST", "2026-05-31",
         "2026-05"},
        {"Pacific/Auckland", instant("2026-05-31", 12, 30), "Jun 01, 2026 00:30 NZST", "2026-06-01",
         "2026-06"},
        {"Asia/Kolkata", instant("2026-01-31", 18, 29), "Jan 31, 2026 23:59 IST", "2026-01-31",
         "2026-01"},
        {"UTC", instant("2026-11-25", 8, 9), "Nov 25, 2026 08:09 UTC", "2026-11-25", "2026-11"},
    };
    for (const DisplayCase& each : cases) {
        const TimeZone zone = *TimeZone::find(each.zone);
        EXPECT_EQ(format_display(each.at, zone), each.display) << each.zone;
        EXPECT_EQ(format_date(each.at, zone), each.date) << each.zone;
        EXPECT_EQ(format_month(each.at, zone), each.month) << each.zone;
    }
}

TEST(TimeZone, StartsLocalMonthsAtLocalMidnight) {
    const TimeZone los_angeles = *TimeZone::find("America/Los_Angeles");
    const Timestamp late_november = instant("2026-12-01", 7, 30);  // Nov 30 23:30 PST
    EXPECT_EQ(local_month_start(late_november, los_angeles), instant("2026-11-01", 7, 0));
    EXPECT_EQ(local_month_start(late_november, los_angeles, 1), instant("2026-12-01", 8, 0));
    EXPECT_EQ(local_month_start(late_november, los_angeles, -11), instant("2025-12-01", 8, 0));
    const TimeZone auckland = *TimeZone::find("Pacific/Auckland");
    // NZDT (UTC+13) in January: the local year starts at 11:00 UTC on the 31st of December.
    EXPECT_EQ(local_month_start(instant("2026-01-15", 0, 0), auckland),
              instant("2025-12-31", 11, 0));
}

TEST(TimeZone, HandlesTheDaysClocksChange) {
    const TimeZone los_angeles = *TimeZone::find("America/Los_Angeles");
    // 8 March 2026: 02:00 PST becomes 03:00 PDT, a day of 23 hours.
    const Timestamp march_8 = instant("2026-03-08", 12, 0);
    const Timestamp day_start = local_day_start(march_8, los_angeles);
    EXPECT_EQ(day_start, instant("2026-03-08", 8, 0));
    EXPECT_EQ(local_day_start(march_8, los_angeles, 1) - day_start, std::chrono::hours(23));
    // A wall time in the skipped hour is the instant the clock skipped to.
    EXPECT_EQ(los_angeles.from_wall(instant("2026-03-08", 2, 30)), instant("2026-03-08", 10, 0));
    // 1 November 2026: 02:00 PDT becomes 01:00 PST, a day of 25 hours; 01:30 is the first one.
    const Timestamp november_1 = instant("2026-11-01", 12, 0);
    EXPECT_EQ(
        local_day_start(november_1, los_angeles, 1) - local_day_start(november_1, los_angeles),
        std::chrono::hours(25));
    EXPECT_EQ(los_angeles.from_wall(instant("2026-11-01", 1, 30)), instant("2026-11-01", 8, 30));
    EXPECT_EQ(format_display(instant("2026-11-01", 9, 30), los_angeles), "Nov 01, 2026 01:30 PST");
}

}  // namespace
}  // namespace bank
