// SqliteStore's RecurringDecisionStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_recurring_decisions.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

std::vector<RecurringDecision> SqliteStore::list_recurring_decisions(std::string_view user_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteRecurringDecisions(connection).list(user_id);
    });
}

// As the budgets: a side writer (side_writers_.with) takes SQLite's write lock for this
// one statement, outside the ledger writer's queue (no money moves).
void SqliteStore::put_recurring_decision(const RecurringDecision& decision) {
    side_writers_.with<SqliteRecurringDecisions>(
        [&](SqliteRecurringDecisions& decisions) { decisions.put(decision); });
}

bool SqliteStore::remove_recurring_decision(std::string_view user_id,
                                            std::string_view recurrence_key) {
    return side_writers_.with<SqliteRecurringDecisions>([&](SqliteRecurringDecisions& decisions) {
        return decisions.remove(user_id, recurrence_key);
    });
}

}  // namespace bank
