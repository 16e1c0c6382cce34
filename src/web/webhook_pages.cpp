// /webhooks: a person's webhook endpoints with their delivery logs, the form that registers
// one (its secret shown on the answer to that form, once), and the test and delete forms.
#include <algorithm>

#include "core/webhook_limits.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
using kainjow::mustache::data;

constexpr std::string_view page_path = "/webhooks";
// The log entries shown per endpoint on the page (the API answers up to
// limits::webhook_deliveries_listed_max).
constexpr std::size_t page_log_entries = 5;

data event_options(const std::vector<std::string>& checked) {
    data options{data::type::list};
    for (const std::string_view type : webhook_event_types()) {
        data option;
        option.set("name", std::string(type));
        option.set("id", "event-" + std::string(type));
        option.set("checked", std::find(checked.begin(), checked.end(), type) != checked.end());
        options.push_back(option);
    }
    return options;
}

data delivery_rows(WebContext& web, const RequestContext& context,
                   const WebhookEndpoint& endpoint) {
    data rows{data::type::list};
    auto log = web.services.webhooks.deliveries(endpoint.user_id, endpoint.endpoint_id);
    if (!log) return rows;
    const TimeZone zone = page_zone(context);
    for (std::size_t i = 0; i < std::min(log->size(), page_log_entries); ++i) {
        const WebhookDelivery& delivery = (*log)[i];
        data row;
        row.set("event_id", delivery.delivery_id);
        row.set("event_type", delivery.event_type);
        row.set("state", std::string(to_string(delivery.state)));
        row.set("attempts", std::to_string(delivery.attempts));
        row.set("status", delivery.last_status == 0 ? std::string("none")
                                                    : std::to_string(delivery.last_status));
        row.set("latency", std::to_string(delivery.last_latency_ms) + " ms");
        row.set("error", delivery.last_error);
        row.set("has_error", !delivery.last_error.empty());
        row.set("created", format_display(delivery.created_at, zone));
        rows.push_back(row);
    }
    return rows;
}

data endpoint_rows(WebContext& web, const RequestContext& context,
                   const std::vector<WebhookEndpoint>& endpoints) {
    data rows{data::type::list};
    for (const WebhookEndpoint& endpoint : endpoints) {
        data row;
        row.set("endpoint_id", endpoint.endpoint_id);
        row.set("url", endpoint.url);
        std::string events;
        for (const std::string& event : endpoint.events) {
            events += (events.empty() ? "" : ", ") + event;
        }
        row.set("events", events);
        row.set("enabled", endpoint.enabled);
        row.set("failing", endpoint.failing_since.has_value());
        const data deliveries = delivery_rows(web, context, endpoint);
        row.set("has_deliveries", !deliveries.is_empty_list());
        row.set("deliveries", deliveries);
        rows.push_back(row);
    }
    return rows;
}

ViewData webhooks_view(WebContext& web, const RequestContext& context) {
    ViewData view = base_view(context, "Webhooks", "profile");
    const auto endpoints = web.services.webhooks.list(context.identity->user.user_id);
    view.set("endpoints", endpoint_rows(web, context, endpoints));
    view.set("has_endpoints", !endpoints.empty());
    std::vector<std::string> checked;
    for (const auto& [name, value] : context.form.entries()) {
        if (name == "events") checked.push_back(value);
    }
    view.set("events", event_options(checked));
    view.set("endpoints_max", std::to_string(limits::webhook_endpoints_per_person));
    return view;
}

awaitable<HttpResponse> show(WebContext& web, RequestContext& context) {
    co_return render_page(web, context, HttpStatus::ok, "webhooks", webhooks_view(web, context));
}

awaitable<HttpResponse> create(WebContext& web, RequestContext& context) {
    std::vector<std::string> events;
    for (const auto& [name, value] : context.form.entries()) {
        if (name == "events") events.push_back(value);
    }
    auto created = web.services.webhooks.create(context.identity->user.user_id,
                                                context.form.get("url"), events);
    if (!created) {
        ViewData view = webhooks_view(web, context);
        keep_values(view, context, {"url"});
        add_form_error(view, created.error());
        co_return render_page(web, context, status_of(created.error().code), "webhooks",
                              std::move(view));
    }
    // Not redirected: the secret is on this answer alone, never in a flash or a URL.
    ViewData view = webhooks_view(web, context);
    view.set("new_secret", created->secret);
    view.set("new_url", created->endpoint.url);
    view.set("events", event_options({}));
    co_return render_page(web, context, HttpStatus::created, "webhooks", std::move(view));
}

// Another person's endpoint (or none) is not found, as on the API.
HttpResponse refused(WebContext& web, RequestContext& context, const Error& error) {
    if (error.code == ErrorCode::not_found) {
        ViewData view = base_view(context, "Not found", "");
        view.set("message", error.message);
        return render_page(web, context, HttpStatus::not_found, "error", std::move(view));
    }
    return redirect_with_flash(context, page_path, "danger", error.message);
}

awaitable<HttpResponse> test(WebContext& web, RequestContext& context) {
    auto event_id = web.services.webhooks.send_test(context.identity->user.user_id,
                                                    context.parameters.get("endpoint_id"));
    if (!event_id) co_return refused(web, context, event_id.error());
    co_return redirect_with_flash(
        context, page_path, "success",
        "A test event is on its way (" + *event_id + "); its delivery shows below.");
}

awaitable<HttpResponse> enable(WebContext& web, RequestContext& context) {
    auto enabled = web.services.webhooks.enable(context.identity->user.user_id,
                                                context.parameters.get("endpoint_id"));
    if (!enabled) co_return refused(web, context, enabled.error());
    co_return redirect_with_flash(context, page_path, "success",
                                  "The endpoint " + enabled->url + " is on: new events go to it.");
}

awaitable<HttpResponse> remove(WebContext& web, RequestContext& context) {
    auto removed = web.services.webhooks.remove(context.identity->user.user_id,
                                                context.parameters.get("endpoint_id"));
    if (!removed) co_return refused(web, context, removed.error());
    co_return redirect_with_flash(context, page_path, "success",
                                  "The endpoint " + removed->url + " is deleted.");
}

}  // namespace

void add_webhook_pages(Router& router, WebContext& web) {
    const std::string one = std::string(page_path) + "/{endpoint_id}";
    router.bind(HttpVerb::get, page_path, [&web](RequestContext& c) { return show(web, c); });
    router.bind(HttpVerb::post, page_path, [&web](RequestContext& c) { return create(web, c); });
    router.bind(HttpVerb::post, one + "/test", [&web](RequestContext& c) { return test(web, c); });
    router.bind(HttpVerb::post, one + "/enable",
                [&web](RequestContext& c) { return enable(web, c); });
    router.bind(HttpVerb::post, one + "/delete",
                [&web](RequestContext& c) { return remove(web, c); });
}

}  // namespace bank
