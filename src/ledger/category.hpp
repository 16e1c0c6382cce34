#pragma once

#include <array>
#include <string_view>

namespace bank {

// The spending categories a transaction may carry. Empty means uncategorised.
inline constexpr std::array<std::string_view, 12> categories = {
    "groceries",     "dining", "rent",   "utilities", "transport", "shopping",
    "entertainment", "health", "travel", "savings",   "income",    "other"};

inline bool is_category(std::string_view text) {
    for (auto category : categories) {
        if (category == text) return true;
    }
    return false;
}

}  // namespace bank
