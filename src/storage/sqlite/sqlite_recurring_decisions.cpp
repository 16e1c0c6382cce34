#include "storage/sqlite/sqlite_recurring_decisions.hpp"

#include <stdexcept>
#include <string>

namespace bank {

namespace {

RecurringDecision read_decision(const SqliteQuery& query) {
    RecurringDecision decision;
    decision.user_id = query.text(0);
    decision.recurrence_key = query.text(1);
    decision.description = query.text(2);
    const auto interval = parse_recurring_interval(query.text(3));
    const auto kind = parse_recurring_decision_kind(query.text(4));
    if (!interval || !kind) {
        throw std::runtime_error("sqlite: unreadable recurring decision '" + query.text(1) + "'");
    }
    decision.interval = *interval;
    decision.decision = *kind;
    decision.decided_at = from_micros(query.integer(5));
    return decision;
}

}  // namespace

std::vector<RecurringDecision> SqliteRecurringDecisions::list(std::string_view user_id) {
    auto query = connection_.query(
        "SELECT user_id, recurrence_key, description, interval, decision, decided_at "
        "FROM recurring_decisions WHERE user_id = ? ORDER BY recurrence_key");
    query.bind(user_id);
    std::vector<RecurringDecision> decisions;
    while (query.step()) decisions.push_back(read_decision(query));
    return decisions;
}

void SqliteRecurringDecisions::put(const RecurringDecision& decision) {
    connection_
        .query(
            "INSERT INTO recurring_decisions (user_id, recurrence_key, description, interval, "
            "decision, decided_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (user_id, recurrence_key) DO UPDATE SET "
            "description = excluded.description, interval = excluded.interval, "
            "decision = excluded.decision, decided_at = excluded.decided_at")
        .bind(decision.user_id)
        .bind(decision.recurrence_key)
        .bind(decision.description)
        .bind(to_string(decision.interval))
        .bind(to_string(decision.decision))
        .bind(to_micros(decision.decided_at))
        .run();
}

bool SqliteRecurringDecisions::remove(std::string_view user_id, std::string_view recurrence_key) {
    connection_.query("DELETE FROM recurring_decisions WHERE user_id = ? AND recurrence_key = ?")
        .bind(user_id)
        .bind(recurrence_key)
        .run();
    return connection_.changes() == 1;
}

}  // namespace bank
