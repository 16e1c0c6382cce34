#include "service/sign_in_alerts.hpp"

#include <exception>

#include <spdlog/spdlog.h>

#include "ledger/new_device.hpp"

namespace bank {

void SignInAlerts::signed_in(const Session& session) {
    if (session.kind != SessionKind::sign_in) return;
    SessionReads& sessions = sessions_;
    NotificationWriter& writer = writer_;
    const bool queued = writer_.run_later([&sessions, &writer, session] {
        try {
            if (!is_new_device(session, sessions.list_sessions(session.user_id))) return;
        } catch (const std::exception& error) {
            spdlog::error("new device alert for user {} not checked: {}", session.user_id,
                          error.what());
            return;
        }
        writer.raise(new_device_event(session));
    });
    if (!queued) spdlog::error("new device alert for user {} not queued", session.user_id);
}

}  // namespace bank
