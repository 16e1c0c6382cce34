#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "api/second_factor_json.hpp"
#include "http/response.hpp"
#include "ledger/standing_order.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

json::object goal_json(const GoalView& view) {
    const SavingsGoal& goal = view.goal;
    const GoalProgress& progress = view.progress;
    json::object object{{"goal_id", goal.goal_id},
                        {"account_id", goal.account_id},
                        {"name", goal.name},
                        {"target_amount", goal.target.to_string()},
                        {"target_date", iso_date(goal.target_date)},
                        {"saved", progress.saved.to_string()},
                        {"left", progress.left.to_string()},
                        {"percent", progress.percent},
                        {"monthly_needed", progress.monthly_needed.to_string()},
                        {"months_left", progress.months_left},
                        {"reached", progress.reached},
                        {"on_track", progress.on_track},
                        {"created_at", format_rfc3339(goal.created_at)},
                        {"updated_at", format_rfc3339(goal.updated_at)}};
    object["standing_order_id"] =
        goal.standing_order_id ? json::value(*goal.standing_order_id) : json::value(nullptr);
    object["standing_order_status"] =
        view.transfer ? json::value(to_string(view.transfer->order.status)) : json::value(nullptr);
    return object;
}

Error transfer_shape_error(std::string message) {
    return make_error(ErrorCode::validation_failed, std::move(message), "auto_transfer");
}

// {"from_account_id": "...", "day_of_month": 1..28 or -1} (the day a number or its text).
Result<GoalTransferRequest> transfer_of(const json::value& value) {
    if (!value.is_object()) {
        return transfer_shape_error(
            "auto_transfer must be an object {from_account_id, day_of_month}, or null to turn "
            "it off.");
    }
    const json::object& object = value.as_object();
    for (const auto& member : object) {
        if (member.key() != "from_account_id" && member.key() != "day_of_month") {
            return transfer_shape_error("Unknown field auto_transfer." + std::string(member.key()) +
                                        ".");
        }
    }
    auto from = string_field(object, "from_account_id", true);
    if (!from) return from.error();
    GoalTransferRequest request{std::move(*from), ""};
    const json::value* day = object.if_contains("day_of_month");
    if (day != nullptr && day->is_int64()) {
        request.day_of_month = std::to_string(day->as_int64());
    } else if (day != nullptr && day->is_string()) {
        request.day_of_month = std::string(day->as_string());
    } else {
        return make_error(ErrorCode::validation_failed,
                          "day_of_month must be a number from 1 to 28, or -1.", "day_of_month");
    }
    return request;
}

// Where the step-up rule of a transfer applies: when the goal sets up a standing order or
// changes its amount, exactly as a standing order made on its own.
awaitable<std::optional<HttpResponse>> transfer_step_up(
    ApiContext& api, RequestContext& context,
    const Result<std::optional<GoalTransferTerms>>& terms) {
    if (!terms) co_return json_refusal(terms.error());
    if (!*terms) co_return std::nullopt;
    co_return co_await step_up_refusal(api.services, context, (*terms)->to_account_number,
                                       (*terms)->amount.to_string());
}

awaitable<HttpResponse> list_goals(ApiContext& api, RequestContext& context) {
    json::array goals;
    for (const auto& view : api.services.goals.list(context.user_id())) {
        goals.push_back(goal_json(view));
    }
    co_return json_ok(HttpStatus::ok, json::object{{"goals", std::move(goals)}});
}

awaitable<HttpResponse> create_goal(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request,
                  {"account_id", "name", "target_amount", "target_date", "auto_transfer"});
    if (!form.body) co_return std::move(*form.refusal);
    GoalRequest request;
    request.user_id = context.user_id();
    auto account = form.get("account_id", true);
    auto name = form.get("name", true);
    auto target = form.get("target_amount", true);
    auto date = form.get("target_date", true);
    if (form.refusal) co_return std::move(*form.refusal);
    request.account_id = std::move(*account);
    request.name = std::move(*name);
    request.target_amount = std::move(*target);
    request.target_date = std::move(*date);
    const json::value* transfer = form.body->if_contains("auto_transfer");
    if (transfer != nullptr && !transfer->is_null()) {
        auto parsed = transfer_of(*transfer);
        if (!parsed) co_return json_refusal(parsed.error());
        request.auto_transfer = std::move(*parsed);
    }
    const auto terms = api.services.goals.transfer_terms(request);
    auto refusal = co_await transfer_step_up(api, context, terms);
    if (refusal) co_return std::move(*refusal);
    auto view = api.services.goals.create(request);
    if (!view) co_return json_refusal(view.error());
    co_return json_ok(HttpStatus::created, goal_json(*view));
}

awaitable<HttpResponse> get_goal(ApiContext& api, RequestContext& context) {
    auto view = api.services.goals.get(context.user_id(), context.parameters.get("goal_id"));
    if (!view) co_return json_refusal(view.error());
    co_return json_ok(HttpStatus::ok, goal_json(*view));
}

awaitable<HttpResponse> edit_goal(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"name", "target_amount", "target_date", "auto_transfer"});
    if (!form.body) co_return std::move(*form.refusal);
    GoalEdit edit;
    edit.user_id = context.user_id();
    edit.goal_id = context.parameters.get("goal_id");
    const auto optional_field = [&form](std::string_view name) -> std::optional<std::string> {
        if (!form.body->contains(name)) return std::nullopt;
        return form.get(name, true);
    };
    edit.name = optional_field("name");
    edit.target_amount = optional_field("target_amount");
    edit.target_date = optional_field("target_date");
    if (form.refusal) co_return std::move(*form.refusal);
    if (const json::value* transfer = form.body->if_contains("auto_transfer")) {
        if (transfer->is_null() || (transfer->is_bool() && !transfer->as_bool())) {
            edit.auto_transfer = std::optional<GoalTransferRequest>();
        } else {
            auto parsed = transfer_of(*transfer);
            if (!parsed) co_return json_refusal(parsed.error());
            edit.auto_transfer = std::optional<GoalTransferRequest>(std::move(*parsed));
        }
    }
    const auto terms = api.services.goals.transfer_terms(edit);
    auto refusal = co_await transfer_step_up(api, context, terms);
    if (refusal) co_return std::move(*refusal);
    auto view = api.services.goals.edit(edit);
    if (!view) co_return json_refusal(view.error());
    co_return json_ok(HttpStatus::ok, goal_json(*view));
}

awaitable<HttpResponse> delete_goal(ApiContext& api, RequestContext& context) {
    auto view = api.services.goals.remove(context.user_id(), context.parameters.get("goal_id"));
    if (!view) co_return json_refusal(view.error());
    co_return json_ok(HttpStatus::ok, goal_json(*view));
}

}  // namespace

void add_api_goal_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    const std::string one = "/api/v1/goals/{goal_id}";
    router.bind(V::get, "/api/v1/goals", [&api](RequestContext& c) { return list_goals(api, c); });
    router.bind(V::post, "/api/v1/goals",
                [&api](RequestContext& c) { return create_goal(api, c); });
    router.bind(V::get, one, [&api](RequestContext& c) { return get_goal(api, c); });
    router.bind(V::patch, one, [&api](RequestContext& c) { return edit_goal(api, c); });
    router.bind(V::delete_, one, [&api](RequestContext& c) { return delete_goal(api, c); });
}

}  // namespace bank
