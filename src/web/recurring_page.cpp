// /recurring: the person's recurring payments and income, as AnalyticsService::recurring
// detects them from their history.
#include "ledger/standing_order.hpp"  // iso_date
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {

namespace {

using kainjow::mustache::data;

std::string_view interval_label(RecurringInterval interval) {
    switch (interval) {
        case RecurringInterval::weekly:
            return "Every week";
        case RecurringInterval::monthly:
            return "Every month";
        case RecurringInterval::yearly:
            return "Every year";
    }
    return "";
}

data series_rows(const std::vector<RecurringSeries>& found, bool outgoing) {
    data rows{data::type::list};
    for (const RecurringSeries& series : found) {
        if (series.outgoing != outgoing) continue;
        data row;
        row.set("description", series.description);
        row.set("interval", std::string(interval_label(series.interval)));
        row.set("usual_amount", series.usual_amount.display());
        row.set("next_amount", series.next_amount.display());
        row.set("next_date", iso_date(series.next_date));
        row.set("last_date", iso_date(series.last_date));
        row.set("occurrences", std::to_string(series.occurrences));
        row.set("price_changed", series.price_changed);
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

boost::asio::awaitable<HttpResponse> recurring_page(WebContext& web, RequestContext& context) {
    const RecurringReport report = web.services.analytics.recurring(context.identity->user);
    ViewData view = base_view(context, "Recurring payments and income", "analytics");
    data payments = series_rows(report.series, true);
    data income = series_rows(report.series, false);
    view.set("has_payments", !payments.is_empty_list());
    view.set("has_income", !income.is_empty_list());
    view.set("payments", payments);
    view.set("income", income);
    view.set("as_of", iso_date(report.today));
    view.set("history_truncated", report.history_truncated);
    co_return render_page(web, context, HttpStatus::ok, "recurring", std::move(view));
}

}  // namespace bank
