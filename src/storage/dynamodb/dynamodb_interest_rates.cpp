#include "storage/dynamodb/dynamodb_interest_rates.hpp"

#include <boost/json.hpp>

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

template <class T>
T known(std::optional<T> value, const std::string& text) {
    if (!value) throw std::runtime_error("dynamodb: unknown value '" + text + "' in interest");
    return *value;
}

std::string rate_scope(AccountType type) { return "rate#" + std::string(to_string(type)); }
std::string accrual_scope(std::string_view account_id) {
    return "accrual#" + std::string(account_id);
}

InterestRate read_rate(const json::object& item) {
    InterestRate rate;
    rate.account_type =
        known(parse_account_type(text_of(item, "account_type")), text_of(item, "account_type"));
    rate.effective_from =
        known(parse_iso_date(text_of(item, "item_key")), text_of(item, "item_key"));
    rate.annual_rate = AnnualRate::from_per_million(number_of(item, "annual_rate"));
    rate.set_by = text_of(item, "set_by");
    rate.set_at = from_micros(number_of(item, "set_at"));
    return rate;
}

InterestAccrualRecord read_accrual(const json::object& item) {
    InterestAccrualRecord record;
    record.account_id = text_of(item, "account_id");
    record.month = known(parse_month(text_of(item, "item_key")), text_of(item, "item_key"));
    record.interest = Money::from_cents(number_of(item, "interest"));
    record.carried_units = number_of(item, "carried_units");
    record.transaction_id = text_of(item, "transaction_id");
    record.recorded_at = from_micros(number_of(item, "recorded_at"));
    return record;
}

}  // namespace

bool DynamoDbInterestRates::put_if_absent(json::object item) {
    return dynamodb_writes::call_if_condition_holds(
        client_, "PutItem",
        json::object{{"TableName", tables_.interest_rates},
                     {"Item", std::move(item)},
                     {"ConditionExpression", "attribute_not_exists(item_key)"}});
}

std::vector<json::object> DynamoDbInterestRates::query(const std::string& scope) {
    json::object request{
        {"TableName", tables_.interest_rates},
        {"KeyConditionExpression", "#scope = :scope"},
        {"ExpressionAttributeNames", json::object{{"#scope", "scope"}}},
        {"ExpressionAttributeValues", json::object{{":scope", string_value(scope)}}},
        {"ConsistentRead", true}};
    return every_item(client_, "Query", std::move(request));
}

bool DynamoDbInterestRates::add_rate(const InterestRate& rate) {
    return put_if_absent(json::object{{"scope", string_value(rate_scope(rate.account_type))},
                                      {"item_key", string_value(iso_date(rate.effective_from))},
                                      {"account_type", string_value(to_string(rate.account_type))},
                                      {"annual_rate", number_value(rate.annual_rate.per_million())},
                                      {"set_by", string_value(rate.set_by)},
                                      {"set_at", number_value(to_micros(rate.set_at))}});
}

std::vector<InterestRate> DynamoDbInterestRates::rates(AccountType type) {
    std::vector<InterestRate> rates;
    for (const auto& item : query(rate_scope(type))) rates.push_back(read_rate(item));
    return rates;
}

bool DynamoDbInterestRates::add_accrual(const InterestAccrualRecord& record) {
    return put_if_absent(
        json::object{{"scope", string_value(accrual_scope(record.account_id))},
                     {"item_key", string_value(month_text(record.month))},
                     {"account_id", string_value(record.account_id)},
                     {"interest", number_value(record.interest.cents())},
                     {"carried_units", number_value(record.carried_units)},
                     {"transaction_id", string_value(record.transaction_id)},
                     {"recorded_at", number_value(to_micros(record.recorded_at))}});
}

std::optional<InterestAccrualRecord> DynamoDbInterestRates::find_accrual(
    std::string_view account_id, Month month) {
    json::object answer = client_.call(
        "GetItem",
        json::object{{"TableName", tables_.interest_rates},
                     {"Key", json::object{{"scope", string_value(accrual_scope(account_id))},
                                          {"item_key", string_value(month_text(month))}}},
                     {"ConsistentRead", true}});
    const auto* found = answer.if_contains("Item");
    if (found == nullptr || !found->is_object()) return std::nullopt;
    return read_accrual(found->as_object());
}

std::vector<InterestAccrualRecord> DynamoDbInterestRates::accruals(std::string_view account_id) {
    std::vector<InterestAccrualRecord> records;
    for (const auto& item : query(accrual_scope(account_id))) {
        records.push_back(read_accrual(item));
    }
    return records;
}

}  // namespace bank
