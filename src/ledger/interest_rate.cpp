#include "ledger/interest_rate.hpp"

#include <cstdio>

namespace bank {

std::string month_text(Month month) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()),
                  static_cast<unsigned>(month.month()));
    return text;
}

std::optional<Month> parse_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    int year = 0;
    unsigned month = 0;
    for (std::size_t at = 0; at < 7; ++at) {
        if (at == 4) continue;
        if (text[at] < '0' || text[at] > '9') return std::nullopt;
        if (at < 4) year = year * 10 + (text[at] - '0');
        if (at > 4) month = month * 10 + static_cast<unsigned>(text[at] - '0');
    }
    const Month parsed{std::chrono::year(year), std::chrono::month(month)};
    if (!parsed.ok()) return std::nullopt;
    return parsed;
}

std::string interest_key(std::string_view account_id, Month month) {
    return std::string(interest_key_prefix) + std::string(account_id) + ":" + month_text(month);
}

}  // namespace bank
