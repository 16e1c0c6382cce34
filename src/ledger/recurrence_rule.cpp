#include "ledger/recurrence_rule.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <set>

namespace bank {
namespace {

using std::chrono::weekday;

// RFC 5545's two-letter day names, Monday first (the order BYDAY is kept in).
constexpr std::array<std::string_view, 7> day_codes{"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
constexpr std::array<std::string_view, 7> day_names{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                    "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 12> month_names{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

Error rule_error(std::string message) {
    return make_error(ErrorCode::validation_failed, std::move(message), "rrule");
}

std::string upper(std::string_view text) {
    std::string result(text);
    for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return result;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t begin = 0;
    while (true) {
        const std::size_t end = text.find(separator, begin);
        parts.push_back(text.substr(begin, end - begin));
        if (end == std::string_view::npos) return parts;
        begin = end + 1;
    }
}

// A whole number with only digits (and an optional leading minus when `signed_allowed`).
std::optional<int> whole_number(std::string_view text, bool signed_allowed) {
    if (text.empty() || text.size() > 4) return std::nullopt;
    if (text.front() == '-' && !signed_allowed) return std::nullopt;
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

unsigned day_index(weekday day) { return day.iso_encoding() - 1; }

std::optional<Frequency> frequency_named(std::string_view value) {
    if (value == "DAILY") return Frequency::daily;
    if (value == "WEEKLY") return Frequency::weekly;
    if (value == "MONTHLY") return Frequency::monthly;
    if (value == "YEARLY") return Frequency::yearly;
    return std::nullopt;
}

Result<unsigned> bounded(std::string_view name, std::string_view value, unsigned max) {
    const std::optional<int> number = whole_number(value, false);
    if (!number || *number < 1 || static_cast<unsigned>(*number) > max) {
        return rule_error(std::string(name) + ": expected a whole number from 1 to " +
                          std::to_string(max) + ", got \"" + std::string(value) + "\"");
    }
    return static_cast<unsigned>(*number);
}

Result<std::vector<weekday>> by_day_of(std::string_view value) {
    std::set<unsigned> days;
    for (const std::string_view code : split(value, ',')) {
        const auto found = std::find(day_codes.begin(), day_codes.end(), code);
        if (found == day_codes.end()) {
            return rule_error("BYDAY: expected days such as MO,WE,FR (MO to SU), got \"" +
                              std::string(code) + "\"");
        }
        days.insert(static_cast<unsigned>(found - day_codes.begin()));
    }
    std::vector<weekday> result;
    for (const unsigned index : days) result.emplace_back(index + 1);  // ISO: 1 is Monday
    return result;
}

Result<std::vector<int>> by_month_day_of(std::string_view value) {
    std::set<int> days;
    for (const std::string_view text : split(value, ',')) {
        const std::optional<int> day = whole_number(text, true);
        if (!day || !((*day >= 1 && *day <= 31) || *day == -1)) {
            return rule_error(
                "BYMONTHDAY: expected days of the month from 1 to 31, or -1 for "
                "the last day, got \"" +
                std::string(text) + "\"");
        }
        days.insert(*day);
    }
    std::vector<int> result;
    for (const int day : days) {
        if (day > 0) result.push_back(day);
    }
    if (days.contains(-1)) result.push_back(-1);  // the last day sorts after every number
    return result;
}

Result<Date> until_of(std::string_view value) {
    // A date (YYYYMMDD), or a UTC date-time whose date part is taken (YYYYMMDDTHHMMSSZ).
    const bool date_time = value.size() == 16 && value[8] == 'T' && value.back() == 'Z';
    const std::string_view date_part = date_time ? value.substr(0, 8) : value;
    const auto all_digits = [](std::string_view text) {
        return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (date_part.size() == 8 && all_digits(date_part) &&
        (!date_time || all_digits(value.substr(9, 6)))) {
        const int year = *whole_number(date_part.substr(0, 4), false);
        const auto month = static_cast<unsigned>(*whole_number(date_part.substr(4, 2), false));
        const auto day = static_cast<unsigned>(*whole_number(date_part.substr(6, 2), false));
        const Date date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
        if (date.ok()) return date;
    }
    return rule_error("UNTIL: expected a date such as 20271231, got \"" + std::string(value) +
                      "\"");
}

}  // namespace

namespace {

// Sets one NAME=VALUE part on `rule`; an error names the part.
std::optional<Error> apply_part(RecurrenceRule& rule, std::string_view name,
                                std::string_view value) {
    if (name == "FREQ") {
        const std::optional<Frequency> frequency = frequency_named(value);
        if (!frequency) {
            return rule_error("FREQ: expected DAILY, WEEKLY, MONTHLY or YEARLY, got \"" +
                              std::string(value) + "\"");
        }
        rule.frequency = *frequency;
    } else if (name == "INTERVAL") {
        Result<unsigned> interval = bounded(name, value, recurrence_interval_max);
        if (!interval) return interval.error();
        rule.interval = interval.value();
    } else if (name == "COUNT") {
        Result<unsigned> count = bounded(name, value, recurrence_count_max);
        if (!count) return count.error();
        rule.count = count.value();
    } else if (name == "BYDAY") {
        Result<std::vector<weekday>> days = by_day_of(value);
        if (!days) return days.error();
        rule.by_day = std::move(days).value();
    } else if (name == "BYMONTHDAY") {
        Result<std::vector<int>> days = by_month_day_of(value);
        if (!days) return days.error();
        rule.by_month_day = std::move(days).value();
    } else if (name == "UNTIL") {
        Result<Date> until = until_of(value);
        if (!until) return until.error();
        rule.until = until.value();
    } else {
        return rule_error(std::string(name) +
                          " is not supported (the parts are FREQ, INTERVAL, BYDAY, BYMONTHDAY, "
                          "COUNT and UNTIL)");
    }
    return std::nullopt;
}

// The rules between parts, checked once every part is read.
std::optional<Error> check_combination(const RecurrenceRule& rule,
                                       const std::set<std::string>& seen) {
    if (!seen.contains("FREQ")) return rule_error("FREQ is missing (for example FREQ=MONTHLY)");
    if (!rule.by_day.empty() && rule.frequency != Frequency::weekly) {
        return rule_error("BYDAY is only allowed with FREQ=WEEKLY");
    }
    if (!rule.by_month_day.empty() && rule.frequency != Frequency::monthly) {
        return rule_error("BYMONTHDAY is only allowed with FREQ=MONTHLY");
    }
    if (rule.count && rule.until) return rule_error("COUNT and UNTIL cannot both be given");
    return std::nullopt;
}

}  // namespace

Result<RecurrenceRule> parse_recurrence_rule(std::string_view text) {
    if (text.size() > recurrence_rule_length_max) {
        return rule_error("the rule is longer than " + std::to_string(recurrence_rule_length_max) +
                          " characters");
    }
    std::string rule_text = upper(text);
    if (rule_text.starts_with("RRULE:")) rule_text.erase(0, 6);
    if (rule_text.empty()) return rule_error("the rule is empty (for example FREQ=MONTHLY)");
    RecurrenceRule rule;
    std::set<std::string> seen;
    for (const std::string_view part : split(rule_text, ';')) {
        if (part.empty()) return rule_error("an empty part (a ';' too many)");
        const std::size_t equals = part.find('=');
        if (equals == std::string_view::npos || equals == 0 || equals + 1 == part.size()) {
            return rule_error("\"" + std::string(part) + "\" is not NAME=VALUE");
        }
        const std::string name(part.substr(0, equals));
        if (!seen.insert(name).second) return rule_error(name + " is given twice");
        if (auto error = apply_part(rule, name, part.substr(equals + 1))) return *error;
    }
    if (auto error = check_combination(rule, seen)) return *error;
    return rule;
}

namespace {

std::string_view frequency_text(Frequency frequency) {
    switch (frequency) {
        case Frequency::daily:
            return "DAILY";
        case Frequency::weekly:
            return "WEEKLY";
        case Frequency::monthly:
            return "MONTHLY";
        case Frequency::yearly:
            return "YEARLY";
    }
    return "MONTHLY";
}

std::string date_digits(Date date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d%02u%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

// "1st", "2nd", "3rd", "4th", "11th", "21st", "the last day".
std::string month_day_words(int day) {
    if (day == -1) return "the last day";
    const int tens = day % 100 / 10;
    const int ones = day % 10;
    const char* suffix = "th";
    if (tens != 1 && ones == 1) suffix = "st";
    if (tens != 1 && ones == 2) suffix = "nd";
    if (tens != 1 && ones == 3) suffix = "rd";
    return "the " + std::to_string(day) + suffix;
}

// "a", "a and b", "a, b and c".
std::string joined(const std::vector<std::string>& words) {
    std::string result;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) result += i + 1 == words.size() ? " and " : ", ";
        result += words[i];
    }
    return result;
}

std::string date_words(Date date) {
    return std::to_string(static_cast<unsigned>(date.day())) + " " +
           std::string(month_names[static_cast<unsigned>(date.month()) - 1]) + " " +
           std::to_string(static_cast<int>(date.year()));
}

// "every month", "every 3 months".
std::string every(unsigned interval, std::string_view unit) {
    if (interval == 1) return "every " + std::string(unit);
    return "every " + std::to_string(interval) + " " + std::string(unit) + "s";
}

std::string when_in_period(const RecurrenceRule& rule, Date start) {
    std::vector<std::string> words;
    switch (rule.frequency) {
        case Frequency::daily:
            return "";
        case Frequency::weekly:
            if (rule.by_day.empty())
                return " on " + std::string(day_names[day_index(weekday(start))]);
            for (const weekday day : rule.by_day) words.emplace_back(day_names[day_index(day)]);
            return " on " + joined(words);
        case Frequency::monthly:
            if (rule.by_month_day.empty()) {
                return " on " +
                       month_day_words(static_cast<int>(static_cast<unsigned>(start.day())));
            }
            for (const int day : rule.by_month_day) words.push_back(month_day_words(day));
            return " on " + joined(words);
        case Frequency::yearly:
            return " on " + std::to_string(static_cast<unsigned>(start.day())) + " " +
                   std::string(month_names[static_cast<unsigned>(start.month()) - 1]);
    }
    return "";
}

std::string_view unit_of(Frequency frequency) {
    switch (frequency) {
        case Frequency::daily:
            return "day";
        case Frequency::weekly:
            return "week";
        case Frequency::monthly:
            return "month";
        case Frequency::yearly:
            return "year";
    }
    return "month";
}

}  // namespace

std::string to_rrule_text(const RecurrenceRule& rule) {
    std::string text = "FREQ=" + std::string(frequency_text(rule.frequency));
    if (rule.interval != 1) text += ";INTERVAL=" + std::to_string(rule.interval);
    std::vector<std::string> parts;
    for (const weekday day : rule.by_day) parts.emplace_back(day_codes[day_index(day)]);
    if (!parts.empty()) text += ";BYDAY=";
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i > 0 ? "," : "") + parts[i];
    for (std::size_t i = 0; i < rule.by_month_day.size(); ++i) {
        text += (i == 0 ? ";BYMONTHDAY=" : ",") + std::to_string(rule.by_month_day[i]);
    }
    if (rule.count) text += ";COUNT=" + std::to_string(*rule.count);
    if (rule.until) text += ";UNTIL=" + date_digits(*rule.until);
    return text;
}

std::string describe_recurrence(const RecurrenceRule& rule, Date start) {
    if (rule.count == 1u) return "once";
    std::string words = every(rule.interval, unit_of(rule.frequency)) + when_in_period(rule, start);
    if (rule.count) words += ", " + std::to_string(*rule.count) + " times";
    if (rule.until) words += ", until " + date_words(*rule.until);
    return words;
}

}  // namespace bank
