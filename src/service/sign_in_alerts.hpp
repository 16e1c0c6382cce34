#pragma once

#include "ledger/model.hpp"
#include "ledger/session_reads.hpp"
#include "service/alert_service.hpp"
#include "service/notification_writer.hpp"

namespace bank {

// Raises new_device_sign_in after a successful sign-in, off the sign-in's path: the person's
// sessions are read and the rule applied on the notification writer's thread, so signing in
// never waits for it (and a failure there is logged, never answered).
class SignInAlerts {
public:
    SignInAlerts(SessionReads& sessions, AlertService& alerts, NotificationWriter& writer)
        : sessions_(sessions), alerts_(alerts), writer_(writer) {}

    void signed_in(const Session& session);

private:
    SessionReads& sessions_;
    AlertService& alerts_;
    NotificationWriter& writer_;
};

}  // namespace bank
