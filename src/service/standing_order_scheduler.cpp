#include "service/standing_order_scheduler.hpp"

#include "core/standing_order_limits.hpp"
#include "ledger/standing_order_plans.hpp"
#include "service/blocking_write.hpp"
#include "service/category_service.hpp"

namespace bank {

SchedulerPass StandingOrderScheduler::run_pass() {
    SchedulerPass pass;
    const Date today = utc_date(clock_.now());
    auto due = orders_.due_standing_orders(today, limits::standing_orders_per_pass_max);
    pass.orders = due.size();
    for (auto& order : due) run_order(std::move(order), today, pass);
    return pass;
}

void StandingOrderScheduler::run_order(StandingOrder order, Date today, SchedulerPass& pass) {
    // Each step finishes one date or stops; the bound only ends a loop a defect would make.
    const int steps_max = limits::standing_order_catch_up_days_max + 400;
    for (int step = 0; step < steps_max; ++step) {
        if (order.status != StandingOrderStatus::active || !order.next_due ||
            *order.next_due > today) {
            return;
        }
        const Date due = *order.next_due;
        const auto current = orders_.find_occurrence(order.user_id, order.standing_order_id, due);
        const ClaimPlan claim = plan_occurrence_claim(current, order, due, clock_.now());
        if (claim.decision == ClaimDecision::busy) {
            ++pass.busy;
            return;
        }
        if (claim.decision != ClaimDecision::finished) {
            if (!orders_.save_occurrence(claim.next)) {
                ++pass.busy;
                return;
            }
            const Occurrence outcome =
                claim.decision == ClaimDecision::post ? post(order, claim.next) : claim.next;
            if (outcome.status == OccurrenceStatus::posted) ++pass.posted;
            if (outcome.status == OccurrenceStatus::failed) ++pass.failed;
            if (outcome.status == OccurrenceStatus::skipped) ++pass.skipped;
            if (outcome.status == OccurrenceStatus::retrying) ++pass.retrying;
            audit(outcome);
            if (outcome.status == OccurrenceStatus::retrying) {
                close_if_cancelled(order, outcome);
                return;
            }
            if (outcome.status == OccurrenceStatus::claimed) return;
        }
        const StandingOrder next = plan_order_advance(order, due, clock_.now());
        if (!orders_.save_standing_order(next)) {
            // Changed meanwhile (paused, edited, or advanced by another server): read it again.
            const auto fresh = orders_.find_standing_order(order.user_id, order.standing_order_id);
            if (!fresh || fresh->next_due == order.next_due) return;
            order = *fresh;
            continue;
        }
        order = next;
    }
}

// Every outcome in the owner's log; a date short of funds at its first try only, so three
// days of passes every 30 s do not push the person's other events out of the log.
void StandingOrderScheduler::audit(const Occurrence& outcome) {
    if (!audit_log_) return;
    AuditEventKind kind = AuditEventKind::standing_order_posted;
    std::string detail =
        "Standing order " + outcome.standing_order_id + " of " + iso_date(outcome.due_date);
    switch (outcome.status) {
        case OccurrenceStatus::posted:
            detail += ": paid, posting " + outcome.transaction_id + ".";
            break;
        case OccurrenceStatus::retrying:
            if (outcome.attempts > 1) return;
            kind = AuditEventKind::standing_order_retrying;
            detail += ": " + outcome.detail + " Tried again for 3 days.";
            break;
        case OccurrenceStatus::failed:
            kind = AuditEventKind::standing_order_failed;
            detail += ": failed. " + outcome.detail;
            break;
        case OccurrenceStatus::skipped:
            kind = AuditEventKind::standing_order_skipped;
            detail += ": skipped. " + outcome.detail;
            break;
        default:
            return;
    }
    audit_log_->record(audit_log_->make(outcome.user_id, kind, "", detail));
}

// A cancellation writes the order, then closes a retrying date; this try wrote the date, then
// reads the order: one of the two sees the other's write, so no retrying date of a cancelled
// order is left behind.
void StandingOrderScheduler::close_if_cancelled(const StandingOrder& order,
                                                const Occurrence& outcome) {
    const auto fresh = orders_.find_standing_order(order.user_id, order.standing_order_id);
    if (!fresh || fresh->status != StandingOrderStatus::cancelled) return;
    const auto closed = plan_occurrence_of_cancelled_order(outcome, clock_.now());
    if (closed && orders_.save_occurrence(*closed)) audit(*closed);
}

Occurrence StandingOrderScheduler::post(const StandingOrder& order, const Occurrence& claimed) {
    Posting posting;
    posting.kind = PostingKind::transfer;
    posting.user_id = order.user_id;
    posting.account_id = order.from_account_id;
    posting.to_account_number = order.to_account_number;
    posting.amount = order.amount;
    posting.description = order.description;
    posting.category = order.category;
    if (posting.category.empty()) {
        posting.category = inferred_category(
            PostingKind::transfer, ledger_.list_category_rules(order.user_id), order.description);
    }
    posting.idempotency_key = occurrence_key(order.standing_order_id, claimed.due_date);
    // The same for every try of this occurrence, so a retry is a replay, never a conflict,
    // even when the order's amount changed in between.
    posting.request_fingerprint = posting.idempotency_key;
    const WriteResult result = write(std::move(posting));
    const std::string transaction_id =
        result.transactions.empty() ? std::string() : result.transactions.front().transaction_id;
    Occurrence outcome =
        plan_occurrence_outcome(claimed, result.status, transaction_id, clock_.now());
    // Losing this write leaves the claim to run out: the next try replays the posting.
    if (!orders_.save_occurrence(outcome)) return claimed;
    return outcome;
}

WriteResult StandingOrderScheduler::write(WriteCommand command) {
    return write_and_wait(writer_, std::move(command));
}

}  // namespace bank
