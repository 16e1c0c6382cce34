#include <boost/beast/http/field.hpp>

#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "api/second_factor_json.hpp"
#include "core/random.hpp"
#include "http/history_filter_query.hpp"
#include "http/response.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

awaitable<HttpResponse> list_accounts(ApiContext& api, RequestContext& context) {
    json::array accounts;
    for (const auto& account : api.services.accounts.list(context.user_id())) {
        accounts.push_back(account_json(account));
    }
    co_return json_ok(HttpStatus::ok, json::object{{"accounts", std::move(accounts)}});
}

awaitable<HttpResponse> get_account(ApiContext& api, RequestContext& context) {
    const auto account =
        api.services.accounts.find_owned(context.user_id(), context.parameters.get("account_id"));
    if (!account) {
        co_return json_refusal(
            make_error(ErrorCode::not_found, "That account was not found.", "account_id"));
    }
    co_return json_ok(HttpStatus::ok, account_json(*account));
}

awaitable<HttpResponse> open_account(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"account_type", "initial_balance"});
    if (!form.body) co_return std::move(*form.refusal);
    auto type = form.get("account_type", true);
    auto initial = form.get("initial_balance", false);
    if (form.refusal) co_return std::move(*form.refusal);
    auto account = co_await api.services.accounts.open(context.user_id(), std::move(*type),
                                                       std::move(*initial));
    if (!account) co_return json_refusal(account.error());
    co_return json_ok(HttpStatus::created, account_json(*account));
}

// Deposit, withdrawal and transfer share the request shape; a transfer names the payer
// as from_account_id and the payee by number.
awaitable<HttpResponse> move_money(ApiContext& api, RequestContext& context, PostingKind kind) {
    const bool transfer = kind == PostingKind::transfer;
    JsonForm form =
        transfer ? JsonForm(context.request, {"from_account_id", "to_account_number", "amount",
                                              "description", "category"})
                 : JsonForm(context.request, {"account_id", "amount", "description", "category"});
    if (!form.body) co_return std::move(*form.refusal);
    PaymentRequest request;
    request.user_id = context.user_id();
    auto account_id = form.get(transfer ? "from_account_id" : "account_id", true);
    auto to_number =
        transfer ? form.get("to_account_number", true) : std::optional<std::string>("");
    auto amount = form.get("amount", true);
    auto description = form.get("description", false);
    auto category = form.get("category", false);
    if (form.refusal) co_return std::move(*form.refusal);
    request.account_id = std::move(*account_id);
    request.to_account_number = std::move(*to_number);
    request.amount = std::move(*amount);
    request.description = std::move(*description);
    request.category = std::move(*category);
    request.idempotency_key = std::string(context.request["Idempotency-Key"]);
    if (!request.idempotency_key.empty()) {
        request.request_fingerprint = sha256_hex(context.path + "\n" + context.request.body());
    }

    if (transfer) {
        auto refusal = co_await step_up_refusal(api.services, context, request.to_account_number,
                                                request.amount, true);
        if (refusal) co_return std::move(*refusal);
    }

    Result<PaymentReceipt> receipt = make_error(ErrorCode::unavailable, "");
    if (kind == PostingKind::deposit) {
        receipt = co_await api.services.payments.deposit(std::move(request));
    } else if (kind == PostingKind::withdrawal) {
        receipt = co_await api.services.payments.withdraw(std::move(request));
    } else {
        receipt = co_await api.services.payments.transfer(std::move(request));
    }
    if (!receipt) {
        Error error = receipt.error();
        // The services name the paying account `account_id` (the pages' field); a transfer's
        // JSON calls it from_account_id, and `field` names the request's own field.
        if (transfer && error.field == "account_id") error.field = "from_account_id";
        co_return json_refusal(error);
    }

    // Built only from the posted row, so that a replay answers the very same body.
    const Transaction& row = receipt->transaction;
    json::object body{{"transaction", transaction_json(row)},
                      {"balance", row.balance_after.to_string()}};
    if (transfer) body["transfer_id"] = row.transfer_id;
    HttpResponse response = json_ok(HttpStatus::created, body);
    if (receipt->replayed) response.set("Idempotent-Replayed", "true");
    co_return response;
}

