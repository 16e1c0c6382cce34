#pragma once

// Pieces of the refusals services answer, shared so every service words them alike.

#include <cstddef>
#include <string>
#include <utility>

#include "core/result.hpp"

namespace bank {

// A value of `field` the service refuses: 400 validation_failed naming the field.
inline Error invalid_field(std::string message, std::string field) {
    return make_error(ErrorCode::validation_failed, std::move(message), std::move(field));
}

// A count as people read it in a message: 1234567 as "1,234,567".
inline std::string with_thousands(std::size_t value) {
    std::string digits = std::to_string(value);
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return digits;
}

}  // namespace bank
