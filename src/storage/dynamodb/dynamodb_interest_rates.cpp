#include "storage/dynamodb/dynamodb_interest_rates.hpp"

#include <boost/json.hpp>

#include <stdexcept>
#include <string>

#include "ledger/standing_order.hpp"
#include "ledger/store_unavailable.hpp"
#include "storage/dynamodb/dynamodb_every_item.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_limits.hpp"
#include "storage/dynamodb/dynamodb_new_items.hpp"
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

json::object accrual_item(const InterestAccrualRecord& record) {
    return json::object{{"scope", string_value(accrual_scope(record.account_id))},
                        {"item_key", string_value(month_text(record.month))},
                        {"account_id", string_value(record.account_id)},
                        {"interest", number_value(record.interest.cents())},
                        {"carried_units", number_value(record.carried_units)},
                        {"transaction_id", string_value(record.transaction_id)},
                        {"recorded_at", number_value(to_micros(record.recorded_at))}};
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
    return put_if_absent(accrual_item(record));
}

// TransactWriteItems of up to 100 records, each keeping its own condition, sent together
// rather than one PutItem after another. A record whose month is taken (another server's, or
// ours from a try whose answer was lost) answers false and writes nothing; the others of its
// request are sent again without it. A transactional write costs two write units per item
// where a PutItem costs one: 2 units per account and month, once a month.
std::vector<bool> DynamoDbInterestRates::add_accruals(
    const std::vector<InterestAccrualRecord>& records) {
    std::vector<json::object> items;
    items.reserve(records.size());
    for (const InterestAccrualRecord& record : records) {
        items.push_back(dynamodb_writes::put(tables_.interest_rates, accrual_item(record),
                                             "attribute_not_exists(item_key)"));
    }
    const auto outcomes =
        dynamodb_new_items::put_all(client_, items, dynamodb_limits::new_item_tries_max);
    std::vector<bool> added;
    added.reserve(outcomes.size());
    std::size_t lost = 0;
    for (const auto outcome : outcomes) {
        added.push_back(outcome == dynamodb_new_items::Outcome::written);
        if (outcome == dynamodb_new_items::Outcome::lost) ++lost;
    }
    // The records written stay (each is right on its own); the pass reads them next time.
    if (lost > 0) {
        throw StoreUnavailable("dynamodb: " + std::to_string(lost) + " of " +
                               std::to_string(records.size()) + " interest records not written");
    }
    return added;
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
