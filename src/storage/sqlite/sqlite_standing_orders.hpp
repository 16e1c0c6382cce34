#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/standing_order.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// The standing_orders and standing_order_occurrences tables (schema 12) on one connection:
// rows read and written whole, changed only over the version they were decided on. An
// outcome's audit event (plan_occurrence_event) is written with the outcome, in the same
// statement's transaction: the caller runs every save_occurrence inside one and calls
// trim_audit_logs before its COMMIT.
class SqliteStandingOrders {
public:
    explicit SqliteStandingOrders(SqliteConnection& connection) : connection_(connection) {}

    std::vector<StandingOrder> list(std::string_view user_id);
    std::optional<StandingOrder> find(std::string_view user_id, std::string_view order_id);
    bool add(const StandingOrder& order);
    bool save(const StandingOrder& next);
    std::vector<StandingOrder> due(Date through, std::size_t limit);

    std::vector<Occurrence> occurrences(std::string_view user_id, std::string_view order_id,
                                        std::size_t limit);
    std::optional<Occurrence> find_occurrence(std::string_view user_id, std::string_view order_id,
                                              Date due_date);
    // The occurrence and, when it was written and its outcome has one, its audit event.
    bool save_occurrence(const Occurrence& next);
    // Trims the audit log of each person an event was written for to its bound
    // (limits::audit_events_per_user_max), once per person, as AppendAuditEvents does.
    void trim_audit_logs();

private:
    SqliteConnection& connection_;
    std::set<std::string> audited_;  // the people whose logs gained an event
};

}  // namespace bank
