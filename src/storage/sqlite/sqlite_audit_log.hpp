#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "ledger/write_command.hpp"

namespace bank {

class SqliteConnection;

// The audit_events table (schema 5): appending an event on the writer's connection, inside
// the savepoint the writer opened, and reading a person's newest events on a read
// connection. Both walk the (user_id, at, event_id) index.
class SqliteAuditLog {
public:
    explicit SqliteAuditLog(SqliteConnection& connection) : connection_(connection) {}

    // Inserts the event and, when `events_max` is set, deletes the user's events beyond the
    // newest `events_max` in the same savepoint, so the log never outgrows its bound.
    WriteResult apply(const AppendAuditEvent& command);
    // Every event of the batch in the same savepoint: one lookup of each person, the inserts,
    // then one trim of each person's log (ledger/user_plans.hpp: plan_append_audit_events).
    WriteResult apply(const AppendAuditEvents& command);
    std::vector<AuditEvent> list(std::string_view user_id, std::size_t limit);

    // Inserts the event only where its id is new and its person exists (a standing order's
    // outcome event, written in the outcome's own transaction: a replay of the same outcome
    // names the same id, so it is stored once); true when it was inserted.
    bool insert_if_absent(const AuditEvent& event);
    // Deletes the user's events beyond the newest `events_max`.
    void trim(std::string_view user_id, std::size_t events_max);

private:
    void insert(const AuditEvent& event);

    SqliteConnection& connection_;
};

}  // namespace bank
