#include "storage/dynamodb/dynamodb_recurring_decisions.hpp"

#include <stdexcept>
#include <string>

#include "storage/dynamodb/dynamodb_every_item.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace {

namespace json = boost::json;
using namespace dynamodb_items;

RecurringDecision read_decision(const json::object& item) {
    RecurringDecision decision;
    decision.user_id = text_of(item, "user_id");
    decision.recurrence_key = text_of(item, "recurrence_key");
    decision.description = text_of(item, "description");
    const auto interval = parse_recurring_interval(text_of(item, "interval"));
    const auto kind = parse_recurring_decision_kind(text_of(item, "decision"));
    if (!interval || !kind) {
        throw std::runtime_error("dynamodb: unreadable recurring decision '" +
                                 decision.recurrence_key + "'");
    }
    decision.interval = *interval;
    decision.decision = *kind;
    decision.decided_at = from_micros(number_of(item, "decided_at"));
    return decision;
}

}  // namespace

std::vector<RecurringDecision> DynamoDbRecurringDecisions::list(std::string_view user_id) {
    std::vector<RecurringDecision> decisions;
    json::object request{
        {"TableName", tables_.recurring_decisions},
        {"KeyConditionExpression", "user_id = :user"},
        {"ExpressionAttributeValues", json::object{{":user", string_value(user_id)}}},
        {"ConsistentRead", true}};
    for (const auto& item : every_item(client_, "Query", std::move(request))) {
        decisions.push_back(read_decision(item));
    }
    return decisions;  // a Query answers in sort key order: by recurrence key
}

void DynamoDbRecurringDecisions::put(const RecurringDecision& decision) {
    client_.call(
        "PutItem",
        json::object{
            {"TableName", tables_.recurring_decisions},
            {"Item", json::object{{"user_id", string_value(decision.user_id)},
                                  {"recurrence_key", string_value(decision.recurrence_key)},
                                  {"description", string_value(decision.description)},
                                  {"interval", string_value(to_string(decision.interval))},
                                  {"decision", string_value(to_string(decision.decision))},
                                  {"decided_at", number_value(to_micros(decision.decided_at))}}}});
}

bool DynamoDbRecurringDecisions::remove(std::string_view user_id, std::string_view recurrence_key) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "DeleteItem",
        json::object{{"TableName", tables_.recurring_decisions},
                     {"Key", json::object{{"user_id", string_value(user_id)},
                                          {"recurrence_key", string_value(recurrence_key)}}},
                     {"ConditionExpression", "attribute_exists(recurrence_key)"}});
}

}  // namespace bank
