// SqliteStore's StandingOrderStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_standing_orders.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

// As the passkeys: each write borrows a side writer (side_writers_.with), which takes SQLite's
// write lock for this one conditional statement, outside the ledger writer's queue (no money
// moves). The statement's condition (no row yet, or the version decided on) is the claim: one
// writer wins.

std::vector<StandingOrder> SqliteStore::list_standing_orders(std::string_view user_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteStandingOrders(connection).list(user_id);
    });
}

std::optional<StandingOrder> SqliteStore::find_standing_order(std::string_view user_id,
                                                              std::string_view order_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteStandingOrders(connection).find(user_id, order_id);
    });
}

bool SqliteStore::add_standing_order(const StandingOrder& order) {
    return side_writers_.with<SqliteStandingOrders>(
        [&](SqliteStandingOrders& orders) { return orders.add(order); });
}

bool SqliteStore::save_standing_order(const StandingOrder& next) {
    return side_writers_.with<SqliteStandingOrders>(
        [&](SqliteStandingOrders& orders) { return orders.save(next); });
}

std::vector<StandingOrder> SqliteStore::due_standing_orders(Date through, std::size_t limit) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteStandingOrders(connection).due(through, limit);
    });
}

std::vector<Occurrence> SqliteStore::list_occurrences(std::string_view user_id,
                                                      std::string_view order_id,
                                                      std::size_t limit) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteStandingOrders(connection).occurrences(user_id, order_id, limit);
    });
}

std::optional<Occurrence> SqliteStore::find_occurrence(std::string_view user_id,
                                                       std::string_view order_id, Date due_date) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteStandingOrders(connection).find_occurrence(user_id, order_id, due_date);
    });
}

// save_occurrence is in sqlite_standing_order_batches.cpp: a batch of one, so an outcome and
// its audit event share one transaction.

}  // namespace bank
