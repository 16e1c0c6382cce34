// SqliteStore's NotificationStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_notifications.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

// As the budgets: each write borrows a side writer (side_writers_.with), which takes SQLite's write
// lock for this one conditional statement, outside the ledger writer's queue (no money moves).

std::vector<AlertRule> SqliteStore::list_alert_rules(std::string_view user_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteNotifications(connection).rules(user_id);
    });
}

bool SqliteStore::any_alert_rule() {
    return readers_.with_connection([](SqliteConnection& connection) {
        auto select = connection.query("SELECT EXISTS (SELECT 1 FROM alert_rules)");
        return select.step() && select.integer(0) != 0;
    });
}

bool SqliteStore::add_alert_rule(const AlertRule& rule) {
    return side_writers_.with<SqliteNotifications>(
        [&](SqliteNotifications& store) { return store.add_rule(rule); });
}

bool SqliteStore::remove_alert_rule(std::string_view user_id, std::string_view rule_id) {
    return side_writers_.with<SqliteNotifications>(
        [&](SqliteNotifications& store) { return store.remove_rule(user_id, rule_id); });
}

bool SqliteStore::add_notification(const Notification& notification) {
    return side_writers_.with<SqliteNotifications>(
        [&](SqliteNotifications& store) { return store.add(notification); });
}

std::vector<Notification> SqliteStore::list_notifications(std::string_view user_id,
                                                          std::size_t limit) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteNotifications(connection).newest(user_id, limit);
    });
}

std::size_t SqliteStore::count_unread_notifications(std::string_view user_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteNotifications(connection).unread(user_id);
    });
}

bool SqliteStore::mark_notification_read(std::string_view user_id,
                                         std::string_view notification_id) {
    return side_writers_.with<SqliteNotifications>(
        [&](SqliteNotifications& store) { return store.mark_read(user_id, notification_id); });
}

void SqliteStore::trim_notifications(std::string_view user_id, std::size_t keep) {
    side_writers_.with<SqliteNotifications>([&](SqliteNotifications& store) {
        store.trim(user_id, keep);
        return true;
    });
}

AlertCursor SqliteStore::find_alert_cursor() {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return SqliteNotifications(connection).cursor(); });
}

bool SqliteStore::save_alert_cursor(const AlertCursor& next) {
    return side_writers_.with<SqliteNotifications>(
        [&](SqliteNotifications& store) { return store.save_cursor(next); });
}

}  // namespace bank
