#include "storage/sqlite/sqlite_standing_orders.hpp"

#include <string>

#include "core/limits.hpp"
#include "ledger/standing_order_commands.hpp"
#include "storage/sqlite/sqlite_audit_log.hpp"

namespace bank {

namespace {

constexpr const char* order_columns =
    "standing_order_id, user_id, from_account_id, to_account_number, amount, description, "
    "category, start_date, rrule, status, next_due, created_at, updated_at, version";

constexpr const char* occurrence_columns =
    "standing_order_id, due_date, user_id, status, attempts, transaction_id, detail, "
    "claimed_at, claimed_until, updated_at, version";

// Dates are kept as ISO text, which sorts as the dates do; '' is "none left".
Date stored_date(const std::string& text) { return parse_iso_date(text).value_or(Date{}); }

StandingOrder read_order(const SqliteQuery& query) {
    StandingOrder order;
    order.standing_order_id = query.text(0);
    order.user_id = query.text(1);
    order.from_account_id = query.text(2);
    order.to_account_number = query.text(3);
    order.amount = Money::from_cents(query.integer(4));
    order.description = query.text(5);
    order.category = query.text(6);
    order.start_date = stored_date(query.text(7));
    order.rrule = query.text(8);
    order.status = standing_order_status_named(query.text(9)).value_or(StandingOrderStatus::paused);
    order.next_due = parse_iso_date(query.text(10));
    order.created_at = from_micros(query.integer(11));
    order.updated_at = from_micros(query.integer(12));
    order.version = query.integer(13);
    return order;
}

OccurrenceStatus occurrence_status_named(const std::string& name) {
    for (const auto status :
         {OccurrenceStatus::claimed, OccurrenceStatus::posted, OccurrenceStatus::retrying,
          OccurrenceStatus::failed, OccurrenceStatus::skipped}) {
        if (to_string(status) == name) return status;
    }
    return OccurrenceStatus::failed;
}

Occurrence read_occurrence(const SqliteQuery& query) {
    Occurrence occurrence;
    occurrence.standing_order_id = query.text(0);
    occurrence.due_date = stored_date(query.text(1));
    occurrence.user_id = query.text(2);
    occurrence.status = occurrence_status_named(query.text(3));
    occurrence.attempts = query.integer(4);
    occurrence.transaction_id = query.text(5);
    occurrence.detail = query.text(6);
    occurrence.claimed_at = from_micros(query.integer(7));
    occurrence.claimed_until = from_micros(query.integer(8));
    occurrence.updated_at = from_micros(query.integer(9));
    occurrence.version = query.integer(10);
    return occurrence;
}

std::string next_due_text(const StandingOrder& order) {
    return order.next_due ? iso_date(*order.next_due) : std::string();
}

}  // namespace

std::vector<StandingOrder> SqliteStandingOrders::list(std::string_view user_id) {
    auto query = connection_.query(std::string("SELECT ") + order_columns +
                                   " FROM standing_orders WHERE user_id = ? "
                                   "ORDER BY created_at, standing_order_id");
    query.bind(user_id);
    std::vector<StandingOrder> orders;
    while (query.step()) orders.push_back(read_order(query));
    return orders;
}

std::optional<StandingOrder> SqliteStandingOrders::find(std::string_view user_id,
                                                        std::string_view order_id) {
    auto query = connection_.query(std::string("SELECT ") + order_columns +
                                   " FROM standing_orders WHERE standing_order_id = ? "
                                   "AND user_id = ?");
    query.bind(order_id).bind(user_id);
    if (!query.step()) return std::nullopt;
    return read_order(query);
}

bool SqliteStandingOrders::add(const StandingOrder& order) {
    connection_
        .query(std::string("INSERT INTO standing_orders (") + order_columns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
               "ON CONFLICT (standing_order_id) DO NOTHING")
        .bind(order.standing_order_id)
        .bind(order.user_id)
        .bind(order.from_account_id)
        .bind(order.to_account_number)
        .bind(order.amount.cents())
        .bind(order.description)
        .bind(order.category)
        .bind(iso_date(order.start_date))
        .bind(order.rrule)
        .bind(to_string(order.status))
        .bind(next_due_text(order))
        .bind(to_micros(order.created_at))
        .bind(to_micros(order.updated_at))
        .run();
    return connection_.changes() == 1;
}

bool SqliteStandingOrders::save(const StandingOrder& next) {
    connection_
        .query(
            "UPDATE standing_orders SET amount = ?, description = ?, rrule = ?, status = ?, "
            "next_due = ?, updated_at = ?, version = ? "
            "WHERE standing_order_id = ? AND user_id = ? AND version = ?")
        .bind(next.amount.cents())
        .bind(next.description)
        .bind(next.rrule)
        .bind(to_string(next.status))
        .bind(next_due_text(next))
        .bind(to_micros(next.updated_at))
        .bind(next.version)
        .bind(next.standing_order_id)
        .bind(next.user_id)
        .bind(next.version - 1)
        .run();
    return connection_.changes() == 1;
}

std::vector<StandingOrder> SqliteStandingOrders::due(Date through, std::size_t limit) {
    auto query = connection_.query(std::string("SELECT ") + order_columns +
                                   " FROM standing_orders WHERE status = 'active' AND "
                                   "next_due != '' AND next_due <= ? ORDER BY next_due LIMIT ?");
    query.bind(iso_date(through)).bind(static_cast<std::int64_t>(limit));
    std::vector<StandingOrder> orders;
    while (query.step()) orders.push_back(read_order(query));
    return orders;
}

std::vector<Occurrence> SqliteStandingOrders::occurrences(std::string_view user_id,
                                                          std::string_view order_id,
                                                          std::size_t limit) {
    auto query = connection_.query(std::string("SELECT ") + occurrence_columns +
                                   " FROM standing_order_occurrences WHERE standing_order_id = ? "
                                   "AND user_id = ? ORDER BY due_date DESC LIMIT ?");
    query.bind(order_id).bind(user_id).bind(static_cast<std::int64_t>(limit));
    std::vector<Occurrence> occurrences;
    while (query.step()) occurrences.push_back(read_occurrence(query));
    return occurrences;
}

std::optional<Occurrence> SqliteStandingOrders::find_occurrence(std::string_view user_id,
                                                                std::string_view order_id,
                                                                Date due_date) {
    auto query = connection_.query(std::string("SELECT ") + occurrence_columns +
                                   " FROM standing_order_occurrences WHERE standing_order_id = ? "
                                   "AND due_date = ? AND user_id = ?");
    query.bind(order_id).bind(iso_date(due_date)).bind(user_id);
    if (!query.step()) return std::nullopt;
    return read_occurrence(query);
}

bool SqliteStandingOrders::save_occurrence(const Occurrence& next) {
    // A first version is an insert that loses to any row already there (another claim); a
    // later one an update over the version it was decided on.
    const std::string sql =
        next.version == 1
            ? std::string("INSERT INTO standing_order_occurrences (") + occurrence_columns +
                  ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (standing_order_id, due_date) DO NOTHING"
            : std::string(
                  "UPDATE standing_order_occurrences SET standing_order_id = ?, "
                  "due_date = ?, user_id = ?, status = ?, attempts = ?, "
                  "transaction_id = ?, detail = ?, claimed_at = ?, claimed_until = ?, "
                  "updated_at = ?, version = ? WHERE standing_order_id = ?1 AND "
                  "due_date = ?2 AND version = ?11 - 1");
    connection_.query(sql)
        .bind(next.standing_order_id)
        .bind(iso_date(next.due_date))
        .bind(next.user_id)
        .bind(to_string(next.status))
        .bind(next.attempts)
        .bind(next.transaction_id)
        .bind(next.detail)
        .bind(to_micros(next.claimed_at))
        .bind(to_micros(next.claimed_until))
        .bind(to_micros(next.updated_at))
        .bind(next.version)
        .run();
    if (connection_.changes() != 1) return false;
    const auto event = plan_occurrence_event(next);
    if (event && SqliteAuditLog(connection_).insert_if_absent(*event)) {
        audited_.insert(event->user_id);
    }
    return true;
}

void SqliteStandingOrders::trim_audit_logs() {
    SqliteAuditLog log(connection_);
    for (const std::string& person : audited_) {
        log.trim(person, limits::audit_events_per_user_max);
    }
    audited_.clear();
}

}  // namespace bank
