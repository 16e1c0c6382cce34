// DynamoDbStore's NotificationStore role, kept out of dynamodb_store.cpp.
#include <boost/json.hpp>

#include "storage/dynamodb/dynamodb_notifications.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

std::vector<AlertRule> DynamoDbStore::list_alert_rules(std::string_view user_id) {
    return DynamoDbNotifications(client_, tables_).rules(user_id);
}

bool DynamoDbStore::any_alert_rule() { return any_item(tables_.alert_rules); }

// A page cut before its one item (LastEvaluatedKey without Items) counts as an item: the caller
// then runs one pass that finds out, rather than missing a rule.
bool DynamoDbStore::any_item(const std::string& table) {
    const boost::json::object answer =
        client_.call("Scan", boost::json::object{{"TableName", table},
                                                 {"Limit", 1},
                                                 {"ProjectionExpression", "user_id"},
                                                 {"ConsistentRead", true}});
    return !answer.at("Items").as_array().empty() || answer.contains("LastEvaluatedKey");
}

bool DynamoDbStore::add_alert_rule(const AlertRule& rule) {
    return DynamoDbNotifications(client_, tables_).add_rule(rule);
}

bool DynamoDbStore::remove_alert_rule(std::string_view user_id, std::string_view rule_id) {
    return DynamoDbNotifications(client_, tables_).remove_rule(user_id, rule_id);
}

bool DynamoDbStore::add_notification(const Notification& notification) {
    return DynamoDbNotifications(client_, tables_).add(notification);
}

std::vector<Notification> DynamoDbStore::list_notifications(std::string_view user_id,
                                                            std::size_t limit) {
    return DynamoDbNotifications(client_, tables_).newest(user_id, limit);
}

std::size_t DynamoDbStore::count_unread_notifications(std::string_view user_id) {
    return DynamoDbNotifications(client_, tables_).unread(user_id);
}

bool DynamoDbStore::mark_notification_read(std::string_view user_id,
                                           std::string_view notification_id) {
    return DynamoDbNotifications(client_, tables_).mark_read(user_id, notification_id);
}

void DynamoDbStore::trim_notifications(std::string_view user_id, std::size_t keep) {
    DynamoDbNotifications(client_, tables_).trim(user_id, keep);
}

AlertCursor DynamoDbStore::find_alert_cursor() {
    return DynamoDbNotifications(client_, tables_).cursor();
}

bool DynamoDbStore::save_alert_cursor(const AlertCursor& next) {
    return DynamoDbNotifications(client_, tables_).save_cursor(next);
}

}  // namespace bank
