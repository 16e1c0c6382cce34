#include "ledger/recurring_decision.hpp"

namespace bank {

std::string_view to_string(RecurringDecisionKind kind) {
    return kind == RecurringDecisionKind::confirmed ? "confirmed" : "dismissed";
}

std::optional<RecurringDecisionKind> parse_recurring_decision_kind(std::string_view text) {
    if (text == "confirmed") return RecurringDecisionKind::confirmed;
    if (text == "dismissed") return RecurringDecisionKind::dismissed;
    return std::nullopt;
}

std::optional<RecurringInterval> parse_recurring_interval(std::string_view text) {
    for (const RecurringInterval interval :
         {RecurringInterval::weekly, RecurringInterval::monthly, RecurringInterval::yearly}) {
        if (text == to_string(interval)) return interval;
    }
    return std::nullopt;
}

std::string recurrence_key(std::string_view description, RecurringInterval interval) {
    std::string key = payee_key(description);
    key += '#';
    key += to_string(interval);
    return key;
}

}  // namespace bank
