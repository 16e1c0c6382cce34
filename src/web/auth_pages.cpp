#include <spdlog/spdlog.h>

#include "http/response.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"
#include "web/profile_view.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;

awaitable<HttpResponse> register_form(WebContext& web, RequestContext& context) {
    co_return render_page(web, context, HttpStatus::ok, "register",
                          base_view(context, "Open an account", "register"));
}

awaitable<HttpResponse> register_submit(WebContext& web, RequestContext& context) {
    ViewData view = base_view(context, "Open an account", "register");
    keep_values(view, context, {"email", "full_name", "phone", "time_zone"});
    const Fields& form = context.form;
    if (form.get("password") != form.get("confirm_password")) {
        add_form_error(view, make_error(ErrorCode::validation_failed,
                                        "The two passwords do not match.", "confirm_password"));
        co_return render_page(web, context, HttpStatus::bad_request, "register", std::move(view));
    }
    Registration registration{form.get("email"), form.get("password"), form.get("full_name"),
                              form.get("phone"), form.get("time_zone")};
    auto user =
        co_await web.services.auth.register_user(std::move(registration), context.client_address);
    if (!user) {
        add_form_error(view, user.error());
        HttpResponse refusal =
            render_page(web, context, status_of(user.error().code), "register", std::move(view));
        // As the API's: the seconds until the limit lets this address register again.
        if (user.error().code == ErrorCode::rate_limited) {
            refusal.set(boost::beast::http::field::retry_after,
                        std::to_string(web.services.auth.registration_retry_after_seconds(
                            context.client_address)));
        }
        co_return refusal;
    }
    co_return redirect_with_flash(context, "/login", "success",
                                  "Registration successful. Please sign in.");
}

awaitable<HttpResponse> login_form(WebContext& web, RequestContext& context) {
    ViewData view = base_view(context, "Sign in", "login");
    view.set("value_next", context.query.get("next"));
    add_passkey_sign_in(web, view);
    co_return render_page(web, context, HttpStatus::ok, "login", std::move(view));
}

awaitable<HttpResponse> login_submit(WebContext& web, RequestContext& context) {
    // Named arguments: GCC 12 destroys a temporary in a co_await expression twice.
    std::string email = context.form.get("email");
    std::string password = context.form.get("password");
    auto outcome = co_await web.services.second_factors.sign_in(
        std::move(email), std::move(password), context.client_address,
        std::string(context.request[boost::beast::http::field::user_agent]));
    if (!outcome) {
        ViewData view = base_view(context, "Sign in", "login");
        keep_values(view, context, {"email", "next"});
        view.set("form_error", outcome.error().message);
        add_passkey_sign_in(web, view);
        spdlog::info("sign-in refused from {}", context.client_address);
        co_return render_page(web, context, status_of(outcome.error().code), "login",
                              std::move(view));
    }
    if (outcome->challenge) co_return second_factor_page(web, context, *outcome->challenge);
    const SignedIn* signed_in = &*outcome->signed_in;
    context.new_session_token = signed_in->token;
    co_return redirect_with_flash(context, safe_next(context.form.get("next")), "success",
                                  "Welcome back, " + signed_in->identity.user.full_name + ".");
}

awaitable<HttpResponse> logout(WebContext& web, RequestContext& context) {
    co_await web.services.auth.logout(context.cookies.get(session_cookie), context.client_address);
    context.end_session = true;
    co_return redirect_with_flash(context, "/login", "success", "You have been signed out.");
}

// A GET changes nothing, so signing out is a POST; a link to /logout shows its button.
awaitable<HttpResponse> logout_form(WebContext& web, RequestContext& context) {
    ViewData view = base_view(context, "Sign out", "");
    view.set("signed_in", context.identity.has_value());
    co_return render_page(web, context, HttpStatus::ok, "logout", std::move(view));
}

// The tz database's zones as <option>s, the person's own selected.
void add_time_zone_choices(ViewData& view, const std::string& selected) {
    ViewData options{ViewData::type::list};
    for (const std::string& name : time_zone_names()) {
        ViewData option;
        option.set("name", name);
        option.set("selected", name == selected);
        options.push_back(option);
    }
    view.set("time_zone_choices", options);
    view.set("value_time_zone", selected);
}

