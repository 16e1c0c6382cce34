#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"

namespace bank {

// What a person asks to be told about (issue 15). transaction_above, unusual_transaction,
// budget_threshold, projected_balance_below and recurring_price_changed are decided from
// postings by alerts_for_posting (ledger/alert_evaluation.hpp); standing_order_failed and
// new_device_sign_in are written where their event happens.
enum class AlertKind {
    transaction_above,    // a posting (in or out) above the rule's threshold
    unusual_transaction,  // an outgoing posting unusual as /analytics defines it
    budget_threshold,     // a budget's month reaching 80% and 100% of what is available
    standing_order_failed,
    new_device_sign_in,
    projected_balance_below,  // the 30-day forecast's lowest point under the rule's threshold
    recurring_price_changed,  // an outgoing recurring payment at a new price
};

// Every kind, in the order the API and the page list them.
const std::vector<AlertKind>& alert_kinds();

std::string_view to_string(AlertKind kind);
std::optional<AlertKind> parse_alert_kind(std::string_view text);
// Whether a rule of this kind needs a threshold (and only these take one):
// transaction_above and projected_balance_below.
bool alert_kind_takes_threshold(AlertKind kind);

// One rule of a person's. `threshold` only for the kinds that take one.
struct AlertRule {
    std::string rule_id;
    std::string user_id;
    AlertKind kind = AlertKind::transaction_above;
    std::optional<Money> threshold;
    bool email = false;  // also send a mail to the person's address
    Timestamp created_at{};
};

// One message in a person's in-app list. Its id is deterministic (alert_notification_id), so
// writing the same one twice (two servers, or a repeat after a crash) stores it once.
struct Notification {
    std::string notification_id;
    std::string user_id;
    std::string rule_id;  // empty: none (an event the person did not ask about by rule)
    AlertKind kind = AlertKind::transaction_above;
    std::string subject_id;  // the posting, budget, occurrence or session it is about
    std::string message;     // the bank's own words, shown escaped
    Timestamp created_at{};
    bool read = false;
};

// 32 hex digits of SHA-256 over the rule id and what the notification is about (a posting
// id, or a budget, month and threshold): the same rule and event give the same id on every
// server, so a repeat is absorbed by a "put if absent".
std::string alert_notification_id(std::string_view rule_id, std::string_view subject);

// The evaluator's place in the change feed: one record bank-wide, written only over the
// version read (0: never written).
struct AlertCursor {
    std::string position;  // empty: from the feed's first posting
    std::int64_t version = 0;
};

}  // namespace bank
