#include <spdlog/spdlog.h>

#include "core/clock.hpp"
#include "core/limits.hpp"
#include "http/response.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"
#include "web/profile_view.hpp"

namespace bank {

using boost::asio::awaitable;

namespace {

ViewData sign_in_rows(const std::vector<Session>& sessions, const Session& current,
                      const TimeZone& zone) {
    ViewData rows{ViewData::type::list};
    for (const Session& session : sessions) {
        ViewData row;
        row.set("session_id", session.session_id);
        row.set("device", session.user_agent.empty() ? "Unknown device" : session.user_agent);
        row.set("address", session.client_address.empty() ? "—" : session.client_address);
        row.set("created_at", format_display(session.created_at, zone));
        row.set("last_seen_at", format_display(session.last_seen, zone));
        row.set("current", session.token_hash == current.token_hash);
        rows.push_back(row);
    }
    return rows;
}

ViewData token_rows(const std::vector<Session>& tokens, const TimeZone& zone) {
    ViewData rows{ViewData::type::list};
    for (const Session& token : tokens) {
        ViewData row;
        row.set("token_id", token.session_id);
        row.set("name", token.name);
        row.set("scope", std::string(to_string(token.scope)));
        row.set("created_at", format_display(token.created_at, zone));
        row.set("expires_at", format_display(token.expires_at, zone));
        rows.push_back(row);
    }
    return rows;
}

awaitable<HttpResponse> end_session(WebContext& web, RequestContext& context) {
    auto ended = co_await web.services.sessions.end_sign_in(
        *context.identity, context.form.get("session_id"), context.client_address);
    if (!ended) co_return redirect_with_flash(context, "/profile", "danger", ended.error().message);
    co_return redirect_with_flash(context, "/profile", "success", "That session is signed out.");
}

awaitable<HttpResponse> end_other_sessions(WebContext& web, RequestContext& context) {
    auto ended = co_await web.services.sessions.end_other_sign_ins(*context.identity,
                                                                   context.client_address);
    if (!ended) co_return redirect_with_flash(context, "/profile", "danger", ended.error().message);
    co_return redirect_with_flash(context, "/profile", "success",
                                  "Every other session is signed out.");
}

// Answers with /profile itself (no redirect): the token is on this answer only, never in a
// cookie or a URL, and never shown again.
awaitable<HttpResponse> create_token(WebContext& web, RequestContext& context) {
    auto created = co_await web.services.sessions.create_token(
        *context.identity, context.form.get("name"), context.form.get("scope"),
        context.form.get("expires_in_days"), context.client_address);
    ViewData view = profile_view(web, context, *context.identity);
    if (!created) {
        keep_values(view, context, {"name"});
        add_form_error(view, created.error());
        co_return render_page(web, context, status_of(created.error().code), "profile",
                              std::move(view));
    }
    view.set("new_token", created->token);
    view.set("new_token_name", created->session.name);
    HttpResponse response = render_page(web, context, HttpStatus::ok, "profile", std::move(view));
    response.set(boost::beast::http::field::cache_control, "no-store");
    co_return response;
}

awaitable<HttpResponse> revoke_token(WebContext& web, RequestContext& context) {
    auto revoked = co_await web.services.sessions.revoke_token(
        *context.identity, context.form.get("token_id"), context.client_address);
    if (!revoked) {
        co_return redirect_with_flash(context, "/profile", "danger", revoked.error().message);
    }
    co_return redirect_with_flash(context, "/profile", "success", "The token is revoked.");
}

}  // namespace

void add_session_views(WebContext& web, ViewData& view, const Identity& identity) {
    const TimeZone zone = TimeZone::named_or_utc(identity.user.time_zone);
    if (auto sessions = web.services.sessions.list_sign_ins(identity)) {
        view.set("sessions", sign_in_rows(*sessions, identity.session, zone));
        view.set("has_other_sessions", sessions->size() > 1);
    }
    if (auto tokens = web.services.sessions.list_tokens(identity)) {
        ViewData rows = token_rows(*tokens, zone);
        view.set("has_tokens", rows.is_non_empty_list());
        view.set("tokens", rows);
    }
    view.set("token_days_max", std::to_string(limits::access_token_lifetime_days_max));
}

void add_session_pages(Router& router, WebContext& web) {
    using V = HttpVerb;
    router.bind(V::post, "/profile/sessions/end",
                [&web](RequestContext& c) { return end_session(web, c); });
    router.bind(V::post, "/profile/sessions/revoke-others",
                [&web](RequestContext& c) { return end_other_sessions(web, c); });
    router.bind(V::post, "/profile/tokens",
                [&web](RequestContext& c) { return create_token(web, c); });
    router.bind(V::post, "/profile/tokens/revoke",
                [&web](RequestContext& c) { return revoke_token(web, c); });
}

}  // namespace bank
