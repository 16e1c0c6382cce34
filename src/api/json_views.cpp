#include "api/json_views.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "http/json_error.hpp"
#include "http/response.hpp"
#include "ledger/standing_order.hpp"

namespace bank {

namespace json = boost::json;

json::object account_json(const Account& account) {
    json::object object{{"account_id", account.account_id},
                        {"account_number", account.account_number},
                        {"account_type", to_string(account.account_type)},
                        {"balance", account.balance.to_string()},
                        {"status", to_string(account.status)},
                        {"created_at", format_rfc3339(account.created_at)}};
    object["frozen"] = account.freeze
                           ? json::value(json::object{{"mode", to_string(account.freeze->mode)},
                                                      {"reason", account.freeze->reason}})
                           : json::value(nullptr);
    return object;
}

json::object transaction_json(const Transaction& row) {
    json::object object{{"transaction_id", row.transaction_id},
                        {"account_id", row.account_id},
                        {"transaction_type", to_string(row.transaction_type)},
                        {"amount", row.amount.to_string()},
                        {"balance_after", row.balance_after.to_string()},
                        {"description", row.description},
                        {"category", row.category},
                        {"timestamp", format_rfc3339(row.timestamp)}};
    object["counterparty_account_number"] = row.counterparty_account_number.empty()
                                                ? json::value(nullptr)
                                                : json::value(row.counterparty_account_number);
    object["transfer_id"] =
        row.transfer_id.empty() ? json::value(nullptr) : json::value(row.transfer_id);
    const std::string order = standing_order_of_key(row.idempotency_key);
    object["standing_order_id"] = order.empty() ? json::value(nullptr) : json::value(order);
    object["reversal_of"] =
        row.reversal_of.empty() ? json::value(nullptr) : json::value(row.reversal_of);
    object["reversed_by"] =
        row.reversed_by.empty() ? json::value(nullptr) : json::value(row.reversed_by);
    return object;
}

json::object user_json(const User& user) {
    return json::object{
        {"user_id", user.user_id},      {"email", user.email},
        {"full_name", user.full_name},  {"phone", user.phone},
        {"role", to_string(user.role)}, {"created_at", format_rfc3339(user.created_at)},
        {"time_zone", user.time_zone}};
}

json::object analytics_json(const AnalyticsSummary& summary) {
    json::array accounts;
    for (const auto& account : summary.accounts) accounts.push_back(account_json(account));
    json::array months;
    for (const auto& month : summary.months) {
        months.push_back(json::object{{"month", month.month},
                                      {"deposits", month.deposits.to_string()},
                                      {"withdrawals", month.withdrawals.to_string()},
                                      {"transfers_in", month.transfers_in.to_string()},
                                      {"transfers_out", month.transfers_out.to_string()},
                                      {"net", month.net.to_string()}});
    }
    json::object totals{{"balance", summary.total_balance.to_string()},
                        {"deposits", summary.total_deposits.to_string()},
                        {"withdrawals", summary.total_withdrawals.to_string()},
                        {"transfers_in", summary.total_transfers_in.to_string()},
                        {"transfers_out", summary.total_transfers_out.to_string()},
                        {"transaction_count", summary.transaction_count}};
    return json::object{{"accounts", std::move(accounts)},
                        {"totals", std::move(totals)},
                        {"months", std::move(months)}};
}

HttpResponse json_ok(HttpStatus status, const json::value& body) {
    return json_response(status, json::serialize(body));
}

std::string_view api_code(ErrorCode code) {
    switch (code) {
        case ErrorCode::validation_failed:
            return "validation_failed";
        case ErrorCode::unauthenticated:
            return "unauthenticated";
        case ErrorCode::forbidden:
            return "forbidden";
        case ErrorCode::not_found:
            return "not_found";
        case ErrorCode::conflict:
            return "conflict";
        case ErrorCode::idempotency_conflict:
            return "idempotency_conflict";
        case ErrorCode::insufficient_funds:
            return "insufficient_funds";
        case ErrorCode::account_closed:
            return "account_closed";
        case ErrorCode::account_locked:
            return "account_locked";
        case ErrorCode::account_disabled:
            return "account_disabled";
        case ErrorCode::insufficient_scope:
            return "insufficient_scope";
        case ErrorCode::rate_limited:
            return "rate_limited";
        case ErrorCode::unavailable:
            return "unavailable";
        case ErrorCode::account_frozen:
            return "account_frozen";
        case ErrorCode::own_proposal:
            return "own_proposal";
        case ErrorCode::proposal_expired:
            return "proposal_expired";
        case ErrorCode::proposal_decided:
            return "proposal_decided";
        case ErrorCode::webhook_url_refused:
            return "webhook_url_refused";
    }
    return "internal";
}

HttpResponse json_refusal(const Error& error) {
    HttpResponse response =
        json_error(status_of(error.code), api_code(error.code), error.message, error.field);
    if (error.code == ErrorCode::rate_limited || error.code == ErrorCode::unavailable) {
        response.set(boost::beast::http::field::retry_after, "60");
    }
    return response;
}

std::optional<json::object> parse_json_body(const HttpRequest& request,
                                            std::optional<HttpResponse>& refusal) {
    const std::string_view type = request[boost::beast::http::field::content_type];
    if (!type.starts_with("application/json")) {
        refusal = json_error(HttpStatus::unsupported_media_type, "unsupported_media_type",
                             "Send the request body as application/json.");
        return std::nullopt;
    }
    boost::system::error_code error;
    json::value value = json::parse(request.body(), error);
    if (error || !value.is_object()) {
        refusal = json_error(HttpStatus::bad_request, "validation_failed",
                             "The request body must be a JSON object.");
        return std::nullopt;
    }
    return std::move(value.as_object());
}

Result<std::string> string_field(const json::object& body, std::string_view name, bool required) {
    const json::value* value = body.if_contains(name);
    if (value == nullptr || value->is_null()) {
        if (required) {
            return make_error(ErrorCode::validation_failed,
                              "The field " + std::string(name) + " is required.",
                              std::string(name));
        }
        return std::string();
    }
    if (!value->is_string()) {
        return make_error(ErrorCode::validation_failed,
                          "The field " + std::string(name) +
                              " must be a string (amounts are strings like \"12.34\").",
                          std::string(name));
    }
    return std::string(value->as_string());
}

}  // namespace bank
