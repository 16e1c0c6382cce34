#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace bank {

// Microseconds since the Unix epoch, UTC.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

class Clock {
public:
    virtual ~Clock() = default;
    virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
public:
    Timestamp now() const override;
};

// A clock tests move by hand, to check timeouts and lockouts without sleeping.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Timestamp start) : now_(start.time_since_epoch().count()) {}
    Timestamp now() const override { return Timestamp(std::chrono::microseconds(now_.load())); }
    void advance(std::chrono::microseconds by) { now_ += by.count(); }

private:
    std::atomic<std::int64_t> now_;
};

std::int64_t to_micros(Timestamp at);
Timestamp from_micros(std::int64_t micros);

// "2026-11-25T08:09:44.123456Z": RFC 3339 in UTC.
std::string format_rfc3339(Timestamp at);
// "2026-11-25T08:09:44.123Z": the same instant with milliseconds, as HTML's <time datetime>
// allows at most three decimals of a second.
std::string format_html_datetime(Timestamp at);
// "Nov 25, 2026 08:09 UTC": the human form used on pages.
std::string format_display(Timestamp at);
// "2026-11": the month a timestamp falls in, UTC.
std::string format_month(Timestamp at);
// "2026-11-25": the UTC day a timestamp falls in.
std::string format_date(Timestamp at);
// Parses "YYYY-MM-DD" as midnight UTC; false on anything else.
bool parse_date(std::string_view text, Timestamp& out);

}  // namespace bank
