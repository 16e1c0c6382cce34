#include "storage/dynamodb/dynamodb_standing_orders.hpp"

#include <algorithm>

#include "core/limits.hpp"
#include "ledger/standing_order_commands.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_limits.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"
#include "storage/dynamodb/retry_budget.hpp"

namespace bank {

namespace {

namespace json = boost::json;
using namespace dynamodb_items;

std::string order_key(std::string_view order_id) { return "order#" + std::string(order_id); }

std::string occurrences_prefix(std::string_view order_id) {
    return "occurrence#" + std::string(order_id) + "#";
}

json::object order_item(const StandingOrder& order) {
    return json::object{{"user_id", string_value(order.user_id)},
                        {"item_key", string_value(order_key(order.standing_order_id))},
                        {"kind", string_value("order")},
                        {"standing_order_id", string_value(order.standing_order_id)},
                        {"from_account_id", string_value(order.from_account_id)},
                        {"to_account_number", string_value(order.to_account_number)},
                        {"amount", number_value(order.amount.cents())},
                        {"description", string_value(order.description)},
                        {"category", string_value(order.category)},
                        {"start_date", string_value(iso_date(order.start_date))},
                        {"rrule", string_value(order.rrule)},
                        {"order_status", string_value(to_string(order.status))},
                        {"next_due", string_value(order.next_due ? iso_date(*order.next_due) : "")},
                        {"created_at", number_value(to_micros(order.created_at))},
                        {"updated_at", number_value(to_micros(order.updated_at))},
                        {"version", number_value(order.version)}};
}

StandingOrder read_order(const json::object& item) {
    StandingOrder order;
    order.user_id = text_of(item, "user_id");
    order.standing_order_id = text_of(item, "standing_order_id");
    order.from_account_id = text_of(item, "from_account_id");
    order.to_account_number = text_of(item, "to_account_number");
    order.amount = Money::from_cents(number_of(item, "amount"));
    order.description = text_of(item, "description");
    order.category = text_of(item, "category");
    order.start_date = parse_iso_date(text_of(item, "start_date")).value_or(Date{});
    order.rrule = text_of(item, "rrule");
    order.status = standing_order_status_named(text_of(item, "order_status"))
                       .value_or(StandingOrderStatus::paused);
    order.next_due = parse_iso_date(text_of(item, "next_due"));
    order.created_at = from_micros(number_of(item, "created_at"));
    order.updated_at = from_micros(number_of(item, "updated_at"));
    order.version = number_of(item, "version");
    return order;
}

json::object occurrence_item(const Occurrence& occurrence) {
    return json::object{{"user_id", string_value(occurrence.user_id)},
                        {"item_key", string_value(occurrences_prefix(occurrence.standing_order_id) +
                                                  iso_date(occurrence.due_date))},
                        {"kind", string_value("occurrence")},
                        {"standing_order_id", string_value(occurrence.standing_order_id)},
                        {"due_date", string_value(iso_date(occurrence.due_date))},
                        {"occurrence_status", string_value(to_string(occurrence.status))},
                        {"attempts", number_value(occurrence.attempts)},
                        {"transaction_id", string_value(occurrence.transaction_id)},
                        {"detail", string_value(occurrence.detail)},
                        {"claimed_at", number_value(to_micros(occurrence.claimed_at))},
                        {"claimed_until", number_value(to_micros(occurrence.claimed_until))},
                        {"updated_at", number_value(to_micros(occurrence.updated_at))},
                        {"version", number_value(occurrence.version)}};
}

Occurrence read_occurrence(const json::object& item) {
    Occurrence occurrence;
    occurrence.user_id = text_of(item, "user_id");
    occurrence.standing_order_id = text_of(item, "standing_order_id");
    occurrence.due_date = parse_iso_date(text_of(item, "due_date")).value_or(Date{});
    const std::string status = text_of(item, "occurrence_status");
    occurrence.status = OccurrenceStatus::failed;
    for (const auto candidate :
         {OccurrenceStatus::claimed, OccurrenceStatus::posted, OccurrenceStatus::retrying,
          OccurrenceStatus::failed, OccurrenceStatus::skipped}) {
        if (to_string(candidate) == status) occurrence.status = candidate;
    }
    occurrence.attempts = number_of(item, "attempts");
    occurrence.transaction_id = text_of(item, "transaction_id");
    occurrence.detail = text_of(item, "detail");
    occurrence.claimed_at = from_micros(number_of(item, "claimed_at"));
    occurrence.claimed_until = from_micros(number_of(item, "claimed_until"));
    occurrence.updated_at = from_micros(number_of(item, "updated_at"));
    occurrence.version = number_of(item, "version");
    return occurrence;
}

}  // namespace

std::optional<json::object> DynamoDbStandingOrders::get(std::string_view user_id,
                                                        const std::string& key) {
    json::object answer = client_.call(
        "GetItem", json::object{{"TableName", tables_.standing_orders},
                                {"Key", json::object{{"user_id", string_value(user_id)},
                                                     {"item_key", string_value(key)}}},
                                {"ConsistentRead", true}});
    const auto* found = answer.if_contains("Item");
    if (found == nullptr || !found->is_object()) return std::nullopt;
    return found->as_object();
}

// Version 1 is written only where no item is; a later version only over the one before it.
bool DynamoDbStandingOrders::put_if(json::object item, std::int64_t version) {
    return dynamodb_writes::put_at_version(client_, tables_.standing_orders, std::move(item),
                                           "item_key", version);
}

std::vector<StandingOrder> DynamoDbStandingOrders::list(std::string_view user_id) {
    std::vector<StandingOrder> orders;
    json::object request{
        {"TableName", tables_.standing_orders},
        {"KeyConditionExpression", "user_id = :user AND begins_with(item_key, :prefix)"},
        {"ExpressionAttributeValues",
         json::object{{":user", string_value(user_id)}, {":prefix", string_value("order#")}}},
        {"ConsistentRead", true}};
    for (;;) {
        json::object answer = client_.call("Query", request);
        for (const auto& item : answer.at("Items").as_array()) {
            orders.push_back(read_order(item.as_object()));
        }
        const auto* next = answer.if_contains("LastEvaluatedKey");
        if (next == nullptr) break;
        request["ExclusiveStartKey"] = *next;
    }
    std::sort(orders.begin(), orders.end(), [](const auto& left, const auto& right) {
        if (left.created_at != right.created_at) return left.created_at < right.created_at;
        return left.standing_order_id < right.standing_order_id;
    });
    return orders;
}

std::optional<StandingOrder> DynamoDbStandingOrders::find(std::string_view user_id,
                                                          std::string_view order_id) {
    const auto item = get(user_id, order_key(order_id));
    if (!item) return std::nullopt;
    return read_order(*item);
}

bool DynamoDbStandingOrders::add(const StandingOrder& order) {
    StandingOrder first = order;
    first.version = 1;
    return put_if(order_item(first), 1);
}

bool DynamoDbStandingOrders::save(const StandingOrder& next) {
    if (next.version <= 1) return false;
    return put_if(order_item(next), next.version);
}

std::vector<StandingOrder> DynamoDbStandingOrders::due(Date through, std::size_t limit) {
    std::vector<StandingOrder> orders;
    json::object request{
        {"TableName", tables_.standing_orders},
        {"ConsistentRead", true},
        {"FilterExpression",
         "kind = :order AND order_status = :active AND next_due <> :none AND next_due <= :through"},
        {"ExpressionAttributeValues", json::object{{":order", string_value("order")},
                                                   {":active", string_value("active")},
                                                   {":none", string_value("")},
                                                   {":through", string_value(iso_date(through))}}}};
    for (;;) {
        json::object answer = client_.call("Scan", request);
        for (const auto& item : answer.at("Items").as_array()) {
            if (orders.size() < limit) orders.push_back(read_order(item.as_object()));
        }
        const auto* next = answer.if_contains("LastEvaluatedKey");
        if (next == nullptr || orders.size() >= limit) break;
        request["ExclusiveStartKey"] = *next;
    }
    std::sort(orders.begin(), orders.end(),
              [](const auto& left, const auto& right) { return left.next_due < right.next_due; });
    return orders;
}

std::vector<Occurrence> DynamoDbStandingOrders::occurrences(std::string_view user_id,
                                                            std::string_view order_id,
                                                            std::size_t limit) {
    std::vector<Occurrence> occurrences;
    json::object request{
        {"TableName", tables_.standing_orders},
        {"KeyConditionExpression", "user_id = :user AND begins_with(item_key, :prefix)"},
        {"ExpressionAttributeValues",
         json::object{{":user", string_value(user_id)},
                      {":prefix", string_value(occurrences_prefix(order_id))}}},
        {"ScanIndexForward", false},
        {"Limit", static_cast<std::int64_t>(limit)},
        {"ConsistentRead", true}};
    json::object answer = client_.call("Query", request);
    for (const auto& item : answer.at("Items").as_array()) {
        occurrences.push_back(read_occurrence(item.as_object()));
    }
    return occurrences;
}

std::optional<Occurrence> DynamoDbStandingOrders::find_occurrence(std::string_view user_id,
                                                                  std::string_view order_id,
                                                                  Date due_date) {
    const auto item = get(user_id, occurrences_prefix(order_id) + iso_date(due_date));
    if (!item) return std::nullopt;
    return read_occurrence(*item);
}

bool DynamoDbStandingOrders::save_occurrence(const Occurrence& next) {
    const auto event = plan_occurrence_event(next);
    if (!event) return put_if(occurrence_item(next), next.version);
    // The outcome over its version and its event only where the event's key is new, in one
    // TransactWriteItems (issue 14): the event is stored exactly when the outcome is.
    const std::int64_t expires_at =
        std::chrono::duration_cast<std::chrono::seconds>(
            (event->at + limits::audit_event_retention).time_since_epoch())
            .count();
    json::object names;
    json::object values;
    std::string condition = "attribute_not_exists(item_key)";
    if (next.version > 1) {
        condition = "version = :previous";
        values = json::object{{":previous", number_value(next.version - 1)}};
    }
    for (int attempt = 1;; ++attempt) {
        json::array items{
            dynamodb_writes::put(tables_.standing_orders, occurrence_item(next), condition, names,
                                 values),
            dynamodb_writes::put(tables_.audit_events, audit_event_item(*event, expires_at),
                                 "attribute_not_exists(event_key)")};
        RetryBudget budget = client_.new_budget();
        try {
            dynamodb_writes::transact(client_, std::move(items), budget);
            return true;
        } catch (const DynamoDbError& error) {
            // Another write of the occurrence came first: nothing written, as put_if.
            if (error.is_transaction_canceled() && error.failed_condition_index() == 0) {
                return false;
            }
            // Only the event is there already (the same outcome's event, by its key): the
            // outcome alone, so the event stays one.
            if (error.is_transaction_canceled() && error.failed_condition_index() == 1) {
                return put_if(occurrence_item(next), next.version);
            }
            // A conflict with another write of the same item: the conditions decide again.
            if (!error.is_retryable_cancellation() ||
                attempt >= dynamodb_limits::new_item_tries_max) {
                throw;
            }
        }
    }
}

}  // namespace bank
