#include "storage/dynamodb/dynamodb_goals.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "ledger/standing_order.hpp"
#include "storage/dynamodb/dynamodb_every_item.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace {

namespace json = boost::json;
using namespace dynamodb_items;

json::object goal_key(const SavingsGoal& goal) {
    return json::object{{"user_id", string_value(goal.user_id)},
                        {"goal_id", string_value(goal.goal_id)}};
}

json::object goal_item(const SavingsGoal& goal) {
    json::object item = goal_key(goal);
    item["account_id"] = string_value(goal.account_id);
    item["name"] = string_value(goal.name);
    item["target_cents"] = number_value(goal.target.cents());
    item["target_date"] = string_value(iso_date(goal.target_date));
    // Empty when the automatic transfer is off (an attribute of its own stays simple to read).
    item["standing_order_id"] = string_value(goal.standing_order_id.value_or(""));
    item["created_at"] = number_value(to_micros(goal.created_at));
    item["updated_at"] = number_value(to_micros(goal.updated_at));
    item["version"] = number_value(goal.version);
    return item;
}

SavingsGoal read_goal(const json::object& item) {
    SavingsGoal goal;
    goal.user_id = text_of(item, "user_id");
    goal.goal_id = text_of(item, "goal_id");
    goal.account_id = text_of(item, "account_id");
    goal.name = text_of(item, "name");
    goal.target = Money::from_cents(number_of(item, "target_cents"));
    const auto target_date = parse_iso_date(text_of(item, "target_date"));
    if (!target_date) {
        throw std::runtime_error("dynamodb: bad goal date '" + text_of(item, "target_date") + "'");
    }
    goal.target_date = *target_date;
    const std::string order = text_of(item, "standing_order_id");
    if (!order.empty()) goal.standing_order_id = order;
    goal.created_at = from_micros(number_of(item, "created_at"));
    goal.updated_at = from_micros(number_of(item, "updated_at"));
    goal.version = number_of(item, "version");
    return goal;
}

}  // namespace

std::vector<SavingsGoal> DynamoDbGoals::list(std::string_view user_id) {
    std::vector<SavingsGoal> goals;
    json::object request{
        {"TableName", tables_.goals},
        {"KeyConditionExpression", "user_id = :user"},
        {"ExpressionAttributeValues", json::object{{":user", string_value(user_id)}}},
        {"ConsistentRead", true}};
    for (const auto& item : every_item(client_, "Query", std::move(request))) {
        goals.push_back(read_goal(item));
    }
    std::sort(goals.begin(), goals.end(), [](const SavingsGoal& left, const SavingsGoal& right) {
        if (left.created_at != right.created_at) return left.created_at < right.created_at;
        return left.goal_id < right.goal_id;
    });
    return goals;
}

std::optional<SavingsGoal> DynamoDbGoals::find(std::string_view user_id, std::string_view goal_id) {
    const auto answer = client_.call(
        "GetItem", json::object{{"TableName", tables_.goals},
                                {"Key", json::object{{"user_id", string_value(user_id)},
                                                     {"goal_id", string_value(goal_id)}}},
                                {"ConsistentRead", true}});
    const auto* item = answer.if_contains("Item");
    if (item == nullptr || !item->is_object()) return std::nullopt;
    return read_goal(item->as_object());
}

bool DynamoDbGoals::add(const SavingsGoal& goal) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "PutItem",
        json::object{{"TableName", tables_.goals},
                     {"Item", goal_item(goal)},
                     {"ConditionExpression", "attribute_not_exists(goal_id)"}});
}

bool DynamoDbGoals::save(const SavingsGoal& next) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "PutItem",
        json::object{{"TableName", tables_.goals},
                     {"Item", goal_item(next)},
                     {"ConditionExpression", "version = :previous"},
                     {"ExpressionAttributeValues",
                      json::object{{":previous", number_value(next.version - 1)}}}});
}

bool DynamoDbGoals::remove(const SavingsGoal& current) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "DeleteItem",
        json::object{{"TableName", tables_.goals},
                     {"Key", goal_key(current)},
                     {"ConditionExpression", "version = :current"},
                     {"ExpressionAttributeValues",
                      json::object{{":current", number_value(current.version)}}}});
}

}  // namespace bank
