#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// What a store remembers of an earlier posting of the same person with the same
// Idempotency-Key.
struct RememberedRequest {
    std::string request_fingerprint;  // empty for records carried over from schema 1
    Timestamp created_at{};
};

enum class IdempotencyDecision {
    new_request,  // nothing remembered within the window: post (and remember this request)
    replay,       // the same request again: answer `duplicate` with the original rows
    conflict,     // another request with this key: answer `idempotency_conflict`
};

// A record counts while it is younger than limits::idempotency_window (strictly); an older
// one is replaced by the new posting. A record without a fingerprint matches any retry.
IdempotencyDecision plan_idempotent_request(const std::optional<RememberedRequest>& earlier,
                                            const Posting& command, Timestamp now);
// The same for any request known by its fingerprint (a bulk payment).
IdempotencyDecision plan_idempotent_request(const std::optional<RememberedRequest>& earlier,
                                            std::string_view request_fingerprint, Timestamp now);

// The first instant a record must be younger than to still count.
Timestamp idempotency_window_start(Timestamp now);

}  // namespace bank
