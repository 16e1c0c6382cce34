#include "ledger/standing_order_audit_verifier.hpp"

#include <algorithm>
#include <tuple>

#include "core/limits.hpp"
#include "core/standing_order_limits.hpp"
#include "ledger/standing_order_commands.hpp"

namespace bank {

namespace {

// Whether the log as read may still hold `expected`: newer than the oldest event read when
// the log is at its bound (older ones may have been trimmed), and not yet expired.
bool still_kept(const AuditEvent& expected, const std::vector<AuditEvent>& log, std::size_t log_max,
                Timestamp now) {
    if (expected.at + limits::audit_event_retention <= now) return false;
    if (log.empty() || log.size() < log_max) return true;
    const AuditEvent& oldest = log.back();
    return std::tie(expected.at, expected.event_id) >= std::tie(oldest.at, oldest.event_id);
}

}  // namespace

void check_occurrence_audits(const std::vector<Occurrence>& occurrences,
                             const std::vector<AuditEvent>& log, std::size_t log_max, Timestamp now,
                             OccurrenceAuditVerifyReport& report) {
    for (const Occurrence& occurrence : occurrences) {
        const auto expected = plan_occurrence_event(occurrence);
        if (!expected) continue;
        ++report.outcomes;
        if (!still_kept(*expected, log, log_max, now)) continue;
        ++report.checked;
        const auto same_id = std::count_if(log.begin(), log.end(), [&](const AuditEvent& event) {
            return event.event_id == expected->event_id;
        });
        const bool told_before = std::any_of(log.begin(), log.end(), [&](const AuditEvent& event) {
            return event.kind == expected->kind && event.detail == expected->detail;
        });
        const std::string what = "standing order " + occurrence.standing_order_id + " of " +
                                 iso_date(occurrence.due_date) + " (" +
                                 std::string(to_string(occurrence.status)) + ")";
        if (same_id > 1) {
            report.ok = false;
            report.problems.push_back(what + ": its audit event is stored " +
                                      std::to_string(same_id) + " times");
        } else if (same_id == 0 && !told_before) {
            report.ok = false;
            report.problems.push_back(what + ": no audit event " + expected->event_id);
        }
    }
}

OccurrenceAuditVerifyReport verify_occurrence_audits(VerificationScans& scans,
                                                     StandingOrderStore& orders,
                                                     IdentityReads& identities, Timestamp now) {
    OccurrenceAuditVerifyReport report;
    scans.for_each_person([&](const User& person) {
        std::vector<Occurrence> occurrences;
        for (const StandingOrder& order : orders.list_standing_orders(person.user_id)) {
            auto dates = orders.list_occurrences(person.user_id, order.standing_order_id,
                                                 limits::occurrences_verified_per_order_max);
            occurrences.insert(occurrences.end(), dates.begin(), dates.end());
        }
        if (occurrences.empty()) return;
        const auto log =
            identities.list_audit_events(person.user_id, limits::audit_events_per_user_max);
        check_occurrence_audits(occurrences, log, limits::audit_events_per_user_max, now, report);
    });
    return report;
}

}  // namespace bank
