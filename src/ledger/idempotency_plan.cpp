#include "ledger/idempotency_plan.hpp"

#include "core/limits.hpp"

namespace bank {

Timestamp idempotency_window_start(Timestamp now) { return now - limits::idempotency_window; }

IdempotencyDecision plan_idempotent_request(const std::optional<RememberedRequest>& earlier,
                                            const Posting& command, Timestamp now) {
    if (!earlier || earlier->created_at <= idempotency_window_start(now)) {
        return IdempotencyDecision::new_request;
    }
    if (!earlier->request_fingerprint.empty() &&
        earlier->request_fingerprint != command.request_fingerprint) {
        return IdempotencyDecision::conflict;
    }
    return IdempotencyDecision::replay;
}

}  // namespace bank
