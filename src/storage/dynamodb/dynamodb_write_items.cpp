#include "storage/dynamodb/dynamodb_write_items.hpp"

#include "core/random.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"

namespace bank::dynamodb_writes {

namespace json = boost::json;

namespace {

void add_expression_parts(json::object& operation, std::string_view condition, json::object names,
                          json::object values) {
    if (!condition.empty()) operation["ConditionExpression"] = condition;
    if (!names.empty()) operation["ExpressionAttributeNames"] = std::move(names);
    if (!values.empty()) operation["ExpressionAttributeValues"] = std::move(values);
}

}  // namespace

json::object put(const std::string& table, json::object item, std::string_view condition,
                 json::object names, json::object values) {
    json::object operation{{"TableName", table}, {"Item", std::move(item)}};
    add_expression_parts(operation, condition, std::move(names), std::move(values));
    return json::object{{"Put", std::move(operation)}};
}

json::object update(const std::string& table, json::object key, std::string_view update_expression,
                    std::string_view condition, json::object names, json::object values) {
    json::object operation{
        {"TableName", table}, {"Key", std::move(key)}, {"UpdateExpression", update_expression}};
    add_expression_parts(operation, condition, std::move(names), std::move(values));
    return json::object{{"Update", std::move(operation)}};
}

json::object remove(const std::string& table, json::object key, std::string_view condition) {
    json::object operation{{"TableName", table}, {"Key", std::move(key)}};
    add_expression_parts(operation, condition, {}, {});
    return json::object{{"Delete", std::move(operation)}};
}

void transact(DynamoDbClient& client, json::array items, RetryBudget& budget) {
    // new_id() is 32 hex digits; DynamoDB takes tokens of up to 36 characters.
    client.call("TransactWriteItems",
                json::object{{"TransactItems", std::move(items)}, {"ClientRequestToken", new_id()}},
                budget);
}

bool transact_if_conditions_hold(DynamoDbClient& client, json::array items, RetryBudget& budget) {
    try {
        transact(client, std::move(items), budget);
    } catch (const DynamoDbError& error) {
        if (error.is_transaction_canceled() && error.failed_condition_index() >= 0) return false;
        throw;
    }
    return true;
}

bool call_if_condition_holds(DynamoDbClient& client, std::string_view operation,
                             const json::object& request) {
    try {
        client.call(operation, request);
    } catch (const DynamoDbError& error) {
        if (error.is_conditional_check_failed()) return false;
        throw;
    }
    return true;
}

bool put_at_version(DynamoDbClient& client, const std::string& table, json::object item,
                    std::string_view key_attribute, std::int64_t version) {
    json::object request{{"TableName", table}, {"Item", std::move(item)}};
    if (version == 1) {
        request["ConditionExpression"] = "attribute_not_exists(" + std::string(key_attribute) + ")";
    } else {
        request["ConditionExpression"] = "version = :previous";
        request["ExpressionAttributeValues"] =
            json::object{{":previous", dynamodb_items::number_value(version - 1)}};
    }
    return call_if_condition_holds(client, "PutItem", request);
}

}  // namespace bank::dynamodb_writes
