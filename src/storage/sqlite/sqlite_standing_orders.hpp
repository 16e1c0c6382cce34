#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "ledger/standing_order.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// The standing_orders and standing_order_occurrences tables (schema 12) on one connection:
// rows read and written whole, changed only over the version they were decided on.
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
    bool save_occurrence(const Occurrence& next);

private:
    SqliteConnection& connection_;
};

}  // namespace bank
