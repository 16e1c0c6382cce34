#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace bank {

class DynamoDbClient;
class RetryBudget;

// Builds the items of a TransactWriteItems request. `names` and `values` are the
// ExpressionAttributeNames and ExpressionAttributeValues; empty ones are left out.
namespace dynamodb_writes {

boost::json::object put(const std::string& table, boost::json::object item,
                        std::string_view condition = {}, boost::json::object names = {},
                        boost::json::object values = {});
boost::json::object update(const std::string& table, boost::json::object key,
                           std::string_view update_expression, std::string_view condition,
                           boost::json::object names, boost::json::object values);
boost::json::object remove(const std::string& table, boost::json::object key,
                           std::string_view condition = {});

// Applies every item or none (one TransactWriteItems with a fresh ClientRequestToken, so a
// resend after a network failure is not applied twice). Throws DynamoDbError; a cancelled
// transaction has its reasons in cancellation_codes(), one per item in order.
void transact(DynamoDbClient& client, boost::json::array items, RetryBudget& budget);

// transact, answering false (and writing nothing) when one of the items' conditions failed.
bool transact_if_conditions_hold(DynamoDbClient& client, boost::json::array items,
                                 RetryBudget& budget);

// One conditional PutItem, UpdateItem or DeleteItem (`operation`), answering false (nothing
// written) when its condition failed: another writer got there first. Throws on any other
// error. The single-item versioned writes of every role go through here.
bool call_if_condition_holds(DynamoDbClient& client, std::string_view operation,
                             const boost::json::object& request);

// PutItem of `item` into `table` as a record at `version`: version 1 only where no item has
// `key_attribute` (a new record), a later version only over the one before it. False, writing
// nothing, when another writer got there first.
bool put_at_version(DynamoDbClient& client, const std::string& table, boost::json::object item,
                    std::string_view key_attribute, std::int64_t version);

}  // namespace dynamodb_writes
}  // namespace bank
