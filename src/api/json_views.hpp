#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/result.hpp"
#include "http/types.hpp"
#include "ledger/model.hpp"
#include "service/analytics_service.hpp"

namespace bank {

// The API's JSON shapes. Amounts are decimal strings ("1234.56"), timestamps RFC 3339 in
// UTC, ids strings.
boost::json::object account_json(const Account& account);
boost::json::object transaction_json(const Transaction& row);
boost::json::object user_json(const User& user);
boost::json::object analytics_json(const AnalyticsSummary& summary);

HttpResponse json_ok(HttpStatus status, const boost::json::value& body);
// The API's name of an error code ("insufficient_funds", "validation_failed", ...).
std::string_view api_code(ErrorCode code);
// A refused request: the error's code becomes the API's code and status.
HttpResponse json_refusal(const Error& error);

// A POST body must be a JSON object sent as application/json (415 otherwise, 400 when
// malformed); nullopt with `refusal` set when it is not.
std::optional<boost::json::object> parse_json_body(const HttpRequest& request,
                                                   std::optional<HttpResponse>& refusal);
// A string member, or "" when absent; a non-string member is a validation error.
Result<std::string> string_field(const boost::json::object& body, std::string_view name,
                                 bool required);

}  // namespace bank
