// GET and POST /api/v1/admin/interest-rates: the annual rates of savings accounts.
#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "http/pipeline.hpp"
#include "ledger/standing_order.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

json::object rate_json(const InterestRate& rate) {
    return json::object{{"account_type", to_string(rate.account_type)},
                        {"annual_rate", rate.annual_rate.percent_text()},
                        {"effective_from", iso_date(rate.effective_from)},
                        {"set_by", rate.set_by},
                        {"set_at", format_rfc3339(rate.set_at)}};
}

awaitable<HttpResponse> set_rate(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"account_type", "annual_rate", "effective_from"});
    if (!form.body) co_return std::move(*form.refusal);
    auto account_type = form.get("account_type", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto annual_rate = form.get("annual_rate", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto effective_from = form.get("effective_from", true);
    if (form.refusal) co_return std::move(*form.refusal);
    const auto rate = api.services.interest.set_rate(*context.identity, *account_type, *annual_rate,
                                                     *effective_from);
    if (!rate) co_return json_refusal(rate.error());
    co_return json_ok(HttpStatus::created, rate_json(*rate));
}

awaitable<HttpResponse> list_rates(ApiContext& api, RequestContext& context) {
    const auto histories = api.services.interest.list_rates(*context.identity);
    if (!histories) co_return json_refusal(histories.error());
    json::array types;
    for (const InterestRateHistory& history : *histories) {
        json::array periods;
        for (const InterestRate& period : history.periods) periods.push_back(rate_json(period));
        types.push_back(json::object{
            {"account_type", to_string(history.account_type)},
            {"annual_rate_in_force", history.in_force
                                         ? json::value(history.in_force->annual_rate.percent_text())
                                         : json::value("0")},
            {"periods", std::move(periods)}});
    }
    co_return json_ok(HttpStatus::ok, json::object{{"account_types", std::move(types)}});
}

}  // namespace

void add_api_interest_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    router.bind(V::post, "/api/v1/admin/interest-rates",
                [&api](RequestContext& c) { return set_rate(api, c); });
    router.bind(V::get, "/api/v1/admin/interest-rates",
                [&api](RequestContext& c) { return list_rates(api, c); });
}

}  // namespace bank
