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

}  // namespace bank
