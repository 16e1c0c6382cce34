#include "storage/dynamodb/dynamodb_budgets.hpp"

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

std::string budget_key_of(const Budget& budget) {
    return budget.category + "#" + (budget.month.empty() ? std::string("every") : budget.month);
}

json::object budget_item(const Budget& budget) {
    return json::object{{"user_id", string_value(budget.user_id)},
                        {"budget_key", string_value(budget_key_of(budget))},
                        {"budget_id", string_value(budget.budget_id)},
                        {"category", string_value(budget.category)},
                        {"month", string_value(budget.month)},
                        {"start_month", string_value(budget.start_month)},
                        {"amount_cents", number_value(budget.amount.cents())},
                        {"rollover", string_value(to_string(budget.rollover))},
                        {"created_at", number_value(to_micros(budget.created_at))},
                        {"updated_at", number_value(to_micros(budget.updated_at))},
                        {"version", number_value(budget.version)}};
}

Budget read_budget(const json::object& item) {
    Budget budget;
    budget.user_id = text_of(item, "user_id");
    budget.budget_id = text_of(item, "budget_id");
    budget.category = text_of(item, "category");
    budget.month = text_of(item, "month");
    budget.start_month = text_of(item, "start_month");
    budget.amount = Money::from_cents(number_of(item, "amount_cents"));
    const auto rollover = parse_budget_rollover(text_of(item, "rollover"));
    if (!rollover) {
        throw std::runtime_error("dynamodb: unknown rollover '" + text_of(item, "rollover") + "'");
    }
    budget.rollover = *rollover;
    budget.created_at = from_micros(number_of(item, "created_at"));
    budget.updated_at = from_micros(number_of(item, "updated_at"));
    budget.version = number_of(item, "version");
    return budget;
}

}  // namespace

std::vector<Budget> DynamoDbBudgets::list(std::string_view user_id) {
    std::vector<Budget> budgets;
    json::object request{
        {"TableName", tables_.budgets},
        {"KeyConditionExpression", "user_id = :user"},
        {"ExpressionAttributeValues", json::object{{":user", string_value(user_id)}}},
        {"ConsistentRead", true}};
    for (const auto& item : every_item(client_, "Query", std::move(request))) {
        budgets.push_back(read_budget(item));
    }
    std::sort(budgets.begin(), budgets.end(), [](const Budget& left, const Budget& right) {
        if (left.created_at != right.created_at) return left.created_at < right.created_at;
        return left.budget_id < right.budget_id;
    });
    return budgets;
}

std::optional<Budget> DynamoDbBudgets::find(std::string_view user_id, std::string_view budget_id) {
    for (Budget& budget : list(user_id)) {
        if (budget.budget_id == budget_id) return std::move(budget);
    }
    return std::nullopt;
}

bool DynamoDbBudgets::add(const Budget& budget) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "PutItem",
        json::object{{"TableName", tables_.budgets},
                     {"Item", budget_item(budget)},
                     {"ConditionExpression", "attribute_not_exists(budget_key)"}});
}

bool DynamoDbBudgets::save(const Budget& next) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "PutItem",
        json::object{{"TableName", tables_.budgets},
                     {"Item", budget_item(next)},
                     {"ConditionExpression", "version = :previous AND budget_id = :id"},
                     {"ExpressionAttributeValues",
                      json::object{{":previous", number_value(next.version - 1)},
                                   {":id", string_value(next.budget_id)}}}});
}

bool DynamoDbBudgets::remove(const Budget& current) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "DeleteItem",
        json::object{
            {"TableName", tables_.budgets},
            {"Key", json::object{{"user_id", string_value(current.user_id)},
                                 {"budget_key", string_value(budget_key_of(current))}}},
            {"ConditionExpression", "version = :current AND budget_id = :id"},
            {"ExpressionAttributeValues", json::object{{":current", number_value(current.version)},
                                                       {":id", string_value(current.budget_id)}}}});
}

}  // namespace bank
