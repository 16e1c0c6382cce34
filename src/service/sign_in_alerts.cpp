#include "service/sign_in_alerts.hpp"

#include <exception>

#include <spdlog/spdlog.h>

#include "ledger/new_device.hpp"

namespace bank {

void SignInAlerts::signed_in(const Session& session) {
    if (session.kind != SessionKind::sign_in) return;
    writer_.run_later([this, session] {
        try {
            if (!is_new_device(session, sessions_.list_sessions(session.user_id))) return;
        } catch (const std::exception& error) {
            spdlog::error("new device alert for user {} not checked: {}", session.user_id,
                          error.what());
            return;
        }
        alerts_.notify(new_device_event(session));
    });
}

}  // namespace bank
