#pragma once

#include "ledger/model.hpp"
#include "ledger/session_reads.hpp"
#include "service/notification_writer.hpp"

namespace bank {

// Raises new_device_sign_in after a successful sign-in, off the sign-in's path: the person's
// sessions are read and the rule applied on the notification writer's thread, so signing in
// never waits for it (and a failure there is logged, never answered). The job holds only the
// store and the writer, whose own thread it runs on, so it never outlives what it uses.
class SignInAlerts {
public:
    SignInAlerts(SessionReads& sessions, NotificationWriter& writer)
        : sessions_(sessions), writer_(writer) {}

    void signed_in(const Session& session);

private:
    SessionReads& sessions_;
    NotificationWriter& writer_;
};

}  // namespace bank
