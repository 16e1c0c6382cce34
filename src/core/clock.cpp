#include "core/clock.hpp"

#include <cstdio>
#include <ctime>

namespace bank {

Timestamp SystemClock::now() const {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
}

std::int64_t to_micros(Timestamp at) { return at.time_since_epoch().count(); }
Timestamp from_micros(std::int64_t micros) { return Timestamp(std::chrono::microseconds(micros)); }

namespace {

std::tm utc_parts(Timestamp at) {
    // Not system_clock::to_time_t: it converts through nanoseconds, which overflow after
    // the year 2262, and parse_date accepts dates up to 9999.
    const auto seconds = std::chrono::floor<std::chrono::seconds>(at);
    const auto time = static_cast<std::time_t>(seconds.time_since_epoch().count());
    std::tm parts{};
    gmtime_r(&time, &parts);
    return parts;
}

}  // namespace

std::string format_rfc3339(Timestamp at) {
    const std::tm parts = utc_parts(at);
    const auto micros = to_micros(at) - to_micros(std::chrono::floor<std::chrono::seconds>(at));
    // Room for any int in each field, so that no value can be cut short (GCC checks it).
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ",
                  parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
                  parts.tm_min, parts.tm_sec, static_cast<long long>(micros));
    return buffer;
}

std::string format_html_datetime(Timestamp at) {
    const std::string micros = format_rfc3339(std::chrono::floor<std::chrono::milliseconds>(at));
    // "...SS.mmm000Z": drop the three zero digits the floor left.
    return micros.substr(0, micros.size() - 4) + "Z";
}

std::string format_display(Timestamp at) {
    const std::tm parts = utc_parts(at);
    char buffer[40];
    std::strftime(buffer, sizeof buffer, "%b %d, %Y %H:%M UTC", &parts);
    return buffer;
}

std::string format_date(Timestamp at) {
    const std::tm parts = utc_parts(at);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1,
                  parts.tm_mday);
    return buffer;
}

std::string format_month(Timestamp at) {
    const std::tm parts = utc_parts(at);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", parts.tm_year + 1900, parts.tm_mon + 1);
    return buffer;
}

bool parse_date(std::string_view text, Timestamp& out) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    int numbers[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int part = 0; part < 3; ++part) {
        for (std::size_t i = 0; i < lengths[part]; ++i) {
            const char c = text[starts[part] + i];
            if (c < '0' || c > '9') return false;
            numbers[part] = numbers[part] * 10 + (c - '0');
        }
    }
    const std::chrono::year_month_day day{std::chrono::year(numbers[0]),
                                          std::chrono::month(static_cast<unsigned>(numbers[1])),
                                          std::chrono::day(static_cast<unsigned>(numbers[2]))};
    if (!day.ok() || numbers[0] < 1970) return false;
    out = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::sys_days(day));
    return true;
}

}  // namespace bank
