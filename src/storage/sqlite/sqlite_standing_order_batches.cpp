// SqliteStore's batch calls of the StandingOrderStore role (the scheduler's): a batch of
// conditional writes is one transaction, so one commit, instead of a commit per statement;
// a round's outcomes and next dates are one transaction together (finish_occurrences), and
// each outcome's audit event is written in the outcome's transaction (issue 14).
#include "storage/sqlite/sqlite_standing_orders.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

namespace {

// As write_standing_orders in sqlite_store_standing_orders.cpp (a side writer, outside the
// ledger writer's queue: no money moves), but every statement of the batch in one
// BEGIN IMMEDIATE ... COMMIT. Each statement keeps its own condition, so a refused element
// changes nothing and the others still commit.
template <typename Item, typename Write>
std::vector<bool> write_in_one_transaction(SqliteConnectionPool& side_writers,
                                           const std::vector<Item>& items, Write write) {
    std::vector<bool> written(items.size(), false);
    if (items.empty()) return written;
    side_writers.with_connection([&](SqliteConnection& connection) {
        SqliteStandingOrders orders(connection);
        connection.execute("BEGIN IMMEDIATE");
        try {
            for (std::size_t index = 0; index < items.size(); ++index) {
                written[index] = write(orders, items[index]);
            }
            orders.trim_audit_logs();
            connection.execute("COMMIT");
        } catch (...) {
            if (connection.in_transaction()) connection.execute("ROLLBACK");
            throw;
        }
    });
    return written;
}

}  // namespace

std::vector<std::optional<Occurrence>> SqliteStore::find_occurrences(
    const std::vector<OccurrenceId>& ids) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        SqliteStandingOrders orders(connection);
        std::vector<std::optional<Occurrence>> found;
        found.reserve(ids.size());
        for (const auto& id : ids) {
            found.push_back(orders.find_occurrence(id.user_id, id.standing_order_id, id.due_date));
        }
        return found;
    });
}

std::vector<bool> SqliteStore::save_occurrences(const std::vector<Occurrence>& next) {
    return write_in_one_transaction(side_writers_, next,
                                    [](SqliteStandingOrders& orders, const Occurrence& occurrence) {
                                        return orders.save_occurrence(occurrence);
                                    });
}

// One occurrence is a batch of one: its outcome's audit event goes in the same transaction.
bool SqliteStore::save_occurrence(const Occurrence& next) {
    return save_occurrences({next}).front();
}

std::vector<bool> SqliteStore::save_standing_orders(const std::vector<StandingOrder>& next) {
    return write_in_one_transaction(side_writers_, next,
                                    [](SqliteStandingOrders& orders, const StandingOrder& order) {
                                        return orders.save(order);
                                    });
}

std::vector<OccurrenceFinished> SqliteStore::finish_occurrences(
    const std::vector<OccurrenceFinish>& finishes) {
    std::vector<OccurrenceFinished> finished;
    finished.reserve(finishes.size());
    // Called once per element, in order: each adds its own answer.
    write_in_one_transaction(
        side_writers_, finishes,
        [&finished](SqliteStandingOrders& orders, const OccurrenceFinish& finish) {
            OccurrenceFinished& result = finished.emplace_back();
            result.outcome_saved = !finish.outcome || orders.save_occurrence(*finish.outcome);
            result.order_saved = result.outcome_saved && finish.next && orders.save(*finish.next);
            return result.outcome_saved;
        });
    return finished;
}

}  // namespace bank
