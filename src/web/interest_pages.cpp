// /admin's interest form (POST /admin/interest-rates, CSRF-checked as every admin form) and the
// rate periods it lists.
#include "http/response.hpp"
#include "ledger/standing_order.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
using kainjow::mustache::data;

awaitable<HttpResponse> set_rate(WebContext& web, RequestContext& context) {
    const auto rate = web.services.interest.set_rate(
        *context.identity, context.form.get("account_type"), context.form.get("annual_rate"),
        context.form.get("effective_from"));
    if (!rate) co_return redirect_with_flash(context, "/admin", "danger", rate.error().message);
    co_return redirect_with_flash(context, "/admin", "success",
                                  "Savings earn " + rate->annual_rate.percent_text() +
                                      " % a year from " + iso_date(rate->effective_from) + ".");
}

}  // namespace

void add_interest_views(WebContext& web, const RequestContext& context, ViewData& view) {
    const auto histories = web.services.interest.list_rates(*context.identity);
    data periods{data::type::list};
    std::string in_force = "0";
    if (histories && !histories->empty()) {
        const InterestRateHistory& savings = histories->front();
        if (savings.in_force) in_force = savings.in_force->annual_rate.percent_text();
        for (const InterestRate& period : savings.periods) {
            data row;
            row.set("effective_from", iso_date(period.effective_from));
            row.set("annual_rate", period.annual_rate.percent_text());
            row.set("set_at", format_display(period.set_at, page_zone(context)));
            periods.push_back(row);
        }
    }
    view.set("interest_rate_in_force", in_force);
    view.set("has_interest_periods", !periods.is_empty_list());
    view.set("interest_periods", periods);
}

void add_interest_pages(Router& router, WebContext& web) {
    router.bind(HttpVerb::post, "/admin/interest-rates",
                [&web](RequestContext& c) { return set_rate(web, c); });
}

}  // namespace bank
