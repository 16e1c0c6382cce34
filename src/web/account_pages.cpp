#include <algorithm>

#include "http/response.hpp"
#include "ledger/standing_order.hpp"
#include "web/analytics_views.hpp"
#include "web/budget_views.hpp"
#include "web/dashboard_cache.hpp"
#include "web/forecast_views.hpp"
#include "web/goal_views.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
using kainjow::mustache::data;

constexpr std::size_t dashboard_recent_max = 10;

Money total_balance(const std::vector<Account>& accounts) {
    Money total;
    for (const auto& account : accounts) {
        if (auto sum = total.checked_add(account.balance)) total = *sum;
    }
    return total;
}

// This month's money in and out and spending by category, from the rollups.
void add_month_figures(WebContext& web, const User& user, ViewData& view) {
    auto scope = web.services.analytics.scope(user.user_id, "", PeriodChoice{"month", "", ""},
                                              TimeZone::named_or_utc(user.time_zone));
    if (!scope) return;
    view.set("charts", true);
    add_spending_views(view, web.services.analytics.spending(*scope));
}

ViewData dashboard_view(WebContext& web, const RequestContext& context,
                        const std::vector<Account>& accounts) {
    const std::string& user_id = context.identity->user.user_id;
    ViewData view = base_view(context, "Dashboard", "dashboard");
    view.set("total_balance", total_balance(accounts).display());
    view.set("accounts", account_options(accounts, "", true, page_zone(context)));
    view.set("has_accounts", !accounts.empty());
    HistoryFilter filter;
    filter.limit = std::to_string(dashboard_recent_max);
    data rows{data::type::list};
    if (auto page = web.services.history.list(user_id, filter)) {
        for (const auto& row : page->rows)
            rows.push_back(transaction_view(row, accounts, page_zone(context)));
        view.set("has_transactions", !page->rows.empty());
    }
    view.set("transactions", rows);
    add_month_figures(web, context.identity->user, view);
    // This month's budgets (the /budgets page has the other months and the forms).
    if (auto report = web.services.budgets.progress(context.identity->user, "")) {
        view.set("progress", budget_progress_rows(*report));
        view.set("has_progress", !report->budgets.empty());
    }
    // Savings goals, only when the person has some (the /goals page has the forms).
    const auto goals = web.services.goals.list(user_id);
    view.set("goals", goal_rows(goals, accounts));
    view.set("has_goals", !goals.empty());
    if (const auto forecast = web.services.forecasts.forecast(context.identity->user, "", "", "")) {
        view.set("charts", true);
        add_forecast_views(view, *forecast);
    }
    return view;
}

// The user's id, then their accounts': what a dashboard's data version covers.
std::vector<std::string> version_ids(const std::string& user_id,
                                     const std::vector<Account>& accounts) {
    std::vector<std::string> ids;
    ids.reserve(accounts.size() + 1);
    ids.push_back(user_id);
    for (const auto& account : accounts) ids.push_back(account.account_id);
    return ids;
}

// From the cache while nothing of the person's changed (web/dashboard_cache.hpp). A page
// with a flash message is one of a kind and is neither served from nor kept in the cache.
awaitable<HttpResponse> dashboard(WebContext& web, RequestContext& context) {
    const std::string& user_id = context.identity->user.user_id;
    DashboardCache* cache = context.flash ? nullptr : web.dashboard_cache;
    if (cache == nullptr) {
        co_return render_page(web, context, HttpStatus::ok, "dashboard",
                              dashboard_view(web, context, web.services.accounts.list(user_id)));
    }
    std::string day = cache->today(page_zone(context));
    const auto version_of = [&](const std::vector<std::string>& ids) {
        return web.services.accounts.data_version(ids);
    };
    if (const auto entry = cache->find_valid(user_id, day, version_of)) {
        co_return html_response(HttpStatus::ok, DashboardCache::page(*entry, context.csrf_token));
    }
    // The version is read before the data it guards; the ids it covers are checked against
    // the accounts the page then shows (one may have been opened in between).
    std::vector<std::string> ids = version_ids(user_id, web.services.accounts.list(user_id));
    const auto version = web.services.accounts.data_version(ids);
    const auto accounts = web.services.accounts.list(user_id);
    ViewData view = dashboard_view(web, context, accounts);
    if (!version || version_ids(user_id, accounts) != ids) {
        co_return render_page(web, context, HttpStatus::ok, "dashboard", std::move(view));
    }
    view.set("csrf_token", cache->csrf_marker());
    add_notification_bell(web, context, view);
    const std::string page = web.views.render_page("dashboard", std::move(view));
    const auto entry = cache->keep(*version, std::move(day), std::move(ids), page);
    co_return html_response(HttpStatus::ok, DashboardCache::page(*entry, context.csrf_token));
}

