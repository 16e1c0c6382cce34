#include "service/standing_order_service.hpp"

#include "core/limits.hpp"
#include "core/random.hpp"
#include "core/standing_order_limits.hpp"
#include "ledger/account_number.hpp"
#include "ledger/posting_plan.hpp"
#include "ledger/recurrence_dates.hpp"
#include "ledger/standing_order_plans.hpp"
#include "service/validation.hpp"
#include "service/write_errors.hpp"

namespace bank {
namespace {

using C = ErrorCode;

Error refusal_error(StandingOrderRefusal refusal) {
    switch (refusal) {
        case StandingOrderRefusal::not_found:
            return make_error(C::not_found, "That standing order was not found.");
        case StandingOrderRefusal::not_changeable:
            return make_error(C::conflict,
                              "That standing order is cancelled or completed; it cannot change.");
        case StandingOrderRefusal::too_many_orders:
            return make_error(C::validation_failed,
                              "You already have the most standing orders one person may keep (" +
                                  std::to_string(limits::standing_orders_per_user_max) +
                                  "); cancel one first.");
        case StandingOrderRefusal::account_not_found:
            return make_error(C::not_found, "That account was not found.", "from_account_id");
        case StandingOrderRefusal::account_closed:
            return make_error(C::account_closed, "That account is closed.", "from_account_id");
        case StandingOrderRefusal::payee_not_found:
            return to_error(WriteStatus::counterparty_not_found);
        case StandingOrderRefusal::same_account:
            return to_error(WriteStatus::same_account);
        case StandingOrderRefusal::payee_closed:
            return to_error(WriteStatus::counterparty_closed);
        case StandingOrderRefusal::start_in_past:
            return make_error(C::validation_failed, "The start date cannot be in the past.",
                              "start_date");
        case StandingOrderRefusal::no_dates:
            return make_error(C::validation_failed,
                              "The schedule has no date left on or after the start date.", "rrule");
        case StandingOrderRefusal::ok:
            break;
    }
    return make_error(C::unavailable, "");
}

Error changed_meanwhile() {
    return make_error(C::conflict, "The standing order changed meanwhile; try again.");
}

Result<Money> amount_of(std::string_view text) {
    auto amount = Money::parse(text);
    if (!amount) {
        Error error = amount.error();
        error.field = "amount";
        return error;
    }
    if (check_amount(*amount) != WriteStatus::ok) return to_error(WriteStatus::amount_invalid);
    return *amount;
}

Result<std::string> description_of(std::string_view text) {
    auto description = normalize_description(text);
    if (!description) return description.error();
    if (description->empty()) {
        return make_error(C::validation_failed, "Describe the payment (it shows in the history).",
                          "description");
    }
    return description;
}

Result<StandingOrderDraft> draft_of(const StandingOrderRequest& request, Date today) {
    StandingOrderDraft draft;
    draft.user_id = request.user_id;
    draft.from_account_id = trim(request.from_account_id);
    if (draft.from_account_id.empty()) {
        return make_error(C::validation_failed, "Choose an account.", "from_account_id");
    }
    auto number = AccountNumber::parse(request.to_account_number);
    if (!number) return number.error();
    draft.to_account_number = std::move(*number);
    auto amount = amount_of(request.amount);
    if (!amount) return amount.error();
    draft.amount = *amount;
    auto description = description_of(request.description);
    if (!description) return description.error();
    draft.description = std::move(*description);
    auto category = normalize_category(request.category);
    if (!category) return category.error();
    draft.category = std::move(*category);
    const std::string start = trim(request.start_date);
    const auto start_date = start.empty() ? std::optional<Date>(today) : parse_iso_date(start);
    if (!start_date) {
        return make_error(C::validation_failed, "The start date must be a date such as 2026-03-31.",
                          "start_date");
    }
    draft.start_date = *start_date;
    auto rule = parse_recurrence_rule(request.rrule);
    if (!rule) return rule.error();
    draft.rule = std::move(*rule);
    return draft;
}

Result<StandingOrderChange> change_of(const StandingOrderEdit& edit) {
    StandingOrderChange change;
    if (edit.amount) {
        auto amount = amount_of(*edit.amount);
        if (!amount) return amount.error();
        change.amount = *amount;
    }
    if (edit.description) {
        auto description = description_of(*edit.description);
        if (!description) return description.error();
        change.description = std::move(*description);
    }
    if (edit.rrule) {
        auto rule = parse_recurrence_rule(*edit.rrule);
        if (!rule) return rule.error();
        change.rule = std::move(*rule);
    }
    if (edit.status) {
        const auto status = standing_order_status_named(*edit.status);
        if (!status ||
            (*status != StandingOrderStatus::active && *status != StandingOrderStatus::paused)) {
            return make_error(C::validation_failed, "The status must be active or paused.",
                              "status");
        }
        change.status = *status;
    }
    return change;
}

std::size_t open_orders(const std::vector<StandingOrder>& orders) {
    std::size_t open = 0;
    for (const auto& order : orders) {
        if (order.status == StandingOrderStatus::active ||
            order.status == StandingOrderStatus::paused) {
            ++open;
        }
    }
    return open;
}

}  // namespace

StandingOrderView StandingOrderService::view_of(StandingOrder order) const {
    StandingOrderView view;
    const auto rule = parse_recurrence_rule(order.rrule);
    if (rule) {
        view.schedule = describe_recurrence(*rule, order.start_date);
        if (order.next_due) {
            view.next_dates = recurrence_dates(*rule, order.start_date, *order.next_due,
                                               limits::standing_order_next_dates);
        }
    }
    view.order = std::move(order);
    return view;
}

Result<StandingOrderView> StandingOrderService::create(const StandingOrderRequest& request) {
    const Timestamp now = clock_.now();
    auto draft = draft_of(request, utc_date(now));
    if (!draft) return draft.error();
    draft->standing_order_id = new_time_ordered_id(now);
    const auto from = ledger_.find_account(draft->from_account_id);
    const auto payee = ledger_.find_account_by_number(draft->to_account_number);
    const auto plan = plan_standing_order_creation(
        *draft, from, payee, open_orders(orders_.list_standing_orders(request.user_id)), now);
    if (plan.status != StandingOrderRefusal::ok) return refusal_error(plan.status);
    if (!orders_.add_standing_order(plan.next)) return changed_meanwhile();
    return view_of(plan.next);
}

std::vector<StandingOrderView> StandingOrderService::list(const std::string& user_id) {
    std::vector<StandingOrderView> views;
    for (auto& order : orders_.list_standing_orders(user_id)) {
        views.push_back(view_of(std::move(order)));
    }
    return views;
}

Result<StandingOrderView> StandingOrderService::get(const std::string& user_id,
                                                    const std::string& order_id) {
    auto order = orders_.find_standing_order(user_id, order_id);
    if (!order) return refusal_error(StandingOrderRefusal::not_found);
    return view_of(std::move(*order));
}

Result<StandingOrderView> StandingOrderService::edit(const StandingOrderEdit& edit) {
    auto change = change_of(edit);
    if (!change) return change.error();
    // The scheduler may advance the order between the read and the write: decide again.
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto current = orders_.find_standing_order(edit.user_id, edit.standing_order_id);
        const auto plan = plan_standing_order_change(current, edit.user_id, *change, clock_.now());
        if (plan.status != StandingOrderRefusal::ok) return refusal_error(plan.status);
        if (orders_.save_standing_order(plan.next)) return view_of(plan.next);
    }
    return changed_meanwhile();
}

Result<StandingOrderView> StandingOrderService::cancel(const std::string& user_id,
                                                       const std::string& order_id) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto current = orders_.find_standing_order(user_id, order_id);
        const auto plan = plan_standing_order_cancellation(current, user_id, clock_.now());
        if (plan.status != StandingOrderRefusal::ok) return refusal_error(plan.status);
        if (!orders_.save_standing_order(plan.next)) continue;
        if (current->next_due) {
            const auto closed = plan_occurrence_of_cancelled_order(
                orders_.find_occurrence(user_id, order_id, *current->next_due), clock_.now());
            // Lost to a scheduler's claim at that moment: its outcome is recorded instead.
            if (closed) orders_.save_occurrence(*closed);
        }
        return view_of(plan.next);
    }
    return changed_meanwhile();
}

Result<std::vector<Occurrence>> StandingOrderService::occurrences(const std::string& user_id,
                                                                  const std::string& order_id) {
    if (!orders_.find_standing_order(user_id, order_id)) {
        return refusal_error(StandingOrderRefusal::not_found);
    }
    return orders_.list_occurrences(user_id, order_id, limits::occurrences_shown_max);
}

}  // namespace bank
