// POST /api/v1/transfers/batch: a bulk payment. Every item is answered in its place, created
// or refused, as POST /api/v1/transfer would answer it alone; the batch as a whole is
// refused (400) only when it is empty, beyond limits::transfer_batch_items_max or not a
// batch at all, and 401 step_up_required when one of its items needs an approval.
#include <boost/json.hpp>

#include "api/api_routes.hpp"
#include "api/json_views.hpp"
#include "api/second_factor_json.hpp"
#include "core/random.hpp"
#include "http/response.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

constexpr std::string_view item_fields[] = {"from_account_id", "to_account_number", "amount",
                                            "description", "category"};

// One item of `transfers` as typed, or why it cannot be read (as a single transfer's body
// would be refused).
Result<PaymentRequest> read_item(const json::value& value) {
    if (!value.is_object()) {
        return make_error(ErrorCode::validation_failed, "Each transfer must be a JSON object.");
    }
    const json::object& item = value.as_object();
    for (const auto& member : item) {
        bool known = false;
        for (auto name : item_fields) known = known || member.key() == name;
        if (!known) {
            return make_error(ErrorCode::validation_failed,
                              "Unknown field " + std::string(member.key()) + ".",
                              std::string(member.key()));
        }
    }
    std::string texts[std::size(item_fields)];
    for (std::size_t index = 0; index < std::size(item_fields); ++index) {
        auto text = string_field(item, item_fields[index], index < 3);
        if (!text) return text.error();
        texts[index] = std::move(*text);
    }
    PaymentRequest request;
    request.account_id = std::move(texts[0]);
    request.to_account_number = std::move(texts[1]);
    request.amount = std::move(texts[2]);
    request.description = std::move(texts[3]);
    request.category = std::move(texts[4]);
    return request;
}

// The batch's items, or the answer refusing the whole request.
Result<std::vector<Result<PaymentRequest>>> read_batch(const json::object& body) {
    for (const auto& member : body) {
        if (member.key() != "transfers") {
            return make_error(ErrorCode::validation_failed,
                              "Unknown field " + std::string(member.key()) + ".",
                              std::string(member.key()));
        }
    }
    const json::value* transfers = body.if_contains("transfers");
    if (transfers == nullptr || !transfers->is_array()) {
        return make_error(ErrorCode::validation_failed,
                          "The field transfers is required: a list of transfers.", "transfers");
    }
    std::vector<Result<PaymentRequest>> items;
    items.reserve(transfers->as_array().size());
    for (const json::value& value : transfers->as_array()) items.push_back(read_item(value));
    return items;
}

json::object outcome_json(const Result<Transaction>& outcome) {
    if (outcome) {
        const Transaction& row = outcome.value();
        return json::object{{"status", "created"},
                            {"transfer_id", row.transfer_id},
                            {"transaction", transaction_json(row)},
                            {"balance", row.balance_after.to_string()}};
    }
    Error error = outcome.error();
    // The services name the paying account `account_id`; the batch's items call it
    // from_account_id, and `field` names the item's own field.
    if (error.field == "account_id") error.field = "from_account_id";
    json::object detail{{"code", api_code(error.code)}, {"message", error.message}};
    if (!error.field.empty()) detail["field"] = error.field;
    return json::object{{"status", "refused"}, {"error", std::move(detail)}};
}

awaitable<HttpResponse> transfer_batch(ApiContext& api, RequestContext& context) {
    std::optional<HttpResponse> refusal;
    auto body = parse_json_body(context.request, refusal);
    if (!body) co_return std::move(*refusal);
    auto items = read_batch(*body);
    if (!items) co_return json_refusal(items.error());
    BatchPaymentRequest request;
    request.user_id = context.identity->user.user_id;
    request.items = std::move(*items);
    request.idempotency_key = std::string(context.request["Idempotency-Key"]);
    if (!request.idempotency_key.empty()) {
        request.request_fingerprint = sha256_hex(context.path + "\n" + context.request.body());
    }
    // The batch's own refusals (empty, too many) come before asking for an approval.
    if (auto refusal = check_transfer_batch(request)) co_return json_refusal(*refusal);
    std::vector<StepUpBatchItem> payees;
    for (const auto& item : request.items) {
        if (item) payees.push_back({item.value().to_account_number, item.value().amount});
    }
    auto step_up = co_await batch_step_up_refusal(api.services, context, payees);
    if (step_up) co_return std::move(*step_up);
    auto receipt = co_await api.services.payments.transfer_batch(std::move(request));
    if (!receipt) co_return json_refusal(receipt.error());
    json::array results;
    for (const auto& outcome : receipt->items) results.push_back(outcome_json(outcome));
    HttpResponse response = json_ok(HttpStatus::ok, json::object{{"results", std::move(results)}});
    if (receipt->replayed) response.set("Idempotent-Replayed", "true");
    co_return response;
}

}  // namespace

void add_api_bulk_routes(Router& router, ApiContext& api) {
    router.bind(HttpVerb::post, "/api/v1/transfers/batch",
                [&api](RequestContext& c) { return transfer_batch(api, c); });
}

}  // namespace bank
