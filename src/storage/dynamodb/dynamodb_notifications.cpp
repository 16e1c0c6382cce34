#include "storage/dynamodb/dynamodb_notifications.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "storage/dynamodb/dynamodb_every_item.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace {

namespace json = boost::json;
using namespace dynamodb_items;

constexpr const char* cursor_user = "#alert-cursor";
constexpr const char* cursor_key = "cursor";

AlertKind kind_of(const std::string& text) {
    const auto kind = parse_alert_kind(text);
    if (!kind) throw std::runtime_error("dynamodb: unknown alert kind '" + text + "'");
    return *kind;
}

json::object alert_rule_item(const AlertRule& rule) {
    json::object item{{"user_id", string_value(rule.user_id)},
                      {"rule_id", string_value(rule.rule_id)},
                      {"kind", string_value(to_string(rule.kind))},
                      {"email", number_value(rule.email ? 1 : 0)},
                      {"created_at", number_value(to_micros(rule.created_at))}};
    if (rule.threshold) item["threshold_cents"] = number_value(rule.threshold->cents());
    return item;
}

AlertRule read_alert_rule(const json::object& item) {
    AlertRule rule;
    rule.user_id = text_of(item, "user_id");
    rule.rule_id = text_of(item, "rule_id");
    rule.kind = kind_of(text_of(item, "kind"));
    if (item.contains("threshold_cents")) {
        rule.threshold = Money::from_cents(number_of(item, "threshold_cents"));
    }
    rule.email = number_of(item, "email") != 0;
    rule.created_at = from_micros(number_of(item, "created_at"));
    return rule;
}

json::object notification_item(const Notification& notification) {
    return json::object{{"user_id", string_value(notification.user_id)},
                        {"notification_id", string_value(notification.notification_id)},
                        {"rule_id", string_value(notification.rule_id)},
                        {"kind", string_value(to_string(notification.kind))},
                        {"subject_id", string_value(notification.subject_id)},
                        {"message", string_value(notification.message)},
                        {"created_at", number_value(to_micros(notification.created_at))},
                        {"is_read", number_value(notification.read ? 1 : 0)}};
}

Notification read_notification(const json::object& item) {
    Notification notification;
    notification.user_id = text_of(item, "user_id");
    notification.notification_id = text_of(item, "notification_id");
    notification.rule_id = text_of(item, "rule_id");
    notification.kind = kind_of(text_of(item, "kind"));
    notification.subject_id = text_of(item, "subject_id");
    notification.message = text_of(item, "message");
    notification.created_at = from_micros(number_of(item, "created_at"));
    notification.read = number_of(item, "is_read") != 0;
    return notification;
}

json::object of_user(const std::string& table, std::string_view user_id) {
    return json::object{
        {"TableName", table},
        {"KeyConditionExpression", "user_id = :user"},
        {"ExpressionAttributeValues", json::object{{":user", string_value(user_id)}}},
        {"ConsistentRead", true}};
}

bool newer(const Notification& left, const Notification& right) {
    if (left.created_at != right.created_at) return left.created_at > right.created_at;
    return left.notification_id > right.notification_id;
}

}  // namespace

std::vector<AlertRule> DynamoDbNotifications::rules(std::string_view user_id) {
    std::vector<AlertRule> rules;
    for (const auto& item : every_item(client_, "Query", of_user(tables_.alert_rules, user_id))) {
        rules.push_back(read_alert_rule(item));
    }
    std::sort(rules.begin(), rules.end(), [](const AlertRule& left, const AlertRule& right) {
        if (left.created_at != right.created_at) return left.created_at < right.created_at;
        return left.rule_id < right.rule_id;
    });
    return rules;
}

bool DynamoDbNotifications::add_rule(const AlertRule& rule) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "PutItem",
        json::object{{"TableName", tables_.alert_rules},
                     {"Item", alert_rule_item(rule)},
                     {"ConditionExpression", "attribute_not_exists(rule_id)"}});
}

bool DynamoDbNotifications::remove_rule(std::string_view user_id, std::string_view rule_id) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "DeleteItem",
        json::object{{"TableName", tables_.alert_rules},
                     {"Key", json::object{{"user_id", string_value(user_id)},
                                          {"rule_id", string_value(rule_id)}}},
                     {"ConditionExpression", "attribute_exists(rule_id)"}});
}

bool DynamoDbNotifications::add(const Notification& notification) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "PutItem",
        json::object{{"TableName", tables_.notifications},
                     {"Item", notification_item(notification)},
                     {"ConditionExpression", "attribute_not_exists(notification_id)"}});
}

std::vector<Notification> DynamoDbNotifications::all_of(std::string_view user_id) {
    std::vector<Notification> notifications;
    for (const auto& item : every_item(client_, "Query", of_user(tables_.notifications, user_id))) {
        notifications.push_back(read_notification(item));
    }
    std::sort(notifications.begin(), notifications.end(), newer);
    return notifications;
}

std::vector<Notification> DynamoDbNotifications::newest(std::string_view user_id,
                                                        std::size_t limit) {
    std::vector<Notification> notifications = all_of(user_id);
    if (notifications.size() > limit) notifications.resize(limit);
    return notifications;
}

std::size_t DynamoDbNotifications::unread(std::string_view user_id) {
    json::object request = of_user(tables_.notifications, user_id);
    request["FilterExpression"] = "is_read = :no";
    request["ProjectionExpression"] = "notification_id";
    request["ExpressionAttributeValues"].as_object()[":no"] = number_value(0);
    return every_item(client_, "Query", std::move(request)).size();
}

bool DynamoDbNotifications::mark_read(std::string_view user_id, std::string_view notification_id) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "UpdateItem",
        json::object{{"TableName", tables_.notifications},
                     {"Key", json::object{{"user_id", string_value(user_id)},
                                          {"notification_id", string_value(notification_id)}}},
                     {"UpdateExpression", "SET is_read = :yes"},
                     {"ConditionExpression", "attribute_exists(notification_id)"},
                     {"ExpressionAttributeValues", json::object{{":yes", number_value(1)}}}});
}

void DynamoDbNotifications::trim(std::string_view user_id, std::size_t keep) {
    const std::vector<Notification> notifications = all_of(user_id);
    for (std::size_t index = keep; index < notifications.size(); ++index) {
        client_.call(
            "DeleteItem",
            json::object{
                {"TableName", tables_.notifications},
                {"Key", json::object{{"user_id", string_value(user_id)},
                                     {"notification_id",
                                      string_value(notifications[index].notification_id)}}}});
    }
}

AlertCursor DynamoDbNotifications::cursor() {
    const json::object answer = client_.call(
        "GetItem",
        json::object{{"TableName", tables_.notifications},
                     {"Key", json::object{{"user_id", string_value(cursor_user)},
                                          {"notification_id", string_value(cursor_key)}}},
                     {"ConsistentRead", true}});
    const auto* item = answer.if_contains("Item");
    if (item == nullptr || !item->is_object()) return {};
    return AlertCursor{text_of(item->as_object(), "position"),
                       number_of(item->as_object(), "version")};
}

bool DynamoDbNotifications::save_cursor(const AlertCursor& next) {
    json::object item{{"user_id", string_value(cursor_user)},
                      {"notification_id", string_value(cursor_key)},
                      {"position", string_value(next.position)},
                      {"version", number_value(next.version)}};
    return dynamodb_writes::put_at_version(client_, tables_.notifications, std::move(item),
                                           "notification_id", next.version);
}

}  // namespace bank
