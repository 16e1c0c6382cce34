// /goals: every savings goal of the person with its progress, its edit, delete and automatic
// transfer forms, and the form that makes one.
#include "core/goal_limits.hpp"
#include "web/goal_views.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"
#include "web/step_up_page.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
using kainjow::mustache::data;

constexpr std::string_view page_path = "/goals";

data savings_options(const std::vector<Account>& accounts, std::string_view selected) {
    data options{data::type::list};
    for (const Account& account : accounts) {
        if (account.account_type != AccountType::savings) continue;
        if (account.status != AccountStatus::active) continue;
        data option;
        option.set("account_id", account.account_id);
        option.set("label",
                   "Savings " + account.account_number + " (" + account.balance.display() + ")");
        option.set("selected", account.account_id == selected);
        options.push_back(option);
    }
    return options;
}

data day_options(std::string_view selected) {
    data options{data::type::list};
    for (int day = 1; day <= limits::goal_transfer_day_max; ++day) {
        data option;
        option.set("value", std::to_string(day));
        option.set("label", std::to_string(day));
        option.set("selected", std::to_string(day) == selected);
        options.push_back(option);
    }
    data last;
    last.set("value", "-1");
    last.set("label", "Last day of the month");
    last.set("selected", selected == "-1");
    options.push_back(last);
    return options;
}

ViewData goals_view(WebContext& web, const RequestContext& context) {
    ViewData view = base_view(context, "Savings goals", "goals");
    const std::string& user_id = context.identity->user.user_id;
    const auto accounts = web.services.accounts.list(user_id);
    const auto goals = web.services.goals.list(user_id);
    view.set("goals", goal_rows(goals, accounts));
    view.set("has_goals", !goals.empty());
    const data savings = savings_options(accounts, context.form.get("account_id"));
    view.set("savings_accounts", savings);
    view.set("has_savings_accounts", !savings.is_empty_list());
    view.set("from_accounts", account_options(accounts, context.form.get("from_account_id"), true,
                                              page_zone(context)));
    view.set("days", day_options(context.form.get("day_of_month")));
    view.set("goals_max", std::to_string(limits::goals_per_person));
    view.set("name_length_max", std::to_string(limits::goal_name_length_max));
    return view;
}

awaitable<HttpResponse> show(WebContext& web, RequestContext& context) {
    co_return render_page(web, context, HttpStatus::ok, "goals", goals_view(web, context));
}

HttpResponse refused(WebContext& web, RequestContext& context, const Error& error) {
    ViewData view = goals_view(web, context);
    keep_values(view, context, {"name", "target_amount"});
    view.set("value_target_date", date_input_value(context.form.get("target_date")));
    add_form_error(view, error);
    return render_page(web, context, status_of(error.code), "goals", std::move(view));
}

std::optional<GoalTransferRequest> transfer_of(const RequestContext& context) {
    const std::string from = context.form.get("from_account_id");
    if (from.empty()) return std::nullopt;
    return GoalTransferRequest{from, context.form.get("day_of_month")};
}

// The step-up of the transfer a form sets up or changes (`terms`), carrying `fields` back to
// `action` with the approval; nullopt when it may go.
awaitable<Result<std::optional<HttpResponse>>> step_up_of(
    WebContext& web, RequestContext& context, const Result<std::optional<GoalTransferTerms>>& terms,
    std::string action, std::vector<std::string> fields) {
    if (!terms) co_return terms.error();
    if (!*terms) co_return std::optional<HttpResponse>();
    PlannedTransfer transfer{std::move(action), (*terms)->to_account_number,
                             (*terms)->amount.to_string(), std::move(fields)};
    co_return co_await planned_transfer_step_up(web, context, std::move(transfer));
}

