#include "ledger/budget.hpp"

#include <charconv>
#include <cstdio>

#include "core/budget_limits.hpp"

namespace bank {

std::string_view to_string(BudgetRollover rollover) {
    switch (rollover) {
        case BudgetRollover::none:
            return "none";
        case BudgetRollover::surplus:
            return "surplus";
        case BudgetRollover::both:
            return "both";
    }
    return "none";
}

std::optional<BudgetRollover> parse_budget_rollover(std::string_view text) {
    for (auto rollover : {BudgetRollover::none, BudgetRollover::surplus, BudgetRollover::both}) {
        if (to_string(rollover) == text) return rollover;
    }
    return std::nullopt;
}

std::optional<int> parse_budget_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    int year = 0;
    int month = 0;
    const auto digits = [](std::string_view part, int& out) {
        for (char c : part) {
            if (c < '0' || c > '9') return false;
        }
        return std::from_chars(part.data(), part.data() + part.size(), out).ec == std::errc();
    };
    if (!digits(text.substr(0, 4), year) || !digits(text.substr(5, 2), month)) return std::nullopt;
    if (year < limits::budget_year_min || year > limits::budget_year_max) return std::nullopt;
    if (month < 1 || month > 12) return std::nullopt;
    return year * 12 + (month - 1);
}

std::string budget_month_text(int month) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", month / 12, month % 12 + 1);
    return text;
}

int days_in_budget_month(int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int year = month / 12;
    const int index = month % 12;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return index == 1 && leap ? 29 : days[index];
}

std::string first_budget_month(const Budget& budget) {
    return budget.month.empty() ? budget.start_month : budget.month;
}

}  // namespace bank
