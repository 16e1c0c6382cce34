// /budgets: the budgets in force in a month with their progress, every budget of the person
// with its edit and delete forms, and the form that makes one.
#include "core/budget_limits.hpp"
#include "ledger/category.hpp"
#include "web/budget_views.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
using kainjow::mustache::data;

constexpr std::string_view page_path = "/budgets";

data rollover_options(BudgetRollover selected) {
    static constexpr std::pair<BudgetRollover, const char*> choices[] = {
        {BudgetRollover::none, "None: each month starts afresh"},
        {BudgetRollover::surplus, "Carry unspent money forward"},
        {BudgetRollover::both, "Carry unspent money and overspending forward"}};
    data options{data::type::list};
    for (const auto& [rollover, label] : choices) {
        data option;
        option.set("value", std::string(to_string(rollover)));
        option.set("label", std::string(label));
        option.set("selected", rollover == selected);
        options.push_back(option);
    }
    return options;
}

data budget_rows(const std::vector<Budget>& budgets) {
    data rows{data::type::list};
    for (const Budget& budget : budgets) {
        data row;
        row.set("budget_id", budget.budget_id);
        row.set("category", budget.category);
        row.set("when", budget.month.empty() ? "Every month from " + budget.start_month
                                             : "Only " + budget.month);
        row.set("amount", budget.amount.display());
        row.set("amount_value", budget.amount.to_string());
        row.set("rollovers", rollover_options(budget.rollover));
        rows.push_back(row);
    }
    return rows;
}

ViewData budgets_view(WebContext& web, const RequestContext& context, const std::string& month,
                      std::optional<Error>& error) {
    ViewData view = base_view(context, "Budgets", "budgets");
    auto report = web.services.budgets.progress(context.identity->user, month);
    if (!report) {
        error = report.error();
        report = web.services.budgets.progress(context.identity->user, "");
    }
    const int shown = *parse_budget_month(report->month);
    view.set("month", report->month);
    view.set("is_current", report->is_current);
    view.set("previous_month", budget_month_text(shown - 1));
    view.set("next_month", budget_month_text(shown + 1));
    view.set("progress", budget_progress_rows(*report));
    view.set("has_progress", !report->budgets.empty());
    const auto budgets = web.services.budgets.list(context.identity->user.user_id);
    view.set("budgets", budget_rows(budgets));
    view.set("has_budgets", !budgets.empty());
    view.set("categories", category_options(context.form.get("category")));
    const auto rollover = parse_budget_rollover(context.form.get("rollover"));
    view.set("rollovers", rollover_options(rollover.value_or(BudgetRollover::none)));
    view.set("budgets_max", std::to_string(limits::budgets_per_user_max));
    view.set("rollover_months_max", std::to_string(limits::budget_rollover_months_max));
    return view;
}

awaitable<HttpResponse> show(WebContext& web, RequestContext& context) {
    std::optional<Error> error;
    ViewData view = budgets_view(web, context, context.query.get("month"), error);
    if (!error) co_return render_page(web, context, HttpStatus::ok, "budgets", std::move(view));
    add_form_error(view, *error);
    co_return render_page(web, context, status_of(error->code), "budgets", std::move(view));
}

HttpResponse refused(WebContext& web, RequestContext& context, const Error& error) {
    std::optional<Error> ignored;
    ViewData view = budgets_view(web, context, "", ignored);
    keep_values(view, context, {"amount"});
    // A type="month" input may show only a month (the field's error says what was wrong).
    const std::string month = context.form.get("month");
    if (parse_budget_month(month)) view.set("value_month", month);
    add_form_error(view, error);
    return render_page(web, context, status_of(error.code), "budgets", std::move(view));
}

std::string page_of(const Budget& budget) {
    return budget.month.empty() ? std::string(page_path)
                                : std::string(page_path) + "?month=" + budget.month;
}

awaitable<HttpResponse> create(WebContext& web, RequestContext& context) {
    BudgetRequest request;
    request.user_id = context.identity->user.user_id;
    request.category = context.form.get("category");
    request.amount = context.form.get("amount");
    request.month = context.form.get("month");
    request.rollover = context.form.get("rollover");
    auto budget = web.services.budgets.create(request, context.identity->user.time_zone);
    if (!budget) co_return refused(web, context, budget.error());
    const std::string when = budget->month.empty() ? "every month" : budget->month;
    co_return redirect_with_flash(
        context, page_of(*budget), "success",
        "Budget set: " + budget->amount.display() + " for " + budget->category + ", " + when + ".");
}

awaitable<HttpResponse> edit(WebContext& web, RequestContext& context) {
    BudgetEdit edit;
    edit.user_id = context.identity->user.user_id;
    edit.budget_id = context.parameters.get("budget_id");
    edit.amount = context.form.get("amount");
    edit.rollover = context.form.get("rollover");
    auto budget = web.services.budgets.edit(edit);
    if (!budget) co_return refused(web, context, budget.error());
    co_return redirect_with_flash(
        context, page_of(*budget), "success",
        "The " + budget->category + " budget is now " + budget->amount.display() + ".");
}

awaitable<HttpResponse> remove(WebContext& web, RequestContext& context) {
    auto budget = web.services.budgets.remove(context.identity->user.user_id,
                                              context.parameters.get("budget_id"));
    if (!budget) co_return refused(web, context, budget.error());
    co_return redirect_with_flash(context, page_path, "success",
                                  "The " + budget->category + " budget is deleted.");
}

}  // namespace

void add_budget_pages(Router& router, WebContext& web) {
    const std::string one = std::string(page_path) + "/{budget_id}";
    router.bind(HttpVerb::get, page_path, [&web](RequestContext& c) { return show(web, c); });
    router.bind(HttpVerb::post, page_path, [&web](RequestContext& c) { return create(web, c); });
    router.bind(HttpVerb::post, one + "/edit", [&web](RequestContext& c) { return edit(web, c); });
    router.bind(HttpVerb::post, one + "/delete",
                [&web](RequestContext& c) { return remove(web, c); });
}

}  // namespace bank
