#include "storage/dynamodb/dynamodb_passkeys.hpp"

#include <algorithm>

#include "storage/dynamodb/dynamodb_every_item.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace {

namespace json = boost::json;
using namespace dynamodb_items;

std::string unique_key_of(std::string_view credential_id) {
    return "passkey#" + std::string(credential_id);
}

json::object passkey_item(const Passkey& passkey) {
    return json::object{
        {"user_id", string_value(passkey.user_id)},
        {"credential_id", string_value(passkey.credential_id)},
        {"user_handle", string_value(passkey.user_handle)},
        {"public_key_cose", string_value(passkey.public_key_cose)},
        {"name", string_value(passkey.name)},
        {"sign_count", number_value(passkey.sign_count)},
        {"created_at", number_value(to_micros(passkey.created_at))},
        {"last_used_at", number_value(to_micros(passkey.last_used_at))},
        {"challenges_spent_through", number_value(to_micros(passkey.challenges_spent_through))},
        {"version", number_value(passkey.version)}};
}

Passkey read_passkey(const json::object& item) {
    Passkey passkey;
    passkey.user_id = text_of(item, "user_id");
    passkey.credential_id = text_of(item, "credential_id");
    passkey.user_handle = text_of(item, "user_handle");
    passkey.public_key_cose = text_of(item, "public_key_cose");
    passkey.name = text_of(item, "name");
    passkey.sign_count = number_of(item, "sign_count");
    passkey.created_at = from_micros(number_of(item, "created_at"));
    passkey.last_used_at = from_micros(number_of(item, "last_used_at"));
    passkey.challenges_spent_through = from_micros(number_of(item, "challenges_spent_through"));
    passkey.version = number_of(item, "version");
    return passkey;
}

json::object passkey_key(std::string_view user_id, std::string_view credential_id) {
    return json::object{{"user_id", string_value(user_id)},
                        {"credential_id", string_value(credential_id)}};
}

}  // namespace

std::vector<Passkey> DynamoDbPasskeys::list(std::string_view user_id) {
    std::vector<Passkey> passkeys;
    json::object request{
        {"TableName", tables_.passkeys},
        {"KeyConditionExpression", "user_id = :user"},
        {"ExpressionAttributeValues", json::object{{":user", string_value(user_id)}}},
        {"ConsistentRead", true}};
    for (const auto& item : every_item(client_, "Query", std::move(request))) {
        passkeys.push_back(read_passkey(item));
    }
    std::sort(passkeys.begin(), passkeys.end(), [](const Passkey& left, const Passkey& right) {
        if (left.created_at != right.created_at) return left.created_at < right.created_at;
        return left.credential_id < right.credential_id;
    });
    return passkeys;
}

std::optional<Passkey> DynamoDbPasskeys::find_owned(std::string_view user_id,
                                                    std::string_view credential_id) {
    json::object answer =
        client_.call("GetItem", json::object{{"TableName", tables_.passkeys},
                                             {"Key", passkey_key(user_id, credential_id)},
                                             {"ConsistentRead", true}});
    const auto* found = answer.if_contains("Item");
    if (found == nullptr || !found->is_object()) return std::nullopt;
    return read_passkey(found->as_object());
}

std::optional<Passkey> DynamoDbPasskeys::find(std::string_view credential_id) {
    json::object answer = client_.call(
        "GetItem",
        json::object{
            {"TableName", tables_.unique_keys},
            {"Key", json::object{{"unique_key", string_value(unique_key_of(credential_id))}}},
            {"ConsistentRead", true}});
    const auto* found = answer.if_contains("Item");
    if (found == nullptr || !found->is_object()) return std::nullopt;
    return find_owned(text_of(found->as_object(), "owner_id"), credential_id);
}

bool DynamoDbPasskeys::add(const Passkey& passkey) {
    json::array items;
    items.push_back(dynamodb_writes::put(tables_.passkeys, passkey_item(passkey),
                                         "attribute_not_exists(credential_id)"));
    items.push_back(
        dynamodb_writes::put(tables_.unique_keys,
                             {{"unique_key", string_value(unique_key_of(passkey.credential_id))},
                              {"owner_id", string_value(passkey.user_id)}},
                             "attribute_not_exists(unique_key)"));
    RetryBudget budget = client_.new_budget();
    return dynamodb_writes::transact_if_conditions_hold(client_, std::move(items), budget);
}

bool DynamoDbPasskeys::save(const Passkey& next) {
    json::object request{
        {"TableName", tables_.passkeys},
        {"Item", passkey_item(next)},
        {"ConditionExpression", "version = :previous"},
        {"ExpressionAttributeValues", json::object{{":previous", number_value(next.version - 1)}}}};
    return dynamodb_writes::call_if_condition_holds(client_, "PutItem", request);
}

bool DynamoDbPasskeys::remove(const Passkey& current) {
    json::array items;
    items.push_back(json::object{
        {"Delete", json::object{{"TableName", tables_.passkeys},
                                {"Key", passkey_key(current.user_id, current.credential_id)},
                                {"ConditionExpression", "version = :current"},
                                {"ExpressionAttributeValues",
                                 json::object{{":current", number_value(current.version)}}}}}});
    items.push_back(dynamodb_writes::remove(
        tables_.unique_keys, {{"unique_key", string_value(unique_key_of(current.credential_id))}}));
    RetryBudget budget = client_.new_budget();
    return dynamodb_writes::transact_if_conditions_hold(client_, std::move(items), budget);
}

}  // namespace bank