awaitable<HttpResponse> list_transactions(ApiContext& api, RequestContext& context) {
    auto page = api.services.history.list(context.user_id(), history_filter_of(context.query));
    if (!page) co_return json_refusal(page.error());
    json::array rows;
    for (const auto& row : page->rows) rows.push_back(transaction_json(row));
    json::object body{{"transactions", std::move(rows)}};
    body["next_cursor"] =
        page->next_cursor.empty() ? json::value(nullptr) : json::value(page->next_cursor);
    co_return json_ok(HttpStatus::ok, body);
}

// Every row of the filter in its sort, streamed a page at a time (see CsvExport).
awaitable<HttpResponse> export_transactions(ApiContext& api, RequestContext& context) {
    auto exported =
        api.services.history.export_csv(context.user_id(), history_filter_of(context.query));
    if (!exported) co_return json_refusal(exported.error());
    auto source = std::make_shared<CsvExport>(std::move(*exported));
    context.body_stream = [source] { return source->next_chunk(); };
    co_return download_response(csv_content_type, "transactions.csv");
}

// The same rows as an Excel workbook, built whole on the thread of streamed bodies.
awaitable<HttpResponse> export_transactions_xlsx(ApiContext& api, RequestContext& context) {
    auto exported =
        api.services.history.export_xlsx(context.user_id(), history_filter_of(context.query));
    if (!exported) co_return json_refusal(exported.error());
    auto source = std::make_shared<XlsxExport>(std::move(*exported));
    context.body_stream = [source] { return source->next_chunk(); };
    co_return download_response(xlsx_content_type, "transactions.xlsx");
}

awaitable<HttpResponse> analytics(ApiContext& api, RequestContext& context) {
    auto summary = api.services.analytics.summary(
        context.user_id(), context.query.get("account_id"), context.query.get("from"),
        context.query.get("to"), TimeZone::named_or_utc(context.identity->user.time_zone));
    if (!summary) co_return json_refusal(summary.error());
    co_return json_ok(HttpStatus::ok, analytics_json(*summary));
}

awaitable<HttpResponse> openapi(ApiContext& api, RequestContext&) {
    HttpResponse response = json_response(HttpStatus::ok, api.openapi_document);
    response.set(boost::beast::http::field::cache_control, "public, max-age=300");
    co_return response;
}

}  // namespace

void add_api_ledger_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    router.bind(V::get, "/api/v1/accounts",
                [&api](RequestContext& c) { return list_accounts(api, c); });
    router.bind(V::post, "/api/v1/accounts",
                [&api](RequestContext& c) { return open_account(api, c); });
    router.bind(V::get, "/api/v1/accounts/{account_id}",
                [&api](RequestContext& c) { return get_account(api, c); });
    router.bind(V::post, "/api/v1/deposit",
                [&api](RequestContext& c) { return move_money(api, c, PostingKind::deposit); });
    router.bind(V::post, "/api/v1/withdraw",
                [&api](RequestContext& c) { return move_money(api, c, PostingKind::withdrawal); });
    router.bind(V::post, "/api/v1/transfer",
                [&api](RequestContext& c) { return move_money(api, c, PostingKind::transfer); });
    router.bind(V::get, "/api/v1/transactions",
                [&api](RequestContext& c) { return list_transactions(api, c); });
    router.bind(V::get, "/api/v1/transactions.csv",
                [&api](RequestContext& c) { return export_transactions(api, c); });
    router.bind(V::get, "/api/v1/transactions.xlsx",
                [&api](RequestContext& c) { return export_transactions_xlsx(api, c); });
    router.bind(V::get, "/api/v1/analytics",
                [&api](RequestContext& c) { return analytics(api, c); });
    router.bind(V::get, "/api/v1/openapi.json",
                [&api](RequestContext& c) { return openapi(api, c); });
}

void add_api_routes(Router& router, ApiContext& api) {
    add_api_auth_routes(router, api);
    add_api_ledger_routes(router, api);
    add_api_category_routes(router, api);
    add_api_second_factor_routes(router, api);
    add_api_analytics_routes(router, api);
    add_api_session_routes(router, api);
    add_api_admin_routes(router, api);
    add_api_password_reset_routes(router, api);
    add_api_passkey_routes(router, api);
    add_api_standing_order_routes(router, api);
    add_api_bank_operation_routes(router, api);
    add_api_bulk_routes(router, api);
    add_api_budget_routes(router, api);
    add_api_interest_routes(router, api);
    add_api_change_feed_routes(router, api);
    add_api_recurring_routes(router, api);
    add_api_goal_routes(router, api);
    add_api_webhook_routes(router, api);
    add_api_alert_routes(router, api);
}

}  // namespace bank
