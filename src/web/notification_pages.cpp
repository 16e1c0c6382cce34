// /notifications: the person's newest notifications with their mark-read forms; /alerts: the
// person's alert rules with their delete forms and the form that adds one.
#include "core/alert_limits.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
using kainjow::mustache::data;

constexpr std::string_view notifications_path = "/notifications";
constexpr std::string_view alerts_path = "/alerts";

std::string_view kind_label(AlertKind kind) {
    switch (kind) {
        case AlertKind::transaction_above:
            return "A transaction above an amount";
        case AlertKind::unusual_transaction:
            return "An unusual transaction";
        case AlertKind::budget_threshold:
            return "A budget at 80% and 100%";
        case AlertKind::standing_order_failed:
            return "A standing order that failed";
        case AlertKind::new_device_sign_in:
            return "A sign-in from a new device";
        case AlertKind::projected_balance_below:
            return "A projected balance below an amount";
        case AlertKind::recurring_price_changed:
            return "A recurring payment whose price changed";
    }
    return "";
}

data kind_options(std::string_view selected) {
    data options{data::type::list};
    for (const AlertKind kind : alert_kinds()) {
        data option;
        option.set("value", std::string(to_string(kind)));
        option.set("label", std::string(kind_label(kind)));
        option.set("selected", to_string(kind) == selected);
        options.push_back(option);
    }
    return options;
}

ViewData notifications_view(WebContext& web, const RequestContext& context) {
    ViewData view = base_view(context, "Notifications", "notifications");
    const NotificationList list = web.services.alerts.notifications(context.user_id());
    const TimeZone zone = page_zone(context);
    data rows{data::type::list};
    for (const Notification& notification : list.notifications) {
        data row;
        row.set("notification_id", notification.notification_id);
        row.set("message", notification.message);
        row.set("kind", std::string(kind_label(notification.kind)));
        row.set("at", format_display(notification.created_at, zone));
        row.set("at_machine", format_html_datetime(notification.created_at));
        row.set("unread", !notification.read);
        rows.push_back(row);
    }
    view.set("notifications", rows);
    view.set("has_notifications", !list.notifications.empty());
    view.set("page_size", std::to_string(limits::notifications_page_size));
    return view;
}

awaitable<HttpResponse> show_notifications(WebContext& web, RequestContext& context) {
    co_return render_page(web, context, HttpStatus::ok, "notifications",
                          notifications_view(web, context));
}

awaitable<HttpResponse> read_one(WebContext& web, RequestContext& context) {
    auto marked =
        web.services.alerts.mark_read(context.user_id(), context.parameters.get("notification_id"));
    if (!marked) {
        // Another person's id (or none) answers 404, as every page does, changing nothing.
        ViewData view = notifications_view(web, context);
        add_form_error(view, marked.error());
        co_return render_page(web, context, status_of(marked.error().code), "notifications",
                              std::move(view));
    }
    co_return redirect_with_flash(context, notifications_path, "success", "Marked as read.");
}

awaitable<HttpResponse> read_all(WebContext& web, RequestContext& context) {
    const std::size_t marked = web.services.alerts.mark_all_read(context.user_id());
    co_return redirect_with_flash(context, notifications_path, "success",
                                  std::to_string(marked) + " marked as read.");
}

ViewData alerts_view(WebContext& web, const RequestContext& context) {
    ViewData view = base_view(context, "Alerts", "notifications");
    data rows{data::type::list};
    const auto rules = web.services.alerts.list_rules(context.user_id());
    for (const AlertRule& rule : rules) {
        data row;
        row.set("rule_id", rule.rule_id);
        row.set("kind", std::string(kind_label(rule.kind)));
        row.set("threshold", rule.threshold ? rule.threshold->display() : std::string());
        row.set("email", rule.email);
        rows.push_back(row);
    }
    view.set("rules", rows);
    view.set("has_rules", !rules.empty());
    view.set("kinds", kind_options(context.form.get("kind")));
    view.set("rules_max", std::to_string(limits::alert_rules_per_user_max));
    return view;
}

awaitable<HttpResponse> show_alerts(WebContext& web, RequestContext& context) {
    co_return render_page(web, context, HttpStatus::ok, "alerts", alerts_view(web, context));
}

awaitable<HttpResponse> create_alert(WebContext& web, RequestContext& context) {
    AlertRuleRequest request;
    request.user_id = context.user_id();
    request.kind = context.form.get("kind");
    request.threshold = context.form.get("threshold");
    request.email = context.form.get("email") == "on";
    auto rule = web.services.alerts.create_rule(request);
    if (!rule) {
        ViewData view = alerts_view(web, context);
        keep_values(view, context, {"threshold"});
        add_form_error(view, rule.error());
        co_return render_page(web, context, status_of(rule.error().code), "alerts",
                              std::move(view));
    }
    co_return redirect_with_flash(context, alerts_path, "success",
                                  "Alert added: " + std::string(kind_label(rule->kind)) + ".");
}

awaitable<HttpResponse> delete_alert(WebContext& web, RequestContext& context) {
    auto rule =
        web.services.alerts.remove_rule(context.user_id(), context.parameters.get("rule_id"));
    if (!rule) {
        ViewData view = alerts_view(web, context);
        add_form_error(view, rule.error());
        co_return render_page(web, context, status_of(rule.error().code), "alerts",
                              std::move(view));
    }
    co_return redirect_with_flash(context, alerts_path, "success", "The alert is deleted.");
}

}  // namespace

void add_notification_pages(Router& router, WebContext& web) {
    using V = HttpVerb;
    const std::string one = std::string(notifications_path) + "/{notification_id}/read";
    router.bind(V::get, notifications_path,
                [&web](RequestContext& c) { return show_notifications(web, c); });
    router.bind(V::post, one, [&web](RequestContext& c) { return read_one(web, c); });
    router.bind(V::post, std::string(notifications_path) + "/read-all",
                [&web](RequestContext& c) { return read_all(web, c); });
    router.bind(V::get, alerts_path, [&web](RequestContext& c) { return show_alerts(web, c); });
    router.bind(V::post, alerts_path, [&web](RequestContext& c) { return create_alert(web, c); });
    router.bind(V::post, std::string(alerts_path) + "/{rule_id}/delete",
                [&web](RequestContext& c) { return delete_alert(web, c); });
}

}  // namespace bank