// The person's recent security events, newest first: when, what, from which address.
ViewData security_events_view(WebContext& web, const Identity& identity) {
    const TimeZone zone = TimeZone::named_or_utc(identity.user.time_zone);
    ViewData rows{ViewData::type::list};
    const auto events = web.services.auth.security_events(identity);
    if (!events) return rows;
    for (const AuditEvent& event : *events) {
        ViewData row;
        row.set("at", format_display(event.at, zone));
        row.set("at_rfc3339", format_html_datetime(event.at));
        row.set("kind", std::string(to_string(event.kind)));
        row.set("what", std::string(display_name(event.kind)));
        row.set("detail", event.detail);
        row.set("address", event.client_address.empty() ? "—" : event.client_address);
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

ViewData profile_view(WebContext& web, const RequestContext& context, const Identity& identity) {
    const User& user = identity.user;
    ViewData view = base_view(context, "Profile", "profile");
    view.set("value_full_name", user.full_name);
    view.set("value_phone", user.phone);
    view.set("email", user.email);
    view.set("member_since",
             format_display(user.created_at, TimeZone::named_or_utc(user.time_zone)));
    add_time_zone_choices(view, user.time_zone);
    ViewData events = security_events_view(web, identity);
    view.set("has_security_events", events.is_non_empty_list());
    view.set("security_events", events);
    add_session_views(web, view, identity);
    return view;
}

namespace {

awaitable<HttpResponse> profile_form(WebContext& web, RequestContext& context) {
    co_return render_page(web, context, HttpStatus::ok, "profile",
                          profile_view(web, context, *context.identity));
}

awaitable<HttpResponse> profile_submit(WebContext& web, RequestContext& context) {
    const Identity& identity = *context.identity;
    if (context.form.get("action") == "password") {
        if (context.form.get("new_password") != context.form.get("confirm_password")) {
            ViewData view = profile_view(web, context, identity);
            add_form_error(view,
                           make_error(ErrorCode::validation_failed,
                                      "The two new passwords do not match.", "confirm_password"));
            co_return render_page(web, context, HttpStatus::bad_request, "profile",
                                  std::move(view));
        }
        auto changed = co_await web.services.auth.change_password(
            identity, context.form.get("current_password"), context.form.get("new_password"),
            context.client_address);
        if (!changed) {
            ViewData view = profile_view(web, context, identity);
            add_form_error(view, changed.error());
            co_return render_page(web, context, status_of(changed.error().code), "profile",
                                  std::move(view));
        }
        co_return redirect_with_flash(
            context, "/profile", "success",
            "Your password is changed. Every other session has been signed out.");
    }
    auto user = co_await web.services.auth.update_profile(
        identity, context.form.get("full_name"), context.form.get("phone"), context.client_address);
    if (!user) {
        ViewData view = profile_view(web, context, identity);
        keep_values(view, context, {"full_name", "phone"});
        add_form_error(view, user.error());
        co_return render_page(web, context, status_of(user.error().code), "profile",
                              std::move(view));
    }
    co_return redirect_with_flash(context, "/profile", "success", "Your profile is saved.");
}

awaitable<HttpResponse> time_zone_submit(WebContext& web, RequestContext& context) {
    const Identity& identity = *context.identity;
    auto user = co_await web.services.auth.set_time_zone(identity, context.form.get("time_zone"),
                                                         context.client_address);
    if (!user) {
        ViewData view = profile_view(web, context, identity);
        add_form_error(view, user.error());
        co_return render_page(web, context, status_of(user.error().code), "profile",
                              std::move(view));
    }
    co_return redirect_with_flash(context, "/profile", "success",
                                  "Times are now shown in " + user->time_zone + ".");
}

}  // namespace

void add_auth_pages(Router& router, WebContext& web) {
    using V = HttpVerb;
    router.bind(V::get, "/register", [&web](RequestContext& c) { return register_form(web, c); });
    router.bind(V::post, "/register",
                [&web](RequestContext& c) { return register_submit(web, c); });
    router.bind(V::get, "/login", [&web](RequestContext& c) { return login_form(web, c); });
    router.bind(V::post, "/login", [&web](RequestContext& c) { return login_submit(web, c); });
    router.bind(V::post, "/logout", [&web](RequestContext& c) { return logout(web, c); });
    router.bind(V::get, "/logout", [&web](RequestContext& c) { return logout_form(web, c); });
    router.bind(V::get, "/profile", [&web](RequestContext& c) { return profile_form(web, c); });
    router.bind(V::post, "/profile", [&web](RequestContext& c) { return profile_submit(web, c); });
    router.bind(V::post, "/profile/time-zone",
                [&web](RequestContext& c) { return time_zone_submit(web, c); });
}

}  // namespace bank
