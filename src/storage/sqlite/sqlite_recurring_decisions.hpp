#pragma once

#include <string_view>
#include <vector>

#include "ledger/recurring_decision.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// The recurring_decisions table (schema 16) on one connection: one row per person and
// recurrence key, so a second decision on a recurrence replaces the first.
class SqliteRecurringDecisions {
public:
    explicit SqliteRecurringDecisions(SqliteConnection& connection) : connection_(connection) {}

    std::vector<RecurringDecision> list(std::string_view user_id);
    void put(const RecurringDecision& decision);
    bool remove(std::string_view user_id, std::string_view recurrence_key);

private:
    SqliteConnection& connection_;
};

}  // namespace bank
