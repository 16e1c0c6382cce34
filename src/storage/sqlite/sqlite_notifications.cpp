#include "storage/sqlite/sqlite_notifications.hpp"

#include <stdexcept>
#include <string>

namespace bank {

namespace {

constexpr const char* rule_columns =
    "rule_id, user_id, kind, has_threshold, threshold_cents, email, created_at";
constexpr const char* notification_columns =
    "notification_id, user_id, rule_id, kind, subject_id, message, created_at, read";

AlertKind kind_of(const std::string& text) {
    const auto kind = parse_alert_kind(text);
    if (!kind) throw std::runtime_error("sqlite: unknown alert kind '" + text + "'");
    return *kind;
}

AlertRule read_rule(const SqliteQuery& query) {
    AlertRule rule;
    rule.rule_id = query.text(0);
    rule.user_id = query.text(1);
    rule.kind = kind_of(query.text(2));
    if (query.integer(3) != 0) rule.threshold = Money::from_cents(query.integer(4));
    rule.email = query.integer(5) != 0;
    rule.created_at = from_micros(query.integer(6));
    return rule;
}

Notification read_notification(const SqliteQuery& query) {
    Notification notification;
    notification.notification_id = query.text(0);
    notification.user_id = query.text(1);
    notification.rule_id = query.text(2);
    notification.kind = kind_of(query.text(3));
    notification.subject_id = query.text(4);
    notification.message = query.text(5);
    notification.created_at = from_micros(query.integer(6));
    notification.read = query.integer(7) != 0;
    return notification;
}

constexpr const char* cursor_name = "alerts";

}  // namespace

std::vector<AlertRule> SqliteNotifications::rules(std::string_view user_id) {
    auto query = connection_.query(std::string("SELECT ") + rule_columns +
                                   " FROM alert_rules WHERE user_id = ? ORDER BY created_at, "
                                   "rule_id");
    query.bind(user_id);
    std::vector<AlertRule> rules;
    while (query.step()) rules.push_back(read_rule(query));
    return rules;
}

bool SqliteNotifications::add_rule(const AlertRule& rule) {
    connection_
        .query(std::string("INSERT INTO alert_rules (") + rule_columns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bind(rule.rule_id)
        .bind(rule.user_id)
        .bind(to_string(rule.kind))
        .bind(std::int64_t{rule.threshold ? 1 : 0})
        .bind(rule.threshold ? rule.threshold->cents() : 0)
        .bind(std::int64_t{rule.email ? 1 : 0})
        .bind(to_micros(rule.created_at))
        .run();
    return connection_.changes() == 1;
}

bool SqliteNotifications::remove_rule(std::string_view user_id, std::string_view rule_id) {
    connection_.query("DELETE FROM alert_rules WHERE rule_id = ? AND user_id = ?")
        .bind(rule_id)
        .bind(user_id)
        .run();
    return connection_.changes() == 1;
}

bool SqliteNotifications::add(const Notification& notification) {
    connection_
        .query(std::string("INSERT INTO notifications (") + notification_columns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bind(notification.notification_id)
        .bind(notification.user_id)
        .bind(notification.rule_id)
        .bind(to_string(notification.kind))
        .bind(notification.subject_id)
        .bind(notification.message)
        .bind(to_micros(notification.created_at))
        .bind(std::int64_t{notification.read ? 1 : 0})
        .run();
    return connection_.changes() == 1;
}

std::vector<Notification> SqliteNotifications::newest(std::string_view user_id, std::size_t limit) {
    auto query = connection_.query(std::string("SELECT ") + notification_columns +
                                   " FROM notifications WHERE user_id = ? ORDER BY created_at "
                                   "DESC, notification_id DESC LIMIT ?");
    query.bind(user_id).bind(static_cast<std::int64_t>(limit));
    std::vector<Notification> notifications;
    while (query.step()) notifications.push_back(read_notification(query));
    return notifications;
}

std::size_t SqliteNotifications::unread(std::string_view user_id) {
    auto query =
        connection_.query("SELECT count(*) FROM notifications WHERE user_id = ? AND read = 0");
    query.bind(user_id);
    return query.step() ? static_cast<std::size_t>(query.integer(0)) : 0;
}

bool SqliteNotifications::mark_read(std::string_view user_id, std::string_view notification_id) {
    connection_.query("UPDATE notifications SET read = 1 WHERE notification_id = ? AND user_id = ?")
        .bind(notification_id)
        .bind(user_id)
        .run();
    return connection_.changes() == 1;
}

void SqliteNotifications::trim(std::string_view user_id, std::size_t keep) {
    connection_
        .query(
            "DELETE FROM notifications WHERE user_id = ? AND notification_id NOT IN (SELECT "
            "notification_id FROM notifications WHERE user_id = ? ORDER BY created_at DESC, "
            "notification_id DESC LIMIT ?)")
        .bind(user_id)
        .bind(user_id)
        .bind(static_cast<std::int64_t>(keep))
        .run();
}

AlertCursor SqliteNotifications::cursor() {
    auto query = connection_.query("SELECT position, version FROM alert_cursor WHERE name = ?");
    query.bind(cursor_name);
    if (!query.step()) return {};
    return AlertCursor{query.text(0), query.integer(1)};
}

bool SqliteNotifications::save_cursor(const AlertCursor& next) {
    if (next.version == 1) {
        connection_
            .query(
                "INSERT INTO alert_cursor (name, position, version) VALUES (?, ?, 1) ON "
                "CONFLICT DO NOTHING")
            .bind(cursor_name)
            .bind(next.position)
            .run();
    } else {
        connection_
            .query(
                "UPDATE alert_cursor SET position = ?, version = ? WHERE name = ? AND version = ?")
            .bind(next.position)
            .bind(next.version)
            .bind(cursor_name)
            .bind(next.version - 1)
            .run();
    }
    return connection_.changes() == 1;
}

}  // namespace bank
