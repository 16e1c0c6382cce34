#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "api/second_factor_json.hpp"
#include "http/response.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

json::object order_json(const StandingOrderView& view) {
    const StandingOrder& order = view.order;
    json::array next_dates;
    for (const Date date : view.next_dates) next_dates.push_back(json::value(iso_date(date)));
    return json::object{{"standing_order_id", order.standing_order_id},
                        {"from_account_id", order.from_account_id},
                        {"to_account_number", order.to_account_number},
                        {"amount", order.amount.to_string()},
                        {"description", order.description},
                        {"category", order.category},
                        {"start_date", iso_date(order.start_date)},
                        {"rrule", order.rrule},
                        {"schedule", view.schedule},
                        {"status", to_string(order.status)},
                        {"next_dates", std::move(next_dates)},
                        {"created_at", format_rfc3339(order.created_at)},
                        {"updated_at", format_rfc3339(order.updated_at)}};
}

json::object occurrence_json(const Occurrence& occurrence) {
    json::object object{{"due_date", iso_date(occurrence.due_date)},
                        {"status", to_string(occurrence.status)},
                        {"attempts", occurrence.attempts},
                        {"detail", occurrence.detail},
                        {"updated_at", format_rfc3339(occurrence.updated_at)}};
    object["transaction_id"] = occurrence.transaction_id.empty()
                                   ? json::value(nullptr)
                                   : json::value(occurrence.transaction_id);
    return object;
}

awaitable<HttpResponse> list_orders(ApiContext& api, RequestContext& context) {
    json::array orders;
    for (const auto& view : api.services.standing_orders.list(context.user_id())) {
        orders.push_back(order_json(view));
    }
    co_return json_ok(HttpStatus::ok, json::object{{"standing_orders", std::move(orders)}});
}

awaitable<HttpResponse> create_order(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"from_account_id", "to_account_number", "amount", "description",
                                    "category", "start_date", "rrule"});
    if (!form.body) co_return std::move(*form.refusal);
    StandingOrderRequest request;
    request.user_id = context.user_id();
    auto from = form.get("from_account_id", true);
    auto to = form.get("to_account_number", true);
    auto amount = form.get("amount", true);
    auto description = form.get("description", true);
    auto category = form.get("category", false);
    auto start_date = form.get("start_date", false);
    auto rrule = form.get("rrule", true);
    if (form.refusal) co_return std::move(*form.refusal);
    request.from_account_id = std::move(*from);
    request.to_account_number = std::move(*to);
    request.amount = std::move(*amount);
    request.description = std::move(*description);
    request.category = std::move(*category);
    request.start_date = std::move(*start_date);
    request.rrule = std::move(*rrule);
    // The step-up rule of a transfer applies once, when the order is made (a new payee or an
    // amount above the threshold), not at each execution.
    auto refusal =
        co_await step_up_refusal(api.services, context, request.to_account_number, request.amount);
    if (refusal) co_return std::move(*refusal);
    auto view = api.services.standing_orders.create(request);
    if (!view) co_return json_refusal(view.error());
    co_return json_ok(HttpStatus::created, order_json(*view));
}

awaitable<HttpResponse> get_order(ApiContext& api, RequestContext& context) {
    auto view = api.services.standing_orders.get(context.user_id(),
                                                 context.parameters.get("standing_order_id"));
    if (!view) co_return json_refusal(view.error());
    co_return json_ok(HttpStatus::ok, order_json(*view));
}

awaitable<HttpResponse> edit_order(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"amount", "description", "rrule", "status"});
    if (!form.body) co_return std::move(*form.refusal);
    StandingOrderEdit edit;
    edit.user_id = context.user_id();
    edit.standing_order_id = context.parameters.get("standing_order_id");
    const auto optional_field = [&form](std::string_view name) -> std::optional<std::string> {
        if (!form.body->contains(name)) return std::nullopt;
        return form.get(name, true);
    };
    edit.amount = optional_field("amount");
    edit.description = optional_field("description");
    edit.rrule = optional_field("rrule");
    edit.status = optional_field("status");
    if (form.refusal) co_return std::move(*form.refusal);
    if (edit.amount) {
        // A new amount is a new decision about money: the step-up rule applies to it as when
        // the order was made (otherwise $1 approved could become any amount).
        const auto current = api.services.standing_orders.get(edit.user_id, edit.standing_order_id);
        if (current) {
            auto refusal = co_await step_up_refusal(api.services, context,
                                                    current->order.to_account_number, *edit.amount);
            if (refusal) co_return std::move(*refusal);
        }
    }
    auto view = api.services.standing_orders.edit(edit);
    if (!view) co_return json_refusal(view.error());
    co_return json_ok(HttpStatus::ok, order_json(*view));
}

awaitable<HttpResponse> cancel_order(ApiContext& api, RequestContext& context) {
    auto view = api.services.standing_orders.cancel(context.user_id(),
                                                    context.parameters.get("standing_order_id"));
    if (!view) co_return json_refusal(view.error());
    co_return json_ok(HttpStatus::ok, order_json(*view));
}

awaitable<HttpResponse> list_occurrences(ApiContext& api, RequestContext& context) {
    auto occurrences = api.services.standing_orders.occurrences(
        context.user_id(), context.parameters.get("standing_order_id"));
    if (!occurrences) co_return json_refusal(occurrences.error());
    json::array rows;
    for (const auto& occurrence : *occurrences) rows.push_back(occurrence_json(occurrence));
    co_return json_ok(HttpStatus::ok, json::object{{"occurrences", std::move(rows)}});
}

}  // namespace

void add_api_standing_order_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    const std::string one = "/api/v1/standing-orders/{standing_order_id}";
    router.bind(V::get, "/api/v1/standing-orders",
                [&api](RequestContext& c) { return list_orders(api, c); });
    router.bind(V::post, "/api/v1/standing-orders",
                [&api](RequestContext& c) { return create_order(api, c); });
    router.bind(V::get, one, [&api](RequestContext& c) { return get_order(api, c); });
    router.bind(V::patch, one, [&api](RequestContext& c) { return edit_order(api, c); });
    router.bind(V::delete_, one, [&api](RequestContext& c) { return cancel_order(api, c); });
    router.bind(V::get, one + "/occurrences",
                [&api](RequestContext& c) { return list_occurrences(api, c); });
}

}  // namespace bank
