#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "http/response.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

json::object budget_json(const Budget& budget) {
    return json::object{
        {"budget_id", budget.budget_id},
        {"category", budget.category},
        {"month", budget.month.empty() ? json::value(nullptr) : json::value(budget.month)},
        {"start_month", budget.start_month},
        {"amount", budget.amount.to_string()},
        {"rollover", to_string(budget.rollover)},
        {"created_at", format_rfc3339(budget.created_at)},
        {"updated_at", format_rfc3339(budget.updated_at)}};
}

json::object progress_json(const BudgetProgress& progress) {
    json::object object = budget_json(progress.budget);
    const BudgetMonthFigures& figures = progress.figures;
    object["carried_in"] = figures.carried_in.to_string();
    object["available"] = figures.available.to_string();
    object["spent"] = figures.spent.to_string();
    object["left"] = figures.left.to_string();
    object["on_pace"] = progress.pace.on_pace;
    object["days_in_month"] = progress.pace.days_in_month;
    object["days_gone"] = progress.pace.days_gone;
    object["days_left"] = progress.pace.days_left;
    return object;
}

awaitable<HttpResponse> list_budgets(ApiContext& api, RequestContext& context) {
    auto report = api.services.budgets.progress(context.identity->user, context.query.get("month"));
    if (!report) co_return json_refusal(report.error());
    json::array budgets;
    for (const auto& progress : report->budgets) budgets.push_back(progress_json(progress));
    co_return json_ok(HttpStatus::ok,
                      json::object{{"month", report->month}, {"budgets", std::move(budgets)}});
}

awaitable<HttpResponse> create_budget(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"category", "amount", "month", "rollover"});
    if (!form.body) co_return std::move(*form.refusal);
    BudgetRequest request;
    request.user_id = context.user_id();
    auto category = form.get("category", true);
    auto amount = form.get("amount", true);
    auto month = form.get("month", false);
    auto rollover = form.get("rollover", false);
    if (form.refusal) co_return std::move(*form.refusal);
    request.category = std::move(*category);
    request.amount = std::move(*amount);
    request.month = std::move(*month);
    request.rollover = std::move(*rollover);
    auto budget = api.services.budgets.create(request, context.identity->user.time_zone);
    if (!budget) co_return json_refusal(budget.error());
    co_return json_ok(HttpStatus::created, budget_json(*budget));
}

awaitable<HttpResponse> edit_budget(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"amount", "rollover"});
    if (!form.body) co_return std::move(*form.refusal);
    BudgetEdit edit;
    edit.user_id = context.user_id();
    edit.budget_id = context.parameters.get("budget_id");
    if (form.body->contains("amount")) edit.amount = form.get("amount", true);
    if (form.body->contains("rollover")) edit.rollover = form.get("rollover", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto budget = api.services.budgets.edit(edit);
    if (!budget) co_return json_refusal(budget.error());
    co_return json_ok(HttpStatus::ok, budget_json(*budget));
}

awaitable<HttpResponse> delete_budget(ApiContext& api, RequestContext& context) {
    auto budget =
        api.services.budgets.remove(context.user_id(), context.parameters.get("budget_id"));
    if (!budget) co_return json_refusal(budget.error());
    co_return json_ok(HttpStatus::ok, budget_json(*budget));
}

}  // namespace

void add_api_budget_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    const std::string one = "/api/v1/budgets/{budget_id}";
    router.bind(V::get, "/api/v1/budgets",
                [&api](RequestContext& c) { return list_budgets(api, c); });
    router.bind(V::post, "/api/v1/budgets",
                [&api](RequestContext& c) { return create_budget(api, c); });
    router.bind(V::patch, one, [&api](RequestContext& c) { return edit_budget(api, c); });
    router.bind(V::delete_, one, [&api](RequestContext& c) { return delete_budget(api, c); });
}

}  // namespace bank
