#include "storage/sqlite/sqlite_audit_log.hpp"

#include <set>
#include <stdexcept>
#include <string>

#include "ledger/user_plans.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {

namespace {

AuditEvent read_audit_event(const SqliteQuery& query) {
    AuditEvent event;
    event.event_id = query.text(0);
    event.user_id = query.text(1);
    const std::string kind = query.text(2);
    const auto parsed = parse_audit_event_kind(kind);
    if (!parsed) throw std::runtime_error("sqlite: unknown audit event kind " + kind);
    event.kind = *parsed;
    event.client_address = query.text(3);
    event.detail = query.text(4);
    event.at = from_micros(query.integer(5));
    return event;
}

// The six columns of an event, in the order both inserts name them.
SqliteQuery& bind_event(SqliteQuery&& query, const AuditEvent& event) {
    return query.bind(event.event_id)
        .bind(event.user_id)
        .bind(to_string(event.kind))
        .bind(event.client_address)
        .bind(event.detail)
        .bind(to_micros(event.at));
}

}  // namespace

WriteResult SqliteAuditLog::apply(const AppendAuditEvent& command) {
    const AuditEvent& event = command.event;
    WriteResult result;
    result.status = plan_append_audit_event(select_user(connection_, event.user_id).has_value());
    if (result.status != WriteStatus::ok) return result;
    insert(event);
    if (command.events_max > 0) trim(event.user_id, command.events_max);
    return result;
}

WriteResult SqliteAuditLog::apply(const AppendAuditEvents& command) {
    std::set<std::string> existing;
    for (std::string& person : people_of(command.events)) {
        if (select_user(connection_, person)) existing.insert(std::move(person));
    }
    const AuditEventsPlan plan = plan_append_audit_events(command.events, existing);
    WriteResult result;
    result.items.reserve(command.events.size());
    for (std::size_t index = 0; index < command.events.size(); ++index) {
        if (plan.statuses[index] == WriteStatus::ok) insert(command.events[index]);
        result.items.push_back(with_status(plan.statuses[index]));
    }
    if (command.events_max == 0) return result;
    for (const std::string& person : plan.trimmed) trim(person, command.events_max);
    return result;
}

void SqliteAuditLog::insert(const AuditEvent& event) {
    bind_event(
        connection_.query("INSERT INTO audit_events (event_id, user_id, kind, client_address, "
                          "detail, at) VALUES (?, ?, ?, ?, ?, ?)"),
        event)
        .run();
}

bool SqliteAuditLog::insert_if_absent(const AuditEvent& event) {
    bind_event(connection_.query(
                   "INSERT INTO audit_events (event_id, user_id, kind, client_address, detail, at) "
                   "SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM users WHERE user_id "
                   "= ?2) ON CONFLICT (event_id) DO NOTHING"),
               event)
        .run();
    return connection_.changes() == 1;
}

// Seeks the user's index from the newest end and deletes what lies past the bound: usually
// the one oldest event (or a batch's worth).
void SqliteAuditLog::trim(std::string_view user_id, std::size_t events_max) {
    connection_
        .query(
            "DELETE FROM audit_events WHERE event_id IN (SELECT event_id FROM audit_events "
            "WHERE user_id = ?1 ORDER BY at DESC, event_id DESC LIMIT -1 OFFSET ?2)")
        .bind(user_id)
        .bind(static_cast<std::int64_t>(events_max))
        .run();
}

std::vector<AuditEvent> SqliteAuditLog::list(std::string_view user_id, std::size_t limit) {
    std::vector<AuditEvent> events;
    if (limit == 0) return events;
    auto query = connection_.query(
        "SELECT event_id, user_id, kind, client_address, detail, at FROM audit_events "
        "WHERE user_id = ? ORDER BY at DESC, event_id DESC LIMIT ?");
    query.bind(user_id).bind(static_cast<std::int64_t>(limit));
    while (query.step()) events.push_back(read_audit_event(query));
    return events;
}

}  // namespace bank
