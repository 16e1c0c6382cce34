#include <boost/beast/http/field.hpp>

#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "http/response.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

// Only POST changes anything here: the pipeline checks the CSRF token of cookie-authenticated
// API calls on POST, so DELETE and PATCH are not offered.

json::object rule_json(const CategoryRule& rule) {
    return json::object{{"rule_id", rule.rule_id},
                        {"pattern", rule.pattern},
                        {"category", rule.category},
                        {"created_at", format_rfc3339(rule.created_at)}};
}

awaitable<HttpResponse> list_rules(ApiContext& api, RequestContext& context) {
    json::array rules;
    for (const auto& rule : api.services.categories.rules(context.user_id())) {
        rules.push_back(rule_json(rule));
    }
    co_return json_ok(HttpStatus::ok, json::object{{"rules", std::move(rules)}});
}

awaitable<HttpResponse> add_rule(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"pattern", "category"});
    if (!form.body) co_return std::move(*form.refusal);
    auto pattern = form.get("pattern", true);
    auto category = form.get("category", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto rule = co_await api.services.categories.add_rule(context.user_id(), std::move(*pattern),
                                                          std::move(*category));
    if (!rule) co_return json_refusal(rule.error());
    co_return json_ok(HttpStatus::created, rule_json(*rule));
}

awaitable<HttpResponse> delete_rule(ApiContext& api, RequestContext& context) {
    auto removed = co_await api.services.categories.delete_rule(context.user_id(),
                                                                context.parameters.get("rule_id"));
    if (!removed) co_return json_refusal(removed.error());
    co_return json_ok(HttpStatus::ok, json::object{{"deleted", true}});
}

awaitable<HttpResponse> recategorize(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"category"});
    if (!form.body) co_return std::move(*form.refusal);
    auto category = form.get("category", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto changed = co_await api.services.categories.recategorize(
        context.user_id(), context.parameters.get("transaction_id"), std::move(*category));
    if (!changed) co_return json_refusal(changed.error());
    co_return json_ok(HttpStatus::ok, json::object{{"transaction", transaction_json(*changed)}});
}

}  // namespace

void add_api_category_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    router.bind(V::get, "/api/v1/category-rules",
                [&api](RequestContext& c) { return list_rules(api, c); });
    router.bind(V::post, "/api/v1/category-rules",
                [&api](RequestContext& c) { return add_rule(api, c); });
    router.bind(V::post, "/api/v1/category-rules/{rule_id}/delete",
                [&api](RequestContext& c) { return delete_rule(api, c); });
    router.bind(V::post, "/api/v1/transactions/{transaction_id}/category",
                [&api](RequestContext& c) { return recategorize(api, c); });
}

}  // namespace bank