awaitable<HttpResponse> create(WebContext& web, RequestContext& context) {
    GoalRequest request;
    request.user_id = context.identity->user.user_id;
    request.account_id = context.form.get("account_id");
    request.name = context.form.get("name");
    request.target_amount = context.form.get("target_amount");
    request.target_date = context.form.get("target_date");
    request.auto_transfer = transfer_of(context);
    const auto terms = web.services.goals.transfer_terms(request);
    // Named arguments: GCC 12 mishandles temporaries in a co_await expression.
    std::string action(page_path);
    std::vector<std::string> carried{
        "account_id", "name", "target_amount", "target_date", "from_account_id", "day_of_month"};
    auto step_up = co_await step_up_of(web, context, terms, std::move(action), std::move(carried));
    if (!step_up) co_return refused(web, context, step_up.error());
    if (*step_up) co_return std::move(**step_up);
    auto view = web.services.goals.create(request);
    if (!view) co_return refused(web, context, view.error());
    std::string message = "Goal set: " + view->goal.target.display() + " for \"" + view->goal.name +
                          "\" by " + iso_date(view->goal.target_date) + ".";
    if (view->goal.standing_order_id) {
        message += " " + view->progress.monthly_needed.display() + " moves there every month.";
    }
    co_return redirect_with_flash(context, page_path, "success", std::move(message));
}

awaitable<HttpResponse> edit(WebContext& web, RequestContext& context) {
    GoalEdit edit;
    edit.user_id = context.identity->user.user_id;
    edit.goal_id = context.parameters.get("goal_id");
    edit.name = context.form.get("name");
    edit.target_amount = context.form.get("target_amount");
    edit.target_date = context.form.get("target_date");
    const auto terms = web.services.goals.transfer_terms(edit);
    std::string action = std::string(page_path) + "/" + edit.goal_id + "/edit";
    std::vector<std::string> carried{"name", "target_amount", "target_date"};
    auto step_up = co_await step_up_of(web, context, terms, std::move(action), std::move(carried));
    if (!step_up) co_return refused(web, context, step_up.error());
    if (*step_up) co_return std::move(**step_up);
    auto view = web.services.goals.edit(edit);
    if (!view) co_return refused(web, context, view.error());
    co_return redirect_with_flash(context, page_path, "success",
                                  "\"" + view->goal.name + "\" is saved.");
}

awaitable<HttpResponse> set_transfer(WebContext& web, RequestContext& context) {
    GoalEdit edit;
    edit.user_id = context.identity->user.user_id;
    edit.goal_id = context.parameters.get("goal_id");
    // No paying account chosen: the form that turns the transfer off.
    edit.auto_transfer = transfer_of(context);
    const auto terms = web.services.goals.transfer_terms(edit);
    std::string action = std::string(page_path) + "/" + edit.goal_id + "/transfer";
    std::vector<std::string> carried{"from_account_id", "day_of_month"};
    auto step_up = co_await step_up_of(web, context, terms, std::move(action), std::move(carried));
    if (!step_up) co_return refused(web, context, step_up.error());
    if (*step_up) co_return std::move(**step_up);
    auto view = web.services.goals.edit(edit);
    if (!view) co_return refused(web, context, view.error());
    const std::string state = view->goal.standing_order_id ? "on" : "off";
    co_return redirect_with_flash(
        context, page_path, "success",
        "The automatic transfer to \"" + view->goal.name + "\" is " + state + ".");
}

awaitable<HttpResponse> remove(WebContext& web, RequestContext& context) {
    auto view = web.services.goals.remove(context.identity->user.user_id,
                                          context.parameters.get("goal_id"));
    if (!view) co_return refused(web, context, view.error());
    co_return redirect_with_flash(context, page_path, "success",
                                  "\"" + view->goal.name + "\" is deleted.");
}

}  // namespace

void add_goal_pages(Router& router, WebContext& web) {
    const std::string one = std::string(page_path) + "/{goal_id}";
    router.bind(HttpVerb::get, page_path, [&web](RequestContext& c) { return show(web, c); });
    router.bind(HttpVerb::post, page_path, [&web](RequestContext& c) { return create(web, c); });
    router.bind(HttpVerb::post, one + "/edit", [&web](RequestContext& c) { return edit(web, c); });
    router.bind(HttpVerb::post, one + "/delete",
                [&web](RequestContext& c) { return remove(web, c); });
    router.bind(HttpVerb::post, one + "/transfer",
                [&web](RequestContext& c) { return set_transfer(web, c); });
}

}  // namespace bank
