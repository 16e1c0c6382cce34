#include <boost/beast/http/field.hpp>

#include "core/limits.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;

constexpr std::string_view request_template = "password_reset";
constexpr std::string_view confirm_template = "password_reset_confirm";

ViewData reset_view(const WebContext& web, const RequestContext& context, std::string_view title) {
    ViewData view = base_view(context, title, "");
    view.set("available", web.services.password_resets.available());
    view.set("link_minutes", std::to_string(limits::password_reset_link_lifetime.count()));
    return view;
}

// Without a mail server the pages say resets are not available here, and a POST is
// answered 501 Not Implemented, as the API answers.
constexpr HttpStatus not_configured_status = HttpStatus::not_implemented;

awaitable<HttpResponse> request_form(WebContext& web, RequestContext& context) {
    co_return render_page(web, context, HttpStatus::ok, request_template,
                          reset_view(web, context, "Forgot your password?"));
}

awaitable<HttpResponse> request_submit(WebContext& web, RequestContext& context) {
    if (!web.services.password_resets.available()) {
        co_return render_page(web, context, not_configured_status, request_template,
                              reset_view(web, context, "Forgot your password?"));
    }
    auto requested = web.services.password_resets.request(
        context.form.get("email"), context.client_address,
        std::string(context.request[boost::beast::http::field::user_agent]));
    if (!requested) {
        ViewData view = reset_view(web, context, "Forgot your password?");
        keep_values(view, context, {"email"});
        add_form_error(view, requested.error());
        co_return render_page(web, context, status_of(requested.error().code), request_template,
                              std::move(view));
    }
    // The same words whether or not the email has an account.
    co_return redirect_with_flash(
        context, "/login", "success",
        "If that email is registered, a link to choose a new password is on its way. It works "
        "once, for " +
            std::to_string(limits::password_reset_link_lifetime.count()) + " minutes.");
}

ViewData confirm_view(WebContext& web, const RequestContext& context, const std::string& token) {
    ViewData view = reset_view(web, context, "Choose a new password");
    view.set("token", token);
    const bool usable = web.services.password_resets.link_usable(token);
    view.set("usable", usable);
    if (!usable) view.set("link_error", password_reset_link_invalid().message);
    return view;
}

awaitable<HttpResponse> confirm_form(WebContext& web, RequestContext& context) {
    ViewData view = confirm_view(web, context, context.query.get("token"));
    co_return render_page(web, context, HttpStatus::ok, confirm_template, std::move(view));
}

awaitable<HttpResponse> confirm_submit(WebContext& web, RequestContext& context) {
    if (!web.services.password_resets.available()) {
        co_return render_page(web, context, not_configured_status, confirm_template,
                              reset_view(web, context, "Choose a new password"));
    }
    std::string token = context.form.get("token");
    const auto refuse = [&](const Error& error) {
        ViewData view = confirm_view(web, context, token);
        add_form_error(view, error);
        if (error.field == "token") view.set("link_error", error.message);
        return render_page(web, context, status_of(error.code), confirm_template, std::move(view));
    };
    if (context.form.get("password") != context.form.get("confirm_password")) {
        co_return refuse(make_error(ErrorCode::validation_failed,
                                    "The two new passwords do not match.", "confirm_password"));
    }
    // Named arguments: GCC 12 destroys a temporary in a co_await expression twice.
    std::string password = context.form.get("password");
    auto reset = co_await web.services.password_resets.confirm(token, std::move(password),
                                                               context.client_address);
    if (!reset) co_return refuse(reset.error());
    // The store ended this browser's session too, if it had one; its cookie goes with it.
    if (context.identity) context.end_session = true;
    co_return redirect_with_flash(
        context, "/login", "success",
        "Your password is changed. Every session and access token of yours was ended; sign in "
        "with the new password.");
}

}  // namespace

void add_password_reset_pages(Router& router, WebContext& web) {
    using V = HttpVerb;
    router.bind(V::get, "/password-reset",
                [&web](RequestContext& c) { return request_form(web, c); });
    router.bind(V::post, "/password-reset",
                [&web](RequestContext& c) { return request_submit(web, c); });
    router.bind(V::get, "/password-reset/confirm",
                [&web](RequestContext& c) { return confirm_form(web, c); });
    router.bind(V::post, "/password-reset/confirm",
                [&web](RequestContext& c) { return confirm_submit(web, c); });
}

}  // namespace bank
