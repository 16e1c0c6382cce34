#include "service/audit_log.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>

#include <spdlog/spdlog.h>

#include "core/limits.hpp"
#include "core/random.hpp"

namespace bank {
namespace {

// Ids rise within a process, so two events of one instant list in the order they
// happened; the random part keeps ids of different processes apart.
std::string new_event_id() {
    static std::atomic<std::uint64_t> next{0};
    char counter[17];
    std::snprintf(counter, sizeof counter, "%016llx",
                  static_cast<unsigned long long>(next.fetch_add(1)));
    return std::string(counter) + random_token(8);
}

std::string cut(std::string_view text, std::size_t length_max) {
    return std::string(text.substr(0, length_max));
}

AppendAuditEvent append(AuditEvent event) {
    return AppendAuditEvent{std::move(event), limits::audit_events_per_user_max};
}

}  // namespace

AuditEvent AuditLog::make(std::string user_id, AuditEventKind kind, std::string_view client_address,
                          std::string_view detail) const {
    AuditEvent event;
    event.event_id = new_event_id();
    event.user_id = std::move(user_id);
    event.kind = kind;
    event.client_address = cut(client_address, limits::client_address_length_max);
    event.detail = cut(detail, limits::audit_detail_length_max);
    event.at = clock_.now();
    return event;
}

void AuditLog::record(AuditEvent event) {
    const AuditEventKind kind = event.kind;
    writer_.submit(append(std::move(event)), [kind](const WriteResult& result) {
        if (result.status != WriteStatus::ok) {
            spdlog::warn("audit event {} not stored: {}", to_string(kind),
                         to_string(result.status));
        }
    });
}

PendingWrite AuditLog::record_alongside(AuditEvent event) {
    return PendingWrite(writer_, append(std::move(event)));
}

std::vector<AuditEvent> AuditLog::recent(std::string_view user_id, std::size_t limit) const {
    return identities_.list_audit_events(user_id, limit);
}

}  // namespace bank
