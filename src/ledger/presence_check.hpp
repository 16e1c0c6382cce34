#pragma once

#include <chrono>

#include "core/clock.hpp"

namespace bank {

// Whether a background loop that may have nothing to serve (the alert evaluator without any
// rule, the webhook dispatcher without any endpoint) must ask the store again whether there
// is something, rather than trust what it knows: after a change it cannot judge alone (a
// removal: others may be left, `stale`), or once `recheck` has passed since it last asked (a
// creation on another server, which no call on this one reports). A clock set back asks at
// once rather than wait for the old time to come round.
bool needs_presence_check(bool stale, Timestamp checked_at, Timestamp now,
                          std::chrono::seconds recheck);

}  // namespace bank
