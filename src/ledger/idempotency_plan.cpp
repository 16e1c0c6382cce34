#include "ledger/idempotency_plan.hpp"

#include "core/limits.hpp"

namespace bank {

Timestamp idempotency_window_start(Timestamp now) { return now - limits::idempotency_window; }

IdempotencyDecision plan_idempotent_request(const std::optional<RememberedRequest>& earlier,
                                            const Posting& command, Timestamp now) {
    return plan_idempotent_request(earlier, command.request_fingerprint, now);
}

IdempotencyDecision plan_idempotent_request(const std::optional<RememberedRequest>& earlier,
                                            std::string_view request_fingerprint, Timestamp now) {
    if (!earlier || earlier->created_at <= idempotency_window_start(now)) {
        return IdempotencyDecision::new_request;
    }
    if (!earlier->request_fingerprint.empty() &&
        earlier->request_fingerprint != request_fingerprint) {
        return IdempotencyDecision::conflict;
    }
    return IdempotencyDecision::replay;
}

}  // namespace bank
