#include <chrono>

#include "core/limits.hpp"
#include "core/standing_order_limits.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"
#include "web/step_up_page.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
using kainjow::mustache::data;

constexpr std::string_view page_path = "/standing-orders";

// "Tuesday, June 30, 2026": a due date in words, as the person reads a calendar.
std::string date_in_words(Date date) {
    static constexpr const char* weekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                               "Thursday", "Friday", "Saturday"};
    static constexpr const char* months[] = {"January",   "February", "March",    "April",
                                             "May",       "June",     "July",     "August",
                                             "September", "October",  "November", "December"};
    const std::chrono::weekday weekday{std::chrono::sys_days(date)};
    return std::string(weekdays[weekday.c_encoding()]) + ", " +
           months[static_cast<unsigned>(date.month()) - 1] + " " +
           std::to_string(static_cast<unsigned>(date.day())) + ", " +
           std::to_string(static_cast<int>(date.year()));
}

std::string account_label(const std::vector<Account>& accounts, const std::string& account_id) {
    for (const Account& account : accounts) {
        if (account.account_id == account_id) return account.account_number;
    }
    return account_id;
}

data order_row(const StandingOrderView& view, const std::vector<Account>& accounts) {
    const StandingOrder& order = view.order;
    data row;
    row.set("standing_order_id", order.standing_order_id);
    row.set("description", order.description);
    row.set("from_account", account_label(accounts, order.from_account_id));
    row.set("to_account_number", order.to_account_number);
    row.set("amount", order.amount.display());
    row.set("schedule", view.schedule);
    row.set("status", std::string(to_string(order.status)));
    row.set("is_active", order.status == StandingOrderStatus::active);
    row.set("is_paused", order.status == StandingOrderStatus::paused);
    row.set("is_open", order.status == StandingOrderStatus::active ||
                           order.status == StandingOrderStatus::paused);
    data dates{data::type::list};
    for (const Date date : view.next_dates) {
        data item;
        item.set("date", iso_date(date));
        item.set("words", date_in_words(date));
        dates.push_back(item);
    }
    row.set("next_dates", dates);
    row.set("has_next_dates", !view.next_dates.empty());
    return row;
}

ViewData orders_view(WebContext& web, const RequestContext& context) {
    ViewData view = base_view(context, "Standing orders", "standing_orders");
    const std::string& user_id = context.identity->user.user_id;
    const auto accounts = web.services.accounts.list(user_id);
    const auto orders = web.services.standing_orders.list(user_id);
    data rows{data::type::list};
    for (const auto& order : orders) rows.push_back(order_row(order, accounts));
    view.set("orders", rows);
    view.set("has_orders", !orders.empty());
    view.set("accounts",
             account_options(accounts, context.form.get("account_id"), true, page_zone(context)));
    view.set("has_accounts", !accounts.empty());
    view.set("categories", category_options(context.form.get("category")));
    view.set("orders_max", std::to_string(limits::standing_orders_per_user_max));
    view.set("description_length_max", std::to_string(limits::description_length_max));
    return view;
}

awaitable<HttpResponse> show(WebContext& web, RequestContext& context) {
    co_return render_page(web, context, HttpStatus::ok, "standing_orders",
                          orders_view(web, context));
}

HttpResponse refused(WebContext& web, const RequestContext& context, const Error& error) {
    ViewData view = orders_view(web, context);
    keep_values(view, context, {"to_account_number", "amount", "description", "rrule"});
    view.set("value_start_date", date_input_value(context.form.get("start_date")));
    Error shown = error;
    // The service names the paying account as the API does; the form's field is account_id.
    if (shown.field == "from_account_id") shown.field = "account_id";
    add_form_error(view, shown);
    return render_page(web, context, status_of(error.code), "standing_orders", std::move(view));
}

