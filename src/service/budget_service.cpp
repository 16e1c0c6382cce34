#include "service/budget_service.hpp"

#include <utility>

#include "core/budget_limits.hpp"
#include "core/random.hpp"
#include "core/time_zone.hpp"
#include "ledger/category.hpp"
#include "service/validation.hpp"

namespace bank {
namespace {

using C = ErrorCode;

Error refusal_error(BudgetRefusal refusal) {
    switch (refusal) {
        case BudgetRefusal::not_found:
            return make_error(C::not_found, "That budget was not found.");
        case BudgetRefusal::duplicate:
            return make_error(C::conflict,
                              "You have a budget for this category and month already; change "
                              "that one instead.",
                              "category");
        case BudgetRefusal::too_many_budgets:
            return make_error(C::validation_failed,
                              "You already have the most budgets one person may keep (" +
                                  std::to_string(limits::budgets_per_user_max) +
                                  "); delete one first.");
        case BudgetRefusal::ok:
            break;
    }
    return make_error(C::unavailable, "");
}

Error changed_meanwhile() {
    return make_error(C::conflict, "The budget changed meanwhile; try again.");
}

Error month_error() {
    return make_error(C::validation_failed,
                      "The month must be written YYYY-MM, such as 2026-05 (years " +
                          std::to_string(limits::budget_year_min) + " to " +
                          std::to_string(limits::budget_year_max) + ").",
                      "month");
}

Result<Money> amount_of(std::string_view text) {
    auto amount = Money::parse(trim(text));
    if (!amount) {
        Error error = amount.error();
        error.field = "amount";
        return error;
    }
    if (!amount->is_positive() || amount->cents() > limits::budget_amount_cents_max) {
        return make_error(C::validation_failed,
                          "The amount must be more than $0.00 and at most " +
                              Money::from_cents(limits::budget_amount_cents_max).display() + ".",
                          "amount");
    }
    return *amount;
}

Result<BudgetRollover> rollover_of(std::string_view text) {
    const std::string trimmed = trim(text);
    if (trimmed.empty()) return BudgetRollover::none;
    const auto rollover = parse_budget_rollover(trimmed);
    if (!rollover) {
        return make_error(C::validation_failed, "The rollover must be none, surplus or both.",
                          "rollover");
    }
    return *rollover;
}

Result<Budget> draft_of(const BudgetRequest& request) {
    Budget draft;
    draft.user_id = request.user_id;
    draft.category = trim(request.category);
    if (!is_category(draft.category)) {
        std::string names;
        for (const auto name : categories) names += (names.empty() ? "" : ", ") + std::string(name);
        return make_error(C::validation_failed, "Choose one of the categories: " + names + ".",
                          "category");
    }
    auto amount = amount_of(request.amount);
    if (!amount) return amount.error();
    draft.amount = *amount;
    draft.month = trim(request.month);
    if (!draft.month.empty() && !parse_budget_month(draft.month)) return month_error();
    auto rollover = rollover_of(request.rollover);
    if (!rollover) return rollover.error();
    draft.rollover = *rollover;
    return draft;
}

}  // namespace

Result<Budget> BudgetService::create(const BudgetRequest& request, const std::string& time_zone) {
    auto draft = draft_of(request);
    if (!draft) return draft.error();
    const Timestamp now = clock_.now();
    draft->budget_id = new_time_ordered_id(now);
    draft->start_month = format_month(now, TimeZone::named_or_utc(time_zone));
    const auto plan = plan_budget_creation(*draft, budgets_.list_budgets(request.user_id), now);
    if (plan.status != BudgetRefusal::ok) return refusal_error(plan.status);
    // Another request took the same category and month since the read.
    if (!budgets_.add_budget(plan.next)) return refusal_error(BudgetRefusal::duplicate);
    return plan.next;
}

std::vector<Budget> BudgetService::list(const std::string& user_id) {
    return budgets_.list_budgets(user_id);
}

Result<Budget> BudgetService::get(const std::string& user_id, const std::string& budget_id) {
    auto budget = budgets_.find_budget(user_id, budget_id);
    if (!budget) return refusal_error(BudgetRefusal::not_found);
    return std::move(*budget);
}

Result<Budget> BudgetService::edit(const BudgetEdit& edit) {
    BudgetChange change;
    if (edit.amount) {
        auto amount = amount_of(*edit.amount);
        if (!amount) return amount.error();
        change.amount = *amount;
    }
    if (edit.rollover) {
        auto rollover = rollover_of(*edit.rollover);
        if (!rollover) return rollover.error();
        change.rollover = *rollover;
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto current = budgets_.find_budget(edit.user_id, edit.budget_id);
        const auto plan = plan_budget_change(current, edit.user_id, change, clock_.now());
        if (plan.status != BudgetRefusal::ok) return refusal_error(plan.status);
        if (budgets_.save_budget(plan.next)) return plan.next;
    }
    return changed_meanwhile();
}

Result<Budget> BudgetService::remove(const std::string& user_id, const std::string& budget_id) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto current = budgets_.find_budget(user_id, budget_id);
        const auto plan = plan_budget_removal(current, user_id);
        if (plan.status != BudgetRefusal::ok) return refusal_error(plan.status);
        if (budgets_.remove_budget(plan.next)) return plan.next;
    }
    return changed_meanwhile();
}

}  // namespace bank
