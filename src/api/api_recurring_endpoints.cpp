// GET /api/v1/analytics/recurring (what was detected, decided and ordered) and the decisions
// on it: POST and DELETE /api/v1/analytics/recurring/decisions.
#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "http/response.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

json::value or_null(bool present, json::value value) {
    return present ? std::move(value) : json::value(nullptr);
}

json::object recurrence_json(const KnownRecurrence& known) {
    const RecurringSeries& series = known.series;
    const bool ordered = known.status == RecurrenceStatus::standing_order;
    return json::object{
        {"description", series.description},
        {"direction", series.outgoing ? "outgoing" : "incoming"},
        {"interval", known.interval},
        {"status", to_string(known.status)},
        {"usual_amount", series.usual_amount.to_string()},
        {"last_amount", series.last_amount.to_string()},
        {"last_date", or_null(!ordered, json::value(iso_date(series.last_date)))},
        {"next_date", iso_date(series.next_date)},
        {"next_amount", series.next_amount.to_string()},
        {"price_changed", series.price_changed},
        {"occurrences", or_null(!ordered, json::value(series.occurrences))},
        {"standing_order_id", or_null(ordered, json::value(known.standing_order_id))},
        {"schedule", or_null(ordered, json::value(known.schedule))}};
}

json::object decision_json(const RecurringDecision& decision) {
    return json::object{{"description", decision.description},
                        {"interval", to_string(decision.interval)},
                        {"decision", to_string(decision.decision)},
                        {"recurrence_key", decision.recurrence_key},
                        {"decided_at", format_rfc3339(decision.decided_at)}};
}

awaitable<HttpResponse> list_recurring(ApiContext& api, RequestContext& context) {
    const auto report = api.services.recurring_decisions.known(
        context.identity->user, context.query.get("include_dismissed"));
    if (!report) co_return json_refusal(report.error());
    json::array rows;
    for (const KnownRecurrence& known : report->recurrences) rows.push_back(recurrence_json(known));
    co_return json_ok(HttpStatus::ok, json::object{{"as_of", iso_date(report->today)},
                                                   {"history_truncated", report->history_truncated},
                                                   {"recurring", std::move(rows)}});
}

awaitable<HttpResponse> decide(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"description", "interval", "decision"});
    if (!form.body) co_return std::move(*form.refusal);
    auto description = form.get("description", true);
    auto interval = form.get("interval", true);
    auto decision = form.get("decision", true);
    if (form.refusal) co_return std::move(*form.refusal);
    const auto decided = api.services.recurring_decisions.decide(
        RecurringDecisionRequest{context.identity->user.user_id, std::move(*description),
                                 std::move(*interval), std::move(*decision)});
    if (!decided) co_return json_refusal(decided.error());
    co_return json_ok(HttpStatus::ok, decision_json(*decided));
}

awaitable<HttpResponse> undo(ApiContext& api, RequestContext& context) {
    const auto undone = api.services.recurring_decisions.undo(
        RecurringDecisionRequest{context.identity->user.user_id,
                                 context.query.get("description"),
                                 context.query.get("interval"),
                                 {}});
    if (!undone) co_return json_refusal(undone.error());
    co_return json_ok(HttpStatus::ok, decision_json(*undone));
}

}  // namespace

void add_api_recurring_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    const std::string decisions = "/api/v1/analytics/recurring/decisions";
    router.bind(V::get, "/api/v1/analytics/recurring",
                [&api](RequestContext& c) { return list_recurring(api, c); });
    router.bind(V::post, decisions, [&api](RequestContext& c) { return decide(api, c); });
    router.bind(V::delete_, decisions, [&api](RequestContext& c) { return undo(api, c); });
}

}  // namespace bank
