#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "ledger/recurring_detection.hpp"

namespace bank {

// What a person said of a recurring payment or income: it is one (confirmed), or it is not
// and should not be shown or forecast (dismissed).
enum class RecurringDecisionKind { confirmed, dismissed };

std::string_view to_string(RecurringDecisionKind kind);
std::optional<RecurringDecisionKind> parse_recurring_decision_kind(std::string_view text);
std::optional<RecurringInterval> parse_recurring_interval(std::string_view text);

// The stable name of a recurrence: its payee as payee_key reads it and its interval
// ("netflix#monthly"). Detection finds the same key again however the payee's description
// changes case or spacing, so a decision outlives the postings it was taken on.
std::string recurrence_key(std::string_view description, RecurringInterval interval);

// One decision, one per person and recurrence key (a second one replaces the first).
struct RecurringDecision {
    std::string user_id;
    std::string recurrence_key;
    std::string description;  // as the person sent it (shown back)
    RecurringInterval interval = RecurringInterval::monthly;
    RecurringDecisionKind decision = RecurringDecisionKind::confirmed;
    Timestamp decided_at{};
};

}  // namespace bank
