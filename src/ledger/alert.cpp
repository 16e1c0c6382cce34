#include "ledger/alert.hpp"

#include "core/random.hpp"

namespace bank {

const std::vector<AlertKind>& alert_kinds() {
    static const std::vector<AlertKind> kinds = {
        AlertKind::transaction_above,       AlertKind::unusual_transaction,
        AlertKind::budget_threshold,        AlertKind::projected_balance_below,
        AlertKind::recurring_price_changed, AlertKind::standing_order_failed,
        AlertKind::new_device_sign_in};
    return kinds;
}

std::string_view to_string(AlertKind kind) {
    switch (kind) {
        case AlertKind::transaction_above:
            return "transaction_above";
        case AlertKind::unusual_transaction:
            return "unusual_transaction";
        case AlertKind::budget_threshold:
            return "budget_threshold";
        case AlertKind::standing_order_failed:
            return "standing_order_failed";
        case AlertKind::new_device_sign_in:
            return "new_device_sign_in";
        case AlertKind::projected_balance_below:
            return "projected_balance_below";
        case AlertKind::recurring_price_changed:
            return "recurring_price_changed";
    }
    return "transaction_above";
}

std::optional<AlertKind> parse_alert_kind(std::string_view text) {
    for (const AlertKind kind : alert_kinds()) {
        if (to_string(kind) == text) return kind;
    }
    return std::nullopt;
}

bool alert_kind_takes_threshold(AlertKind kind) {
    return kind == AlertKind::transaction_above || kind == AlertKind::projected_balance_below;
}

std::string alert_notification_id(std::string_view rule_id, std::string_view subject) {
    std::string data(rule_id);
    data += '|';
    data += subject;
    return sha256_hex(data).substr(0, 32);
}

}  // namespace bank
