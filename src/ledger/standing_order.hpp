#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "ledger/recurrence_rule.hpp"

namespace bank {

// active: runs; paused: kept but skipped until resumed (missed dates are not caught up);
// cancelled: ended by its owner; completed: the rule has no dates left.
enum class StandingOrderStatus { active, paused, cancelled, completed };

std::string_view to_string(StandingOrderStatus status);
std::optional<StandingOrderStatus> standing_order_status_named(std::string_view name);

// A transfer a person set up to run on the dates of an RRULE, from one of their accounts to
// any account number. A one-off scheduled payment is an order with COUNT=1.
struct StandingOrder {
    std::string standing_order_id;
    std::string user_id;
    std::string from_account_id;
    std::string to_account_number;
    Money amount;
    std::string description;
    std::string category;  // empty: inferred from the person's rules at each posting
    Date start_date{};
    std::string rrule;  // canonical (to_rrule_text)
    StandingOrderStatus status = StandingOrderStatus::active;
    // The first date not finished yet (posted, failed or skipped); nullopt when none is left.
    std::optional<Date> next_due;
    Timestamp created_at{};
    Timestamp updated_at{};
    std::int64_t version = 0;  // each write is conditional on the version it was decided on
};

// claimed: a server is posting it now (until claimed_until); posted: the transfer was made;
// retrying: short of funds (or the store was out), tried again at the next pass; failed: gave
// up; skipped: not run (account or payee closed, or due too long ago after downtime).
enum class OccurrenceStatus { claimed, posted, retrying, failed, skipped };

std::string_view to_string(OccurrenceStatus status);

// One date of a standing order and what became of it.
struct Occurrence {
    std::string standing_order_id;
    std::string user_id;
    Date due_date{};
    OccurrenceStatus status = OccurrenceStatus::claimed;
    std::int64_t attempts = 0;
    std::string transaction_id;  // the payer's row, once posted
    std::string detail;          // why it is retrying, failed or skipped
    Timestamp claimed_at{};      // the newest claim
    Timestamp claimed_until{};   // the newest claim holds other servers off until then
    Timestamp updated_at{};
    std::int64_t version = 0;
};

// "2026-03-31" and back; nullopt for anything else (an impossible date included).
std::optional<Date> parse_iso_date(std::string_view text);
std::string iso_date(Date date);
// The UTC day an instant falls on, and the instant that day begins.
Date utc_date(Timestamp at);
Timestamp utc_day_start(Date date);

// The idempotency key of an occurrence's posting: the order's id and the due date, so that
// however often an occurrence is tried, by however many servers, it posts once. Clients
// may not send keys with this prefix (service/payment_service.cpp).
inline constexpr std::string_view occurrence_key_prefix = "standing-order:";
std::string occurrence_key(std::string_view standing_order_id, Date due_date);
// The order that made a posting, from its idempotency key; empty when none did.
std::string standing_order_of_key(std::string_view idempotency_key);

}  // namespace bank
