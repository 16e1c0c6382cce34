#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "api/second_factor_json.hpp"
#include "core/clock.hpp"
#include "http/pipeline.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

awaitable<HttpResponse> register_endpoint(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"email", "password", "full_name", "phone", "time_zone"});
    if (!form.body) co_return std::move(*form.refusal);
    auto email = form.get("email", true);
    auto password = form.get("password", true);
    auto full_name = form.get("full_name", true);
    auto phone = form.get("phone", false);
    auto time_zone = form.get("time_zone", false);
    if (form.refusal) co_return std::move(*form.refusal);
    Registration registration{std::move(*email), std::move(*password), std::move(*full_name),
                              std::move(*phone), std::move(*time_zone)};
    auto user =
        co_await api.services.auth.register_user(std::move(registration), context.client_address);
    if (!user) {
        HttpResponse refusal = json_refusal(user.error());
        if (user.error().code == ErrorCode::rate_limited) {
            refusal.set(boost::beast::http::field::retry_after,
                        std::to_string(api.services.auth.registration_retry_after_seconds(
                            context.client_address)));
        }
        co_return refusal;
    }
    co_return json_ok(HttpStatus::created, json::object{{"user_id", user->user_id},
                                                        {"email", user->email},
                                                        {"full_name", user->full_name},
                                                        {"time_zone", user->time_zone}});
}

awaitable<HttpResponse> login_endpoint(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"email", "password"});
    if (!form.body) co_return std::move(*form.refusal);
    auto email = form.get("email", true);
    auto password = form.get("password", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto outcome = co_await api.services.second_factors.sign_in(
        std::move(*email), std::move(*password), context.client_address,
        std::string(context.request[boost::beast::http::field::user_agent]));
    if (!outcome) co_return json_refusal(outcome.error());
    if (outcome->challenge) {
        co_return second_factor_required(*outcome->challenge, api.services.passkeys);
    }
    co_return json_ok(HttpStatus::ok, signed_in_json(*outcome->signed_in));
}

awaitable<HttpResponse> logout_endpoint(ApiContext& api, RequestContext& context) {
    std::string token = context.bearer ? context.bearer_token : context.cookies.get(session_cookie);
    co_await api.services.auth.logout(std::move(token), context.client_address);
    if (!context.bearer) context.end_session = true;
    co_return json_ok(HttpStatus::ok, json::object{{"signed_out", true}});
}

awaitable<HttpResponse> me_endpoint(ApiContext&, RequestContext& context) {
    co_return json_ok(HttpStatus::ok, user_json(context.identity->user));
}

// Sets the zone the person's pages follow; the API's instants stay UTC.
awaitable<HttpResponse> time_zone_endpoint(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"time_zone"});
    if (!form.body) co_return std::move(*form.refusal);
    auto time_zone = form.get("time_zone", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto user = co_await api.services.auth.set_time_zone(*context.identity, std::move(*time_zone),
                                                         context.client_address);
    if (!user) co_return json_refusal(user.error());
    co_return json_ok(HttpStatus::ok, user_json(*user));
}

// The signed-in person's own audit log, newest first; nobody else's can be named.
awaitable<HttpResponse> security_events_endpoint(ApiContext& api, RequestContext& context) {
    auto events = api.services.auth.security_events(*context.identity, context.query.get("limit"));
    if (!events) co_return json_refusal(events.error());
    json::array rows;
    for (const AuditEvent& event : *events) {
        rows.push_back(json::object{{"event_id", event.event_id},
                                    {"kind", to_string(event.kind)},
                                    {"description", display_name(event.kind)},
                                    {"detail", event.detail},
                                    {"client_address", event.client_address},
                                    {"at", format_rfc3339(event.at)}});
    }
    co_return json_ok(HttpStatus::ok, json::object{{"events", std::move(rows)}});
}

}  // namespace

void add_api_auth_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    router.bind(V::post, "/api/v1/register",
                [&api](RequestContext& c) { return register_endpoint(api, c); });
    router.bind(V::post, "/api/v1/login",
                [&api](RequestContext& c) { return login_endpoint(api, c); });
    router.bind(V::post, "/api/v1/logout",
                [&api](RequestContext& c) { return logout_endpoint(api, c); });
    router.bind(V::get, "/api/v1/me", [&api](RequestContext& c) { return me_endpoint(api, c); });
    router.bind(V::get, "/api/v1/me/security-events",
                [&api](RequestContext& c) { return security_events_endpoint(api, c); });
    router.bind(V::post, "/api/v1/me/time-zone",
                [&api](RequestContext& c) { return time_zone_endpoint(api, c); });
}

}  // namespace bank
