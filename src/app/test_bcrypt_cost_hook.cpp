#include "app/test_bcrypt_cost_hook.hpp"

#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

#include "core/limits.hpp"

namespace bank {

namespace {

// bcrypt's own floor is 4; the hook may only lower the cost, never raise it past the default.
constexpr int lowest_test_cost = 4;

int read_bcrypt_cost() {
    const char* value = std::getenv("BANK_TEST_BCRYPT_COST");
    if (value == nullptr || *value == '\0') return limits::bcrypt_cost;
    const std::string_view text(value);
    int cost = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), cost);
    if (error != std::errc{} || end != text.data() + text.size() || cost < lowest_test_cost ||
        cost > limits::bcrypt_cost) {
        throw std::runtime_error("BANK_TEST_BCRYPT_COST must be a whole number from " +
                                 std::to_string(lowest_test_cost) + " to " +
                                 std::to_string(limits::bcrypt_cost) + ", not '" +
                                 std::string(text) + "'");
    }
    if (cost != limits::bcrypt_cost) {
        spdlog::warn("BANK_TEST_BCRYPT_COST (a test hook): passwords are hashed at cost {}, not {}",
                     cost, limits::bcrypt_cost);
    }
    return cost;
}

}  // namespace

int process_bcrypt_cost() {
    static const int cost = read_bcrypt_cost();
    return cost;
}

}  // namespace bank
