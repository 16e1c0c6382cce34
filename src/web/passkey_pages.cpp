// Passkeys on the pages: the list and removal on /profile/security (adding one is done by
// web/static/js/passkeys.js through the JSON API), "Use a passkey" on the code page of
// signing in, and "Sign in with a passkey" on /login. The script puts the browser's
// answer into a hidden field and submits the form, so the session cookie is set by a page
// like any other sign-in.
#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>

#include "service/passkey_json.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;

// A refused passkey sign-in: the sign-in page again with the message.
HttpResponse passkey_refused(WebContext& web, RequestContext& context, const Error& error,
                             const char* page) {
    ViewData view = base_view(context, "Sign in", "login");
    keep_values(view, context, {"next"});
    view.set("form_error", error.message);
    add_passkey_sign_in(web, view);
    spdlog::info("passkey sign-in refused from {}", context.client_address);
    return render_page(web, context, status_of(error.code), page, std::move(view));
}

awaitable<HttpResponse> remove_passkey(WebContext& web, RequestContext& context) {
    // A named id: GCC 12 destroys a temporary in a co_await expression twice.
    std::string passkey_id = context.form.get("passkey_id");
    auto removed = co_await web.services.passkeys.remove(*context.identity, std::move(passkey_id),
                                                         context.client_address);
    if (!removed) {
        co_return redirect_with_flash(context, "/profile/security", "danger",
                                      removed.error().message);
    }
    co_return redirect_with_flash(context, "/profile/security", "success",
                                  "The passkey is removed.");
}

awaitable<HttpResponse> passwordless_submit(WebContext& web, RequestContext& context) {
    auto response = parse_assertion_credential(context.form.get("passkey_response"));
    if (!response) co_return passkey_refused(web, context, response.error(), "login");
    auto signed_in = co_await web.services.passkeys.sign_in(
        std::move(*response), context.client_address,
        std::string(context.request[boost::beast::http::field::user_agent]));
    if (!signed_in) co_return passkey_refused(web, context, signed_in.error(), "login");
    context.new_session_token = signed_in->token;
    co_return redirect_with_flash(context, safe_next(context.form.get("next")), "success",
                                  "Welcome back, " + signed_in->identity.user.full_name + ".");
}

}  // namespace

void add_passkey_sign_in(WebContext& web, ViewData& view) {
    view.set("passkeys_available", web.services.passkeys.available());
    view.set("passkeys_script", web.services.passkeys.available());
}

void add_passkey_section(WebContext& web, const RequestContext& context, ViewData& view) {
    view.set("passkeys_available", web.services.passkeys.available());
    view.set("passkeys_script", web.services.passkeys.available());
    ViewData rows{ViewData::type::list};
    for (const Passkey& passkey : web.services.passkeys.list(*context.identity)) {
        ViewData row;
        row.set("id", passkey.credential_id);
        row.set("name", passkey.name);
        row.set("created", format_display(passkey.created_at));
        if (passkey.last_used_at != Timestamp{}) {
            row.set("last_used", format_display(passkey.last_used_at));
        }
        rows.push_back(row);
    }
    view.set("has_passkeys", !rows.is_empty_list());
    view.set("passkeys", rows);
}

void add_passkey_answer(WebContext& web, const SignInChallenge& challenge, ViewData& view) {
    const auto options = web.services.passkeys.second_factor_options(
        challenge.challenge_id, challenge.passkey_credential_ids);
    if (!options || challenge.passkey_credential_ids.empty()) return;
    view.set("passkey_options", boost::json::serialize(assertion_options_json(*options)));
    view.set("passkeys_script", true);
}

awaitable<HttpResponse> passkey_second_factor_submit(WebContext& web, RequestContext& context) {
    auto response = parse_assertion_credential(context.form.get("passkey_response"));
    if (!response) co_return passkey_refused(web, context, response.error(), "login_second_factor");
    // Named arguments: GCC 12 destroys a temporary in a co_await expression twice.
    std::string challenge_id = context.form.get("challenge_id");
    auto signed_in = co_await web.services.passkeys.complete_second_factor(
        std::move(challenge_id), std::move(*response), context.client_address,
        std::string(context.request[boost::beast::http::field::user_agent]));
    if (!signed_in) {
        co_return passkey_refused(web, context, signed_in.error(), "login_second_factor");
    }
    context.new_session_token = signed_in->token;
    co_return redirect_with_flash(context, safe_next(context.form.get("next")), "success",
                                  "Welcome back, " + signed_in->identity.user.full_name + ".");
}

void add_passkey_pages(Router& router, WebContext& web) {
    using V = HttpVerb;
    router.bind(V::post, "/profile/security/passkeys/remove",
                [&web](RequestContext& c) { return remove_passkey(web, c); });
    router.bind(V::post, "/login/passkey",
                [&web](RequestContext& c) { return passwordless_submit(web, c); });
}

}  // namespace bank
