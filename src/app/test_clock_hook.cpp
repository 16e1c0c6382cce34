#include "app/test_clock_hook.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <spdlog/spdlog.h>

namespace bank {
namespace {

// Starts at a given instant and advances with the steady clock.
class ShiftedClock final : public Clock {
public:
    explicit ShiftedClock(Timestamp start)
        : start_(start), started_(std::chrono::steady_clock::now()) {}
    Timestamp now() const override {
        return start_ + std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started_);
    }

private:
    Timestamp start_;
    std::chrono::steady_clock::time_point started_;
};

// "YYYY-MM-DDTHH:MM:SSZ"; false on anything else.
bool parse_instant(const std::string& text, Timestamp& out) {
    constexpr std::size_t length = 20;
    if (text.size() != length || text[10] != 'T' || text[19] != 'Z') return false;
    Timestamp day;
    if (!parse_date(std::string_view(text).substr(0, 10), day)) return false;
    int hours = 0;
    int minutes = 0;
    int seconds = 0;
    char end = 0;
    if (std::sscanf(text.c_str() + 11, "%2d:%2d:%2d%c", &hours, &minutes, &seconds, &end) != 4 ||
        end != 'Z' || hours > 23 || minutes > 59 || seconds > 59 || hours < 0 || minutes < 0 ||
        seconds < 0) {
        return false;
    }
    out = day + std::chrono::hours(hours) + std::chrono::minutes(minutes) +
          std::chrono::seconds(seconds);
    return true;
}

}  // namespace

std::unique_ptr<Clock> process_clock() {
    const char* value = std::getenv("BANK_TEST_NOW");
    if (value == nullptr || *value == '\0') return std::make_unique<SystemClock>();
    Timestamp start;
    if (!parse_instant(value, start)) {
        throw std::runtime_error("BANK_TEST_NOW must look like 2027-01-01T00:30:00Z, not '" +
                                 std::string(value) + "'");
    }
    spdlog::warn("BANK_TEST_NOW (a test hook): the clock starts at {}", format_rfc3339(start));
    return std::make_unique<ShiftedClock>(start);
}

}  // namespace bank
