#include <optional>

#include "service/async_write.hpp"
#include "service/auth_service.hpp"
#include "service/pending_write.hpp"
#include "service/validation.hpp"
#include "service/write_errors.hpp"

namespace bank {

// AuthService::set_time_zone, in a file of its own beside the sign-in and profile changes.
boost::asio::awaitable<Result<User>> AuthService::set_time_zone(const Identity& identity,
                                                                std::string time_zone_text,
                                                                std::string client_address) {
    auto time_zone = normalize_time_zone(time_zone_text);
    if (!time_zone) co_return time_zone.error();
    std::optional<PendingWrite> audit;
    if (*time_zone != identity.user.time_zone) {
        // Alongside the change, not after it: the answer shows the log on /profile.
        audit.emplace(audit_log_.record_alongside(
            audit_log_.make(identity.user.user_id, AuditEventKind::profile_changed, client_address,
                            "Time zone changed to " + *time_zone)));
    }
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = SetTimeZone{identity.user.user_id, *time_zone};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (audit) co_await audit->wait();
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    User user = identity.user;
    user.time_zone = std::move(*time_zone);
    co_return user;
}

}  // namespace bank
