#include <boost/beast/http/field.hpp>

#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "core/limits.hpp"
#include "http/json_error.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

// 501 rather than 503: no mail server is a choice of this deployment, not an outage that
// passes, so there is no Retry-After.
HttpResponse not_configured() {
    return json_error(HttpStatus::not_implemented, "not_configured",
                      password_reset_not_configured().message);
}

// 202 for every well-formed email, with the same body whether or not it has an account.
awaitable<HttpResponse> request_link(ApiContext& api, RequestContext& context) {
    if (!api.services.password_resets.available()) {
        co_return not_configured();
    }
    JsonForm form(context.request, {"email"});
    if (!form.body) co_return std::move(*form.refusal);
    auto email = form.get("email", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto requested = api.services.password_resets.request(
        *email, context.client_address,
        std::string(context.request[boost::beast::http::field::user_agent]));
    if (!requested) co_return json_refusal(requested.error());
    co_return json_ok(
        HttpStatus::accepted,
        json::object{{"message",
                      "If that email is registered, a link to choose a new password "
                      "is on its way."},
                     {"link_valid_minutes", limits::password_reset_link_lifetime.count()}});
}

awaitable<HttpResponse> confirm(ApiContext& api, RequestContext& context) {
    if (!api.services.password_resets.available()) {
        co_return not_configured();
    }
    JsonForm form(context.request, {"token", "password"});
    if (!form.body) co_return std::move(*form.refusal);
    auto token = form.get("token", true);
    auto password = form.get("password", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto reset = co_await api.services.password_resets.confirm(
        std::move(*token), std::move(*password), context.client_address);
    if (!reset) co_return json_refusal(reset.error());
    co_return json_ok(HttpStatus::ok, json::object{{"password_reset", true}});
}

}  // namespace

void add_api_password_reset_routes(Router& router, ApiContext& api) {
    router.bind(HttpVerb::post, "/api/v1/password-reset",
                [&api](RequestContext& c) { return request_link(api, c); });
    router.bind(HttpVerb::post, "/api/v1/password-reset/confirm",
                [&api](RequestContext& c) { return confirm(api, c); });
}

}  // namespace bank
