#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ledger/model.hpp"
#include "ledger/standing_order.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// What the scheduler hands the writer for an occurrence: its posting, and the audit event of
// its outcome. Kept here, apart from the scheduler, so that `bank_bench post-orders` (the
// writer's like-for-like anchor of issue 14) submits exactly the same commands.

// The transfer of `order` on `due`: the order's category, or `inferred_category` when it has
// none. The occurrence's key is both the idempotency key and the fingerprint, the same for
// every try, so a retry is a replay, never a conflict, even when the order's amount changed
// in between.
Posting plan_occurrence_posting(const StandingOrder& order, Date due,
                                std::string_view inferred_category);

struct OccurrenceAuditEntry {
    AuditEventKind kind = AuditEventKind::standing_order_posted;
    std::string detail;
};

// The event that tells the owner what became of the occurrence; nullopt for none: a claim, or
// a date short of funds after its first try (passes every 30 s for three days would push the
// person's other events out of the log).
std::optional<OccurrenceAuditEntry> plan_occurrence_audit(const Occurrence& outcome);

// What names the event of `outcome`: the occurrence and what became of it,
// "standing-order:<order id>:<due date>:<status>", with ":<attempt>" for retrying, the one
// status an occurrence can be written with more than once.
std::string occurrence_event_name(const Occurrence& outcome);
// The event's id, 32 hex digits as every audit event id (the API's `event_id`): the outcome's
// instant (`updated_at`, 16 hex digits of microseconds) and the first 16 hex digits of the
// name's SHA-256. Every write of the same outcome (a replay after a crash) names the same
// event, two outcomes never share one, and ids rise with time as AuditLog's do, so SQLite
// appends them at the end of the id index instead of anywhere in it.
std::string occurrence_event_id(const Occurrence& outcome);

// The audit event that is stored in the same write as `outcome` (both engines, issue 14):
// plan_occurrence_audit's kind and detail, the id above, and the outcome's own instant
// (`updated_at`, part of the record written), so that the event's key on either engine
// depends on nothing but the outcome. nullopt when the outcome has none. The engines write it
// only where its key is new.
std::optional<AuditEvent> plan_occurrence_event(const Occurrence& outcome);

}  // namespace bank
