#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/model.hpp"

// How the model is written as DynamoDB items ({"name": {"S": "text"}}, {"N": "12"}):
// money as integer cents, times as integer microseconds since the epoch (UTC).
namespace bank::dynamodb_items {

boost::json::object string_value(std::string_view text);
boost::json::object number_value(std::int64_t number);
// An empty string when the attribute is missing.
std::string text_of(const boost::json::object& item, std::string_view name);
// 0 when the attribute is missing; throws std::runtime_error on a malformed number.
std::int64_t number_of(const boost::json::object& item, std::string_view name);

// ASCII lower case: what the text filter of the history compares (as SQLite's lower()).
std::string fold_case(std::string_view text);

boost::json::object user_item(const User& user);
User read_user(const boost::json::object& item);
boost::json::object account_item(const Account& account);
Account read_account(const boost::json::object& item);
boost::json::object transaction_item(const Transaction& row);
Transaction read_transaction(const boost::json::object& item);
boost::json::object session_item(const Session& session);
Session read_session(const boost::json::object& item);
Rollup read_rollup(const boost::json::object& item);
PayeeRollup read_payee_rollup(const boost::json::object& item);
boost::json::object rule_item(const CategoryRule& rule);
CategoryRule read_rule(const boost::json::object& item);

// An audit event with the epoch second after which DynamoDB may delete it (time-to-live).
boost::json::object audit_event_item(const AuditEvent& event, std::int64_t expires_at_seconds);
AuditEvent read_audit_event(const boost::json::object& item);
// The sort key of an audit event: "<at, 20 digits>#<event_id>", so that a person's events
// sort by time, and events of the same instant by id.
std::string audit_event_key(const AuditEvent& event);

// The sort key of a rollup item: "2026-11#groceries#withdrawal", so that one account's
// rollups sort by month.
std::string rollup_key(std::string_view month, std::string_view category, TransactionType type);
// The sort key of a payee rollup item: "2026-11#Corner shop", sorting by month like rollups.
std::string payee_key(std::string_view month, std::string_view description);

}  // namespace bank::dynamodb_items
