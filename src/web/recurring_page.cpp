// /recurring: the person's recurring payments and income, as AnalyticsService::recurring
// detects them, merged with their decisions and standing orders
// (RecurringDecisionService::known), and the forms that confirm, dismiss or undo.
#include "ledger/standing_order.hpp"  // iso_date
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {

namespace {

using kainjow::mustache::data;

constexpr std::string_view recurring_page_path = "/recurring";

std::string_view interval_label(std::string_view interval) {
    if (interval == "daily") return "Every day";
    if (interval == "weekly") return "Every week";
    if (interval == "yearly") return "Every year";
    return "Every month";
}

std::string_view status_label(RecurrenceStatus status) {
    switch (status) {
        case RecurrenceStatus::detected:
            return "Detected";
        case RecurrenceStatus::confirmed:
            return "Confirmed";
        case RecurrenceStatus::dismissed:
            return "Dismissed";
        case RecurrenceStatus::standing_order:
            return "Standing order";
    }
    return "";
}

data recurrence_row(const KnownRecurrence& known) {
    const RecurringSeries& series = known.series;
    const bool ordered = known.status == RecurrenceStatus::standing_order;
    data row;
    row.set("description", series.description);
    row.set("interval", ordered ? known.schedule : std::string(interval_label(known.interval)));
    row.set("interval_value", known.interval);
    row.set("status", std::string(to_string(known.status)));
    row.set("status_label", std::string(status_label(known.status)));
    row.set("usual_amount", series.usual_amount.display());
    row.set("next_amount", series.next_amount.display());
    row.set("next_date", iso_date(series.next_date));
    row.set("occurrences", ordered ? std::string("–") : std::to_string(series.occurrences));
    row.set("price_changed", series.price_changed);
    row.set("is_order", ordered);
    row.set("can_confirm", known.status == RecurrenceStatus::detected);
    row.set("can_dismiss", known.status == RecurrenceStatus::detected ||
                               known.status == RecurrenceStatus::confirmed);
    row.set("can_undo", known.status == RecurrenceStatus::confirmed ||
                            known.status == RecurrenceStatus::dismissed);
    return row;
}

data recurrence_rows(const std::vector<KnownRecurrence>& found, bool outgoing) {
    data rows{data::type::list};
    for (const KnownRecurrence& known : found) {
        if (known.series.outgoing == outgoing) rows.push_back(recurrence_row(known));
    }
    return rows;
}

// The page; `error` (a refused form) is shown above it with its status.
HttpResponse render(WebContext& web, RequestContext& context, const Error* error) {
    const bool include_dismissed = context.query.get("include_dismissed") == "true";
    const auto report = web.services.recurring_decisions.known(
        context.identity->user, include_dismissed ? "true" : "false");
    ViewData view = base_view(context, "Recurring payments and income", "analytics");
    data payments = recurrence_rows(report->recurrences, true);
    data income = recurrence_rows(report->recurrences, false);
    view.set("has_payments", !payments.is_empty_list());
    view.set("has_income", !income.is_empty_list());
    view.set("payments", payments);
    view.set("income", income);
    view.set("as_of", iso_date(report->today));
    view.set("history_truncated", report->history_truncated);
    view.set("include_dismissed", include_dismissed);
    if (error == nullptr) return render_page(web, context, HttpStatus::ok, "recurring", view);
    add_form_error(view, *error);
    return render_page(web, context, status_of(error->code), "recurring", std::move(view));
}

RecurringDecisionRequest request_of(const RequestContext& context) {
    return RecurringDecisionRequest{context.identity->user.user_id, context.form.get("description"),
                                    context.form.get("interval"), context.form.get("decision")};
}

boost::asio::awaitable<HttpResponse> decide_recurring(WebContext& web, RequestContext& context) {
    const auto decided = web.services.recurring_decisions.decide(request_of(context));
    if (!decided) co_return render(web, context, &decided.error());
    const bool confirmed = decided->decision == RecurringDecisionKind::confirmed;
    co_return redirect_with_flash(
        context, recurring_page_path, "success",
        decided->description +
            (confirmed ? " is confirmed as recurring."
                       : " is dismissed: no longer shown here or counted in the forecast."));
}

boost::asio::awaitable<HttpResponse> undo(WebContext& web, RequestContext& context) {
    const auto undone = web.services.recurring_decisions.undo(request_of(context));
    if (!undone) co_return render(web, context, &undone.error());
    co_return redirect_with_flash(context, recurring_page_path, "success",
                                  undone->description + " is shown as detected again.");
}

}  // namespace

boost::asio::awaitable<HttpResponse> recurring_page(WebContext& web, RequestContext& context) {
    co_return render(web, context, nullptr);
}

void add_recurring_decision_pages(Router& router, WebContext& web) {
    const std::string decisions = std::string(recurring_page_path) + "/decisions";
    router.bind(HttpVerb::post, decisions,
                [&web](RequestContext& c) { return decide_recurring(web, c); });
    router.bind(HttpVerb::post, decisions + "/undo",
                [&web](RequestContext& c) { return undo(web, c); });
}

}  // namespace bank