// The savings rate in force and its history, for a person with a savings account.
void add_interest_rates(WebContext& web, const std::vector<Account>& accounts, ViewData& view) {
    const bool has_savings = std::any_of(accounts.begin(), accounts.end(), [](const Account& a) {
        return a.account_type == AccountType::savings && a.status == AccountStatus::active;
    });
    view.set("has_savings", has_savings);
    if (!has_savings) return;
    const InterestRateHistory history = web.services.interest.savings_rates();
    view.set("savings_rate",
             history.in_force ? history.in_force->annual_rate.percent_text() : std::string("0"));
    ViewData periods{ViewData::type::list};
    for (const InterestRate& period : history.periods) {
        ViewData row;
        row.set("annual_rate", period.annual_rate.percent_text());
        row.set("effective_from", iso_date(period.effective_from));
        periods.push_back(row);
    }
    view.set("rate_periods", periods);
    view.set("has_rate_periods", !history.periods.empty());
}

awaitable<HttpResponse> accounts_page(WebContext& web, RequestContext& context) {
    const auto accounts = web.services.accounts.list(context.identity->user.user_id);
    ViewData view = base_view(context, "Accounts", "accounts");
    add_interest_rates(web, accounts, view);
    view.set("accounts", account_options(accounts, "", false, page_zone(context)));
    view.set("has_accounts", !accounts.empty());
    view.set("total_balance", total_balance(accounts).display());
    co_return render_page(web, context, HttpStatus::ok, "accounts", std::move(view));
}

ViewData create_view(const RequestContext& context, std::string_view type) {
    ViewData view = base_view(context, "Open an account", "accounts");
    view.set("checking_selected", type != "savings");
    view.set("savings_selected", type == "savings");
    return view;
}

awaitable<HttpResponse> create_form(WebContext& web, RequestContext& context) {
    co_return render_page(web, context, HttpStatus::ok, "account_create",
                          create_view(context, context.query.get("account_type")));
}

awaitable<HttpResponse> create_submit(WebContext& web, RequestContext& context) {
    auto account = co_await web.services.accounts.open(context.identity->user.user_id,
                                                       context.form.get("account_type"),
                                                       context.form.get("initial_balance"));
    if (!account) {
        ViewData view = create_view(context, context.form.get("account_type"));
        keep_values(view, context, {"initial_balance"});
        add_form_error(view, account.error());
        co_return render_page(web, context, status_of(account.error().code), "account_create",
                              std::move(view));
    }
    co_return redirect_with_flash(context, "/accounts", "success",
                                  "Your " + std::string(to_string(account->account_type)) +
                                      " account " + account->account_number +
                                      " is open. Balance: " + account->balance.display() + ".");
}

awaitable<HttpResponse> close_submit(WebContext& web, RequestContext& context) {
    auto account = co_await web.services.accounts.close(context.identity->user.user_id,
                                                        context.form.get("account_id"));
    if (!account) {
        if (account.error().code == ErrorCode::not_found) {
            ViewData view = base_view(context, "Not found", "");
            view.set("message", account.error().message);
            co_return render_page(web, context, HttpStatus::not_found, "error", std::move(view));
        }
        co_return redirect_with_flash(context, "/accounts", "danger", account.error().message);
    }
    co_return redirect_with_flash(context, "/accounts", "success",
                                  "Account " + account->account_number + " is closed.");
}

}  // namespace

void add_account_pages(Router& router, WebContext& web) {
    using V = HttpVerb;
    router.bind(V::get, "/dashboard", [&web](RequestContext& c) { return dashboard(web, c); });
    router.bind(V::get, "/accounts", [&web](RequestContext& c) { return accounts_page(web, c); });
    router.bind(V::get, "/accounts/create",
                [&web](RequestContext& c) { return create_form(web, c); });
    router.bind(V::post, "/accounts/create",
                [&web](RequestContext& c) { return create_submit(web, c); });
    router.bind(V::post, "/accounts/close",
                [&web](RequestContext& c) { return close_submit(web, c); });
}

}  // namespace bank
