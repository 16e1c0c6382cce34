#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/money.hpp"

namespace bank {

// What a budget carries from one month into the next: nothing, only what was left unspent
// (a surplus), or both a surplus and an overspend (which lowers the next month's amount).
enum class BudgetRollover { none, surplus, both };

std::string_view to_string(BudgetRollover rollover);
std::optional<BudgetRollover> parse_budget_rollover(std::string_view text);

// A month as a count of months since year 0 (2026-05 is 2026 * 12 + 4), so that months can
// be compared and stepped; "YYYY-MM" outside limits::budget_year_min..max is refused.
std::optional<int> parse_budget_month(std::string_view text);
std::string budget_month_text(int month);
int days_in_budget_month(int month);

// A person's spending budget for one category: for one month (`month` set), or for every
// month from `start_month` on (`month` empty). A one-month budget replaces the every-month
// one of its category in that month.
struct Budget {
    std::string budget_id;
    std::string user_id;
    std::string category;
    std::string month;        // "YYYY-MM", or empty: every month
    std::string start_month;  // "YYYY-MM": the person's month when it was made
    Money amount;
    BudgetRollover rollover = BudgetRollover::none;
    Timestamp created_at{};
    Timestamp updated_at{};
    std::int64_t version = 0;  // 0: not stored yet
};

// The first month a budget counts in: its own month, or the one it was made in.
std::string first_budget_month(const Budget& budget);

}  // namespace bank
