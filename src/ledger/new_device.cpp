#include "ledger/new_device.hpp"

#include <algorithm>

namespace bank {

bool is_new_device(const Session& session, const std::vector<Session>& sessions) {
    return std::none_of(sessions.begin(), sessions.end(), [&](const Session& other) {
        return other.kind == SessionKind::sign_in && other.session_id != session.session_id &&
               other.user_agent == session.user_agent;
    });
}

AlertEvent new_device_event(const Session& session) {
    const std::string device =
        session.user_agent.empty() ? "an unnamed browser" : session.user_agent;
    std::string message = "A sign-in from a new device: " + device;
    if (!session.client_address.empty()) message += ", from " + session.client_address;
    message += ". If this wasn't you, change your password and end that session on /profile.";
    return AlertEvent{session.user_id, AlertKind::new_device_sign_in,
                      "session:" + session.session_id, std::move(message), session.created_at};
}

}  // namespace bank
