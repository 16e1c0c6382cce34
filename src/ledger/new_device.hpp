#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "ledger/alert_evaluation.hpp"
#include "ledger/model.hpp"

namespace bank {

// Whether `session` (a sign-in just made) came from a device the person has no other live
// sign-in from: no other sign_in session in `sessions` (the person's, as listed, the new one
// among them or not) has the same User-Agent. The bank keeps no list of devices, so "seen
// before" means "signed in from it within a session's lifetime" (12 hours at most).
bool is_new_device(const Session& session, const std::vector<Session>& sessions);

// The event a sign-in from a new device raises: about the session (its public id), so a
// repeat raises the same notification.
AlertEvent new_device_event(const Session& session);

}  // namespace bank
