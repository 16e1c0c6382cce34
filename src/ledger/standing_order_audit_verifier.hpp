#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/model.hpp"
#include "ledger/standing_order.hpp"
#include "ledger/standing_order_store.hpp"
#include "ledger/verification_scans.hpp"

namespace bank {

// What `bank verify` found about the audit events of standing-order outcomes.
struct OccurrenceAuditVerifyReport {
    bool ok = true;
    std::int64_t outcomes = 0;  // stored outcomes that have an event (plan_occurrence_event)
    std::int64_t checked = 0;   // of those, the ones whose event must still be in the log
    std::vector<std::string> problems;
};

// One person's stored occurrences against the person's audit log as read (newest first, at
// most `log_max` events): a problem for each outcome whose event (plan_occurrence_event) is
// missing or stored more than once. An event the log may no longer hold is not looked for:
// older than the person's oldest event read when the log is full (SQLite keeps the newest
// limits::audit_events_per_user_max), or past limits::audit_event_retention (DynamoDB lets
// it expire). An event of the same kind and detail under another id counts as the outcome's:
// outcomes recorded before issue 14 had their events written by the scheduler, with ids of
// their own. Adds to `report`.
void check_occurrence_audits(const std::vector<Occurrence>& occurrences,
                             const std::vector<AuditEvent>& log, std::size_t log_max, Timestamp now,
                             OccurrenceAuditVerifyReport& report);

// Every person's orders and their occurrences (each order's newest
// limits::occurrences_verified_per_order_max) against the person's log, read through the roles
// every engine has.
OccurrenceAuditVerifyReport verify_occurrence_audits(VerificationScans& scans,
                                                     StandingOrderStore& orders,
                                                     IdentityReads& identities, Timestamp now);

}  // namespace bank
