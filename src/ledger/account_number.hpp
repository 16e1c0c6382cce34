#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace bank {

// Account numbers are ten digits: nine random ones and a Damm check digit. The Damm
// algorithm catches every single mistyped digit and every swap of two adjacent digits,
// so such a mistake is refused before any lookup.
class AccountNumber {
public:
    static constexpr std::size_t length = 10;

    // A new random number with a valid check digit; the first digit is never zero.
    static std::string generate();
    // The check digit for a string of digits.
    static char check_digit(std::string_view digits);
    // Accepts spaces and dashes between digits ("1234-567 890"), returns the bare digits.
    static Result<std::string> parse(std::string_view text);
};

}  // namespace bank
