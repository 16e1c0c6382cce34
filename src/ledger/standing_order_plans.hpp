#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/model.hpp"
#include "ledger/standing_order.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// Why a standing-order command was refused; checked in the order listed.
enum class StandingOrderRefusal {
    ok,
    not_found,          // no such order of this person
    not_changeable,     // cancelled or completed: nothing left to change
    too_many_orders,    // the person has standing_orders_per_user_max active or paused
    account_not_found,  // the paying account is unknown or not the person's
    account_closed,
    payee_not_found,  // no account has that number
    same_account,
    payee_closed,
    start_in_past,  // the start date is before today (UTC)
    no_dates,       // the rule gives no date on or after the start (or today)
};

std::string_view to_string(StandingOrderRefusal refusal);

struct StandingOrderPlan {
    StandingOrderRefusal status = StandingOrderRefusal::ok;
    StandingOrder next;  // version one more than decided on
};

// A new order as the service validated it (amount positive and within the limit,
// description and category clean, the rule read).
struct StandingOrderDraft {
    std::string standing_order_id;
    std::string user_id;
    std::string from_account_id;
    std::string to_account_number;
    Money amount;
    std::string description;
    std::string category;
    Date start_date{};
    RecurrenceRule rule;
};

// `from` is the paying account as stored (nullopt: unknown), `payee` the account with the
// number (nullopt: none), `open_orders` how many of the person's orders are active or paused.
StandingOrderPlan plan_standing_order_creation(const StandingOrderDraft& draft,
                                               const std::optional<Account>& from,
                                               const std::optional<Account>& payee,
                                               std::size_t open_orders, Timestamp now);

// What PATCH may change; an empty field stays as it is.
struct StandingOrderChange {
    std::optional<Money> amount;
    std::optional<std::string> description;
    std::optional<RecurrenceRule> rule;
    std::optional<StandingOrderStatus> status;  // active or paused
};

// A new rule runs from today; a resume from the next date on or after both the order's next
// due date and today: dates missed while paused are not caught up.
StandingOrderPlan plan_standing_order_change(const std::optional<StandingOrder>& current,
                                             std::string_view user_id,
                                             const StandingOrderChange& change, Timestamp now);

StandingOrderPlan plan_standing_order_cancellation(const std::optional<StandingOrder>& current,
                                                   std::string_view user_id, Timestamp now);

// The order once the occurrence on `finished` is done with: due next on the rule's next date,
// or completed when there is none.
StandingOrder plan_order_advance(const StandingOrder& order, Date finished, Timestamp now);

// What the scheduler does with an order's next due date.
enum class ClaimDecision {
    post,      // `next` is this server's claim: write it, then post
    record,    // `next` is a final outcome decided without posting (skipped or failed): write it
    finished,  // the occurrence is done already: only the order advances
    busy,      // another server's claim still holds: leave it
};

struct ClaimPlan {
    ClaimDecision decision = ClaimDecision::busy;
    Occurrence next;
};

// `current` is the stored occurrence of `order` on `due` (nullopt: none yet). An occurrence
// due more than standing_order_catch_up_days_max days before `now`'s day that was never
// tried is skipped; a claim that ran out is taken over, unless it is older than the posting's
// idempotency window, when whether it posted can no longer be told: it is marked failed
// rather than risk paying twice.
ClaimPlan plan_occurrence_claim(const std::optional<Occurrence>& current,
                                const StandingOrder& order, Date due, Timestamp now);

// The claimed occurrence after its posting answered `status` (`transaction_id` when posted).
Occurrence plan_occurrence_outcome(const Occurrence& claimed, WriteStatus status,
                                   const std::string& transaction_id, Timestamp now);

// A date still retrying when its order is cancelled: skipped, so that what became of it is
// told (the scheduler no longer visits a cancelled order). nullopt: nothing to record.
std::optional<Occurrence> plan_occurrence_of_cancelled_order(
    const std::optional<Occurrence>& current, Timestamp now);

}  // namespace bank
