#include "service/standing_order_scheduler.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <type_traits>

#include "core/standing_order_limits.hpp"
#include "ledger/standing_order_commands.hpp"
#include "ledger/standing_order_plans.hpp"
#include "service/blocking_write.hpp"
#include "service/category_service.hpp"

namespace bank {

namespace {

// Runs `work` and adds its time to `sum`: a steady_clock read before and after, cheap beside
// the store call or the writer's wait it times.
template <typename Work>
auto timed(SchedulerStepTimes::Seconds& sum, Work&& work) {
    const auto started = std::chrono::steady_clock::now();
    if constexpr (std::is_void_v<std::invoke_result_t<Work>>) {
        work();
        sum += std::chrono::steady_clock::now() - started;
    } else {
        auto result = work();
        sum += std::chrono::steady_clock::now() - started;
        return result;
    }
}

}  // namespace

SchedulerPass StandingOrderScheduler::run_pass(const std::function<bool()>& stop_requested) {
    SchedulerPass pass;
    steps_ = {};
    const Date today = utc_date(clock_.now());
    auto due = timed(steps_.reads, [&] {
        return orders_.due_standing_orders(today, limits::standing_orders_per_pass_max);
    });
    pass.orders = due.size();
    const std::size_t batch_size = batch_size_;
    // Every outcome's audit event is written with the outcome by the store (issue 14), so a
    // pass that stops here, on an error or with its process, leaves none behind.
    for (std::size_t first = 0; first < due.size() && !stop_requested(); first += batch_size) {
        const auto begin = due.begin() + static_cast<std::ptrdiff_t>(first);
        const auto end =
            due.begin() + static_cast<std::ptrdiff_t>(std::min(due.size(), first + batch_size));
        run_batch(std::vector<StandingOrder>(std::make_move_iterator(begin),
                                             std::make_move_iterator(end)),
                  today, pass);
    }
    pass.steps = steps_;
    return pass;
}

void StandingOrderScheduler::run_batch(std::vector<StandingOrder> orders, Date today,
                                       SchedulerPass& pass) {
    rules_.clear();
    // Each round finishes one date of every order or drops the order; the bound only ends a
    // loop a defect would make.
    const int rounds_max = limits::standing_order_catch_up_days_max + 400;
    for (int round = 0; round < rounds_max && !orders.empty(); ++round) {
        orders = run_round(std::move(orders), today, pass);
    }
}

std::vector<StandingOrder> StandingOrderScheduler::run_round(std::vector<StandingOrder> orders,
                                                             Date today, SchedulerPass& pass) {
    std::erase_if(orders, [&](const StandingOrder& order) {
        return order.status != StandingOrderStatus::active || !order.next_due ||
               *order.next_due > today;
    });
    if (orders.empty()) return orders;
    std::vector<StandingOrder> finished;
    std::vector<Step> steps = claim(orders, pass, finished);
    post(steps);
    return finish(steps, finished, pass);
}

std::vector<StandingOrderScheduler::Step> StandingOrderScheduler::claim(
    const std::vector<StandingOrder>& orders, SchedulerPass& pass,
    std::vector<StandingOrder>& finished) {
    std::vector<OccurrenceId> ids;
    ids.reserve(orders.size());
    for (const auto& order : orders) {
        ids.push_back({order.user_id, order.standing_order_id, *order.next_due});
    }
    const auto current = timed(steps_.reads, [&] { return orders_.find_occurrences(ids); });
    std::vector<Step> steps;
    std::vector<Occurrence> claims;
    for (std::size_t index = 0; index < orders.size(); ++index) {
        const StandingOrder& order = orders[index];
        ClaimPlan plan =
            plan_occurrence_claim(current[index], order, *order.next_due, clock_.now());
        if (plan.decision == ClaimDecision::busy) {
            ++pass.busy;
        } else if (plan.decision == ClaimDecision::finished) {
            finished.push_back(order);
        } else {
            claims.push_back(plan.next);
            steps.push_back({order, std::move(plan), Occurrence{}});
        }
    }
    const std::vector<bool> won =
        timed(steps_.claims, [&] { return orders_.save_occurrences(claims); });
    std::vector<Step> claimed;
    claimed.reserve(steps.size());
    for (std::size_t index = 0; index < steps.size(); ++index) {
        if (!won[index]) {
            ++pass.busy;  // another server claimed or changed it first
            continue;
        }
        steps[index].outcome = steps[index].claim.next;
        claimed.push_back(std::move(steps[index]));
    }
    return claimed;
}

void StandingOrderScheduler::post(std::vector<Step>& steps) {
    std::vector<std::size_t> posting_steps;
    std::vector<WriteCommand> postings;
    for (std::size_t index = 0; index < steps.size(); ++index) {
        if (steps[index].claim.decision != ClaimDecision::post) continue;
        posting_steps.push_back(index);
        postings.emplace_back(posting_of(steps[index].order, steps[index].claim.next));
    }
    if (postings.empty()) return;
    const std::vector<WriteResult> results = timed(steps_.writer, [&] {
        return write_all_and_wait(writer_, std::move(postings), WriteUrgency::background);
    });
    for (std::size_t index = 0; index < results.size(); ++index) {
        const WriteResult& result = results[index];
        const std::string transaction_id = result.transactions.empty()
                                               ? std::string()
                                               : result.transactions.front().transaction_id;
        Step& step = steps[posting_steps[index]];
        step.outcome =
            plan_occurrence_outcome(step.claim.next, result.status, transaction_id, clock_.now());
        step.outcome_pending = true;
    }
}

// One store call for the round's outcomes and next dates (on SQLite one commit): an order moves
// past its date only when the date's outcome was written, and a date still retrying keeps its
// order where it is, so the next pass tries it again.
std::vector<StandingOrder> StandingOrderScheduler::finish(
    std::vector<Step>& steps, const std::vector<StandingOrder>& finished, SchedulerPass& pass) {
    const Timestamp now = clock_.now();
    std::vector<OccurrenceFinish> finishes;
    std::vector<const StandingOrder*> read;  // each finish's order as the round read it
    finishes.reserve(finished.size() + steps.size());
    for (const auto& order : finished) {
        finishes.push_back({std::nullopt, plan_order_advance(order, *order.next_due, now)});
        read.push_back(&order);
    }
    for (const Step& step : steps) {
        OccurrenceFinish finish;
        if (step.outcome_pending) finish.outcome = step.outcome;
        if (step.outcome.status != OccurrenceStatus::retrying) {
            finish.next = plan_order_advance(step.order, *step.order.next_due, now);
        }
        finishes.push_back(std::move(finish));
        read.push_back(&step.order);
    }
    const std::vector<OccurrenceFinished> saved =
        timed(steps_.outcomes, [&] { return orders_.finish_occurrences(finishes); });
    for (std::size_t index = 0; index < steps.size(); ++index) {
        Step& step = steps[index];
        // A lost outcome write leaves the claim: it runs out and a later pass replays the
        // posting.
        if (!saved[finished.size() + index].outcome_saved) step.outcome = step.claim.next;
        count(step.outcome, pass);
        timed(steps_.alerts, [&] { alert_if_failed(step.outcome); });
        if (step.outcome.status == OccurrenceStatus::retrying) {
            close_if_cancelled(step.order, step.outcome);
        }
    }
    return timed(steps_.next_dates, [&] { return standing_after(finishes, saved, read); });
}

std::vector<StandingOrder> StandingOrderScheduler::standing_after(
    std::vector<OccurrenceFinish>& finishes, const std::vector<OccurrenceFinished>& saved,
    const std::vector<const StandingOrder*>& read) {
    std::vector<StandingOrder> standing;
    standing.reserve(finishes.size());
    for (std::size_t index = 0; index < finishes.size(); ++index) {
        if (!finishes[index].next || !saved[index].outcome_saved) continue;
        if (saved[index].order_saved) {
            standing.push_back(std::move(*finishes[index].next));
            continue;
        }
        // Changed meanwhile (paused, edited, or advanced by another server): read it again.
        const StandingOrder& order = *read[index];
        auto fresh = orders_.find_standing_order(order.user_id, order.standing_order_id);
        if (!fresh || fresh->next_due == order.next_due) continue;
        standing.push_back(std::move(*fresh));
    }
    return standing;
}

void StandingOrderScheduler::count(const Occurrence& outcome, SchedulerPass& pass) {
    if (outcome.status == OccurrenceStatus::posted) ++pass.posted;
    if (outcome.status == OccurrenceStatus::failed) ++pass.failed;
    if (outcome.status == OccurrenceStatus::skipped) ++pass.skipped;
    if (outcome.status == OccurrenceStatus::retrying) ++pass.retrying;
}

// The outcome's audit event was stored with it (StandingOrderStore); a date recorded failed
// raises its alert too.
void StandingOrderScheduler::alert_if_failed(const Occurrence& outcome) {
    if (!alert_ || outcome.status != OccurrenceStatus::failed) return;
    // About the occurrence, so a date recorded failed twice raises one notification.
    alert_(AlertEvent{
        outcome.user_id, AlertKind::standing_order_failed,
        "occurrence:" + outcome.standing_order_id + ":" + iso_date(outcome.due_date),
        "Your standing order of " + iso_date(outcome.due_date) + " failed: " + outcome.detail,
        clock_.now()});
}

// A cancellation writes the order, then closes a retrying date; this try wrote the date, then
// reads the order: one of the two sees the other's write, so no retrying date of a cancelled
// order is left behind.
void StandingOrderScheduler::close_if_cancelled(const StandingOrder& order,
                                                const Occurrence& outcome) {
    const auto fresh = orders_.find_standing_order(order.user_id, order.standing_order_id);
    if (!fresh || fresh->status != StandingOrderStatus::cancelled) return;
    const auto closed = plan_occurrence_of_cancelled_order(outcome, clock_.now());
    if (closed) orders_.save_occurrence(*closed);  // with its event, as every outcome
}

Posting StandingOrderScheduler::posting_of(const StandingOrder& order, const Occurrence& claimed) {
    std::string category;
    if (order.category.empty()) {
        auto rules = rules_.find(order.user_id);
        if (rules == rules_.end()) {
            auto read =
                timed(steps_.reads, [&] { return ledger_.list_category_rules(order.user_id); });
            rules = rules_.emplace(order.user_id, std::move(read)).first;
        }
        category = inferred_category(PostingKind::transfer, rules->second, order.description);
    }
    return plan_occurrence_posting(order, claimed.due_date, category);
}

}  // namespace bank
