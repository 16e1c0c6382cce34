#include "ledger/standing_order.hpp"

#include <charconv>
#include <cstdio>

namespace bank {

std::string_view to_string(StandingOrderStatus status) {
    switch (status) {
        case StandingOrderStatus::active:
            return "active";
        case StandingOrderStatus::paused:
            return "paused";
        case StandingOrderStatus::cancelled:
            return "cancelled";
        case StandingOrderStatus::completed:
            return "completed";
    }
    return "active";
}

std::optional<StandingOrderStatus> standing_order_status_named(std::string_view name) {
    for (const auto status : {StandingOrderStatus::active, StandingOrderStatus::paused,
                              StandingOrderStatus::cancelled, StandingOrderStatus::completed}) {
        if (to_string(status) == name) return status;
    }
    return std::nullopt;
}

std::string_view to_string(OccurrenceStatus status) {
    switch (status) {
        case OccurrenceStatus::claimed:
            return "claimed";
        case OccurrenceStatus::posted:
            return "posted";
        case OccurrenceStatus::retrying:
            return "retrying";
        case OccurrenceStatus::failed:
            return "failed";
        case OccurrenceStatus::skipped:
            return "skipped";
    }
    return "claimed";
}

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
        int value = 0;
        const char* first = text.data() + at;
        const char* last = first + length;
        for (const char* c = first; c != last; ++c) {
            if (*c < '0' || *c > '9') return std::nullopt;
        }
        std::from_chars(first, last, value);
        return value;
    };
    const auto year = number(0, 4);
    const auto month = number(5, 2);
    const auto day = number(8, 2);
    if (!year || !month || !day) return std::nullopt;
    const Date date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                    std::chrono::day(static_cast<unsigned>(*day))};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string iso_date(Date date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

Date utc_date(Timestamp at) { return Date{std::chrono::floor<std::chrono::days>(at)}; }

Timestamp utc_day_start(Date date) {
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::sys_days(date));
}

std::string occurrence_key(std::string_view standing_order_id, Date due_date) {
    return std::string(occurrence_key_prefix) + std::string(standing_order_id) + ":" +
           iso_date(due_date);
}

std::string standing_order_of_key(std::string_view idempotency_key) {
    if (!idempotency_key.starts_with(occurrence_key_prefix)) return {};
    const std::string_view rest = idempotency_key.substr(occurrence_key_prefix.size());
    const auto colon = rest.find(':');
    if (colon == std::string_view::npos) return {};
    return std::string(rest.substr(0, colon));
}

}  // namespace bank
