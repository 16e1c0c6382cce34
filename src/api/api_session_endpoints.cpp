#include <boost/beast/http/field.hpp>

#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "core/clock.hpp"
#include "http/pipeline.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

// A sign-in as the person sees it: never its token or the token's hash.
json::object session_json(const Session& session, const Session& current) {
    return json::object{{"session_id", session.session_id},
                        {"current", session.token_hash == current.token_hash},
                        {"user_agent", session.user_agent},
                        {"address", session.client_address},
                        {"created_at", format_rfc3339(session.created_at)},
                        {"last_seen_at", format_rfc3339(session.last_seen)}};
}

json::object token_json(const Session& token) {
    return json::object{{"token_id", token.session_id},
                        {"name", token.name},
                        {"scope", to_string(token.scope)},
                        {"created_at", format_rfc3339(token.created_at)},
                        {"expires_at", format_rfc3339(token.expires_at)}};
}

awaitable<HttpResponse> list_sessions(ApiContext& api, RequestContext& context) {
    auto sessions = api.services.sessions.list_sign_ins(*context.identity);
    if (!sessions) co_return json_refusal(sessions.error());
    json::array rows;
    for (const Session& session : *sessions) {
        rows.push_back(session_json(session, context.identity->session));
    }
    co_return json_ok(HttpStatus::ok, json::object{{"sessions", std::move(rows)}});
}

awaitable<HttpResponse> end_session(ApiContext& api, RequestContext& context) {
    auto ended = co_await api.services.sessions.end_sign_in(
        *context.identity, context.parameters.get("session_id"), context.client_address);
    if (!ended) co_return json_refusal(ended.error());
    co_return json_ok(HttpStatus::ok, json::object{{"signed_out", true}});
}

awaitable<HttpResponse> revoke_others(ApiContext& api, RequestContext& context) {
    auto ended = co_await api.services.sessions.end_other_sign_ins(*context.identity,
                                                                   context.client_address);
    if (!ended) co_return json_refusal(ended.error());
    co_return json_ok(HttpStatus::ok, json::object{{"signed_out_others", true}});
}

awaitable<HttpResponse> list_tokens(ApiContext& api, RequestContext& context) {
    auto tokens = api.services.sessions.list_tokens(*context.identity);
    if (!tokens) co_return json_refusal(tokens.error());
    json::array rows;
    for (const Session& token : *tokens) rows.push_back(token_json(token));
    co_return json_ok(HttpStatus::ok, json::object{{"tokens", std::move(rows)}});
}

// expires_in_days is a JSON integer; anything else is refused by the service's range check.
std::string days_text(const json::object& body) {
    const json::value* days = body.if_contains("expires_in_days");
    if (days == nullptr) return {};
    if (days->is_int64()) return std::to_string(days->as_int64());
    if (days->is_uint64()) return std::to_string(days->as_uint64());
    return "not a number";
}

awaitable<HttpResponse> create_token(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"name", "scope", "expires_in_days"});
    if (!form.body) co_return std::move(*form.refusal);
    auto name = form.get("name", true);
    auto scope = form.get("scope", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto created = co_await api.services.sessions.create_token(
        *context.identity, std::move(*name), std::move(*scope), days_text(*form.body),
        context.client_address);
    if (!created) co_return json_refusal(created.error());
    json::object body = token_json(created->session);
    body["token"] = created->token;
    co_return json_ok(HttpStatus::created, std::move(body));
}

awaitable<HttpResponse> revoke_token(ApiContext& api, RequestContext& context) {
    auto revoked = co_await api.services.sessions.revoke_token(
        *context.identity, context.parameters.get("token_id"), context.client_address);
    if (!revoked) co_return json_refusal(revoked.error());
    co_return json_ok(HttpStatus::ok, json::object{{"revoked", true}});
}

}  // namespace

void add_api_session_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    router.bind(V::get, "/api/v1/me/sessions",
                [&api](RequestContext& c) { return list_sessions(api, c); });
    router.bind(V::delete_, "/api/v1/me/sessions/{session_id}",
                [&api](RequestContext& c) { return end_session(api, c); });
    router.bind(V::post, "/api/v1/me/sessions/revoke-others",
                [&api](RequestContext& c) { return revoke_others(api, c); });
    router.bind(V::get, "/api/v1/me/tokens",
                [&api](RequestContext& c) { return list_tokens(api, c); });
    router.bind(V::post, "/api/v1/me/tokens",
                [&api](RequestContext& c) { return create_token(api, c); });
    router.bind(V::delete_, "/api/v1/me/tokens/{token_id}",
                [&api](RequestContext& c) { return revoke_token(api, c); });
}

}  // namespace bank
