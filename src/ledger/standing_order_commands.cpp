#include "ledger/standing_order_commands.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "core/limits.hpp"
#include "core/random.hpp"

namespace bank {

Posting plan_occurrence_posting(const StandingOrder& order, Date due,
                                std::string_view inferred_category) {
    Posting posting;
    posting.kind = PostingKind::transfer;
    posting.user_id = order.user_id;
    posting.account_id = order.from_account_id;
    posting.to_account_number = order.to_account_number;
    posting.amount = order.amount;
    posting.description = order.description;
    posting.category = order.category.empty() ? std::string(inferred_category) : order.category;
    posting.idempotency_key = occurrence_key(order.standing_order_id, due);
    posting.request_fingerprint = posting.idempotency_key;
    return posting;
}

std::optional<OccurrenceAuditEntry> plan_occurrence_audit(const Occurrence& outcome) {
    OccurrenceAuditEntry entry;
    entry.detail =
        "Standing order " + outcome.standing_order_id + " of " + iso_date(outcome.due_date);
    switch (outcome.status) {
        case OccurrenceStatus::posted:
            entry.detail += ": paid, posting " + outcome.transaction_id + ".";
            return entry;
        case OccurrenceStatus::retrying:
            if (outcome.attempts > 1) return std::nullopt;
            entry.kind = AuditEventKind::standing_order_retrying;
            entry.detail += ": " + outcome.detail + " Tried again for 3 days.";
            return entry;
        case OccurrenceStatus::failed:
            entry.kind = AuditEventKind::standing_order_failed;
            entry.detail += ": failed. " + outcome.detail;
            return entry;
        case OccurrenceStatus::skipped:
            entry.kind = AuditEventKind::standing_order_skipped;
            entry.detail += ": skipped. " + outcome.detail;
            return entry;
        default:
            return std::nullopt;
    }
}

std::string occurrence_event_name(const Occurrence& outcome) {
    std::string name = occurrence_key(outcome.standing_order_id, outcome.due_date);
    name += ':';
    name += to_string(outcome.status);
    if (outcome.status == OccurrenceStatus::retrying) {
        name += ':' + std::to_string(outcome.attempts);
    }
    return name;
}

std::string occurrence_event_id(const Occurrence& outcome) {
    char instant[17];
    std::snprintf(
        instant, sizeof instant, "%016llx",
        static_cast<unsigned long long>(std::max<std::int64_t>(to_micros(outcome.updated_at), 0)));
    return std::string(instant) + sha256_hex(occurrence_event_name(outcome)).substr(0, 16);
}

std::optional<AuditEvent> plan_occurrence_event(const Occurrence& outcome) {
    auto entry = plan_occurrence_audit(outcome);
    if (!entry) return std::nullopt;
    AuditEvent event;
    event.event_id = occurrence_event_id(outcome);
    event.user_id = outcome.user_id;
    event.kind = entry->kind;
    event.detail = entry->detail.substr(0, limits::audit_detail_length_max);
    event.at = outcome.updated_at;
    return event;
}

}  // namespace bank
