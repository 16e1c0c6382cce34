#include "ledger/standing_order_plans.hpp"

#include <algorithm>

#include "core/limits.hpp"
#include "core/standing_order_limits.hpp"
#include "ledger/recurrence_dates.hpp"

namespace bank {
namespace {

StandingOrderPlan refused(StandingOrderRefusal refusal) {
    StandingOrderPlan plan;
    plan.status = refusal;
    return plan;
}

// The first date of the order's rule on or after `from`; nullopt when none is left.
std::optional<Date> first_date_from(const RecurrenceRule& rule, Date start, Date from) {
    const auto dates = recurrence_dates(rule, start, from, 1);
    if (dates.empty()) return std::nullopt;
    return dates.front();
}

std::optional<Date> first_date_from(const StandingOrder& order, Date from) {
    const auto rule = parse_recurrence_rule(order.rrule);
    if (!rule) return std::nullopt;
    return first_date_from(*rule, order.start_date, from);
}

bool is_open(StandingOrderStatus status) {
    return status == StandingOrderStatus::active || status == StandingOrderStatus::paused;
}

StandingOrderRefusal check_accounts(const StandingOrderDraft& draft,
                                    const std::optional<Account>& from,
                                    const std::optional<Account>& payee) {
    if (!from || from->user_id != draft.user_id) return StandingOrderRefusal::account_not_found;
    if (from->status != AccountStatus::active) return StandingOrderRefusal::account_closed;
    if (!payee) return StandingOrderRefusal::payee_not_found;
    if (payee->account_id == from->account_id) return StandingOrderRefusal::same_account;
    if (payee->status != AccountStatus::active) return StandingOrderRefusal::payee_closed;
    return StandingOrderRefusal::ok;
}

Date day_after(Date date) { return Date{std::chrono::sys_days(date) + std::chrono::days(1)}; }

}  // namespace

std::string_view to_string(StandingOrderRefusal refusal) {
    switch (refusal) {
        case StandingOrderRefusal::ok:
            return "ok";
        case StandingOrderRefusal::not_found:
            return "not_found";
        case StandingOrderRefusal::not_changeable:
            return "not_changeable";
        case StandingOrderRefusal::too_many_orders:
            return "too_many_orders";
        case StandingOrderRefusal::account_not_found:
            return "account_not_found";
        case StandingOrderRefusal::account_closed:
            return "account_closed";
        case StandingOrderRefusal::payee_not_found:
            return "payee_not_found";
        case StandingOrderRefusal::same_account:
            return "same_account";
        case StandingOrderRefusal::payee_closed:
            return "payee_closed";
        case StandingOrderRefusal::start_in_past:
            return "start_in_past";
        case StandingOrderRefusal::no_dates:
            return "no_dates";
    }
    return "ok";
}

StandingOrderPlan plan_standing_order_creation(const StandingOrderDraft& draft,
                                               const std::optional<Account>& from,
                                               const std::optional<Account>& payee,
                                               std::size_t open_orders, Timestamp now) {
    if (open_orders >= limits::standing_orders_per_user_max) {
        return refused(StandingOrderRefusal::too_many_orders);
    }
    const auto accounts = check_accounts(draft, from, payee);
    if (accounts != StandingOrderRefusal::ok) return refused(accounts);
    if (draft.start_date < utc_date(now)) return refused(StandingOrderRefusal::start_in_past);
    const auto first = first_date_from(draft.rule, draft.start_date, draft.start_date);
    if (!first) return refused(StandingOrderRefusal::no_dates);

    StandingOrderPlan plan;
    StandingOrder& order = plan.next;
    order.standing_order_id = draft.standing_order_id;
    order.user_id = draft.user_id;
    order.from_account_id = draft.from_account_id;
    order.to_account_number = draft.to_account_number;
    order.amount = draft.amount;
    order.description = draft.description;
    order.category = draft.category;
    order.start_date = draft.start_date;
    order.rrule = to_rrule_text(draft.rule);
    order.status = StandingOrderStatus::active;
    order.next_due = first;
    order.created_at = now;
    order.updated_at = now;
    order.version = 1;
    return plan;
}

StandingOrderPlan plan_standing_order_change(const std::optional<StandingOrder>& current,
                                             std::string_view user_id,
                                             const StandingOrderChange& change, Timestamp now) {
    if (!current || current->user_id != user_id) return refused(StandingOrderRefusal::not_found);
    if (!is_open(current->status)) return refused(StandingOrderRefusal::not_changeable);
    StandingOrderPlan plan;
    StandingOrder& order = plan.next;
    order = *current;
    if (change.amount) order.amount = *change.amount;
    if (change.description) order.description = *change.description;
    const bool resumed = change.status == StandingOrderStatus::active &&
                         current->status == StandingOrderStatus::paused;
    if (change.status) order.status = *change.status;
    if (change.rule || resumed) {
        if (change.rule) order.rrule = to_rrule_text(*change.rule);
        // A new rule starts today: a date of it that the old rule finished already keeps its
        // occurrence record, so the scheduler only moves past it. A resume starts at the
        // next date not finished, or today, whichever is later.
        const Date today = utc_date(now);
        const Date from =
            change.rule || !current->next_due ? today : std::max(*current->next_due, today);
        order.next_due = first_date_from(order, from);
        if (!order.next_due) return refused(StandingOrderRefusal::no_dates);
    }
    order.updated_at = now;
    order.version = current->version + 1;
    return plan;
}

StandingOrderPlan plan_standing_order_cancellation(const std::optional<StandingOrder>& current,
                                                   std::string_view user_id, Timestamp now) {
    if (!current || current->user_id != user_id) return refused(StandingOrderRefusal::not_found);
    if (!is_open(current->status)) return refused(StandingOrderRefusal::not_changeable);
    StandingOrderPlan plan;
    plan.next = *current;
    plan.next.status = StandingOrderStatus::cancelled;
    plan.next.next_due.reset();
    plan.next.updated_at = now;
    plan.next.version = current->version + 1;
    return plan;
}

StandingOrder plan_order_advance(const StandingOrder& order, Date finished, Timestamp now) {
    StandingOrder next = order;
    next.next_due = first_date_from(order, day_after(finished));
    if (!next.next_due) next.status = StandingOrderStatus::completed;
    next.updated_at = now;
    next.version = order.version + 1;
    return next;
}

ClaimPlan plan_occurrence_claim(const std::optional<Occurrence>& current,
                                const StandingOrder& order, Date due, Timestamp now) {
    ClaimPlan plan;
    Occurrence& next = plan.next;
    if (current) {
        next = *current;
        if (current->status == OccurrenceStatus::posted ||
            current->status == OccurrenceStatus::failed ||
            current->status == OccurrenceStatus::skipped) {
            plan.decision = ClaimDecision::finished;
            return plan;
        }
        if (current->status == OccurrenceStatus::claimed && current->claimed_until > now) {
            plan.decision = ClaimDecision::busy;
            return plan;
        }
        next.version = current->version + 1;
        next.updated_at = now;
        if (current->status == OccurrenceStatus::claimed &&
            current->claimed_at + limits::idempotency_window <= now) {
            plan.decision = ClaimDecision::record;
            next.status = OccurrenceStatus::failed;
            next.detail =
                "Its server stopped while posting it, too long ago to tell whether it "
                "was paid: check the history.";
            return plan;
        }
    } else {
        next.standing_order_id = order.standing_order_id;
        next.user_id = order.user_id;
        next.due_date = due;
        next.version = 1;
        next.updated_at = now;
        const auto oldest = std::chrono::sys_days(utc_date(now)) -
                            std::chrono::days(limits::standing_order_catch_up_days_max);
        if (std::chrono::sys_days(due) < oldest) {
            plan.decision = ClaimDecision::record;
            next.status = OccurrenceStatus::skipped;
            next.detail = "Missed: due more than " +
                          std::to_string(limits::standing_order_catch_up_days_max) +
                          " days before the bank could run it.";
            return plan;
        }
    }
    plan.decision = ClaimDecision::post;
    next.status = OccurrenceStatus::claimed;
    next.attempts += 1;
    next.claimed_at = now;
    next.claimed_until = now + limits::occurrence_claim_lease;
    return plan;
}

Occurrence plan_occurrence_outcome(const Occurrence& claimed, WriteStatus status,
                                   const std::string& transaction_id, Timestamp now) {
    Occurrence next = claimed;
    next.version = claimed.version + 1;
    next.updated_at = now;
    next.claimed_until = now;
    next.detail.clear();
    const bool in_window =
        now < utc_day_start(claimed.due_date) + limits::standing_order_retry_window;
    switch (status) {
        case WriteStatus::ok:
        case WriteStatus::duplicate:
            next.status = OccurrenceStatus::posted;
            next.transaction_id = transaction_id;
            return next;
        case WriteStatus::insufficient_funds:
        case WriteStatus::unavailable:
            next.status = in_window ? OccurrenceStatus::retrying : OccurrenceStatus::failed;
            next.detail = status == WriteStatus::insufficient_funds
                              ? "Not enough money in the account."
                              : "The bank could not reach its database.";
            return next;
        case WriteStatus::account_not_found:
        case WriteStatus::account_closed:
            next.status = OccurrenceStatus::skipped;
            next.detail = "The paying account is closed.";
            return next;
        case WriteStatus::counterparty_not_found:
        case WriteStatus::counterparty_closed:
        case WriteStatus::same_account:
            next.status = OccurrenceStatus::skipped;
            next.detail = "The payee's account is closed.";
            return next;
        default:
            next.status = OccurrenceStatus::failed;
            next.detail = "Refused: " + std::string(to_string(status)) + ".";
            return next;
    }
}

std::optional<Occurrence> plan_occurrence_of_cancelled_order(
    const std::optional<Occurrence>& current, Timestamp now) {
    if (!current || current->status != OccurrenceStatus::retrying) return std::nullopt;
    Occurrence next = *current;
    next.status = OccurrenceStatus::skipped;
    next.detail = "The standing order was cancelled.";
    next.updated_at = now;
    next.version = current->version + 1;
    return next;
}

}  // namespace bank