awaitable<HttpResponse> create(WebContext& web, RequestContext& context) {
    // The step-up rule of a transfer, once, when the order is made.
    auto step_up = co_await transfer_step_up(web, context, page_path);
    if (!step_up) co_return refused(web, context, step_up.error());
    if (*step_up) co_return std::move(**step_up);
    StandingOrderRequest request;
    request.user_id = context.identity->user.user_id;
    request.from_account_id = context.form.get("account_id");
    request.to_account_number = context.form.get("to_account_number");
    request.amount = context.form.get("amount");
    request.description = context.form.get("description");
    request.category = context.form.get("category");
    request.start_date = context.form.get("start_date");
    request.rrule = context.form.get("rrule");
    auto view = web.services.standing_orders.create(request);
    if (!view) co_return refused(web, context, view.error());
    std::string message = "Standing order set up: " + view->order.amount.display() + " to " +
                          view->order.to_account_number + ", " + view->schedule + ".";
    co_return redirect_with_flash(context, page_path, "success", std::move(message));
}

awaitable<HttpResponse> set_status(WebContext& web, RequestContext& context) {
    StandingOrderEdit edit;
    edit.user_id = context.identity->user.user_id;
    edit.standing_order_id = context.parameters.get("standing_order_id");
    edit.status = context.form.get("status");
    auto view = web.services.standing_orders.edit(edit);
    if (!view) co_return refused(web, context, view.error());
    const bool paused = view->order.status == StandingOrderStatus::paused;
    co_return redirect_with_flash(
        context, page_path, "success",
        "\"" + view->order.description + "\" is " + (paused ? "paused." : "running again."));
}

awaitable<HttpResponse> cancel(WebContext& web, RequestContext& context) {
    auto view = web.services.standing_orders.cancel(context.identity->user.user_id,
                                                    context.parameters.get("standing_order_id"));
    if (!view) co_return refused(web, context, view.error());
    co_return redirect_with_flash(context, page_path, "success",
                                  "\"" + view->order.description + "\" is cancelled.");
}

awaitable<HttpResponse> show_occurrences(WebContext& web, RequestContext& context) {
    const std::string& user_id = context.identity->user.user_id;
    const std::string order_id = context.parameters.get("standing_order_id");
    auto order = web.services.standing_orders.get(user_id, order_id);
    auto occurrences = web.services.standing_orders.occurrences(user_id, order_id);
    if (!order || !occurrences) {
        ViewData view = base_view(context, "Not found", "standing_orders");
        view.set("message", std::string("That standing order was not found."));
        co_return render_page(web, context, HttpStatus::not_found, "error", std::move(view));
    }
    ViewData view = base_view(context, "Standing order", "standing_orders");
    view.set("order", order_row(*order, web.services.accounts.list(user_id)));
    data rows{data::type::list};
    for (const Occurrence& occurrence : *occurrences) {
        data row;
        row.set("due_date", iso_date(occurrence.due_date));
        row.set("due_words", date_in_words(occurrence.due_date));
        row.set("status", std::string(to_string(occurrence.status)));
        row.set("attempts", std::to_string(occurrence.attempts));
        row.set("detail", occurrence.detail);
        row.set("transaction_id", occurrence.transaction_id);
        row.set("has_transaction", !occurrence.transaction_id.empty());
        rows.push_back(row);
    }
    view.set("occurrences", rows);
    view.set("has_occurrences", !occurrences->empty());
    co_return render_page(web, context, HttpStatus::ok, "standing_order", std::move(view));
}

}  // namespace

void add_standing_order_pages(Router& router, WebContext& web) {
    const std::string one = std::string(page_path) + "/{standing_order_id}";
    router.bind(HttpVerb::get, page_path, [&web](RequestContext& c) { return show(web, c); });
    router.bind(HttpVerb::post, page_path, [&web](RequestContext& c) { return create(web, c); });
    router.bind(HttpVerb::get, one, [&web](RequestContext& c) { return show_occurrences(web, c); });
    router.bind(HttpVerb::post, one + "/status",
                [&web](RequestContext& c) { return set_status(web, c); });
    router.bind(HttpVerb::post, one + "/cancel",
                [&web](RequestContext& c) { return cancel(web, c); });
}

}  // namespace bank
