// /profile/security (authenticator app, recovery codes, step-up threshold) and the code page
// of signing in (/login/second-factor).
#include <spdlog/spdlog.h>

#include "http/response.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;

std::string_view policy_text(StepUpPolicy policy) {
    switch (policy) {
        case StepUpPolicy::enrolled:
            return "Transfers to a new payee or above your limit ask for a code from your "
                   "authenticator app.";
        case StepUpPolicy::required:
            return "This bank asks for a code from your authenticator app for transfers to a "
                   "new payee or above your limit; set one up before making such a transfer.";
        case StepUpPolicy::off:
            return "This bank does not ask for a code when you make a transfer.";
    }
    return "";
}

ViewData security_view(WebContext& web, const RequestContext& context) {
    const Identity& identity = *context.identity;
    ViewData view = base_view(context, "Security", "profile");
    const SecondFactorSummary summary = web.services.second_factors.summary(identity);
    view.set("enrolled", summary.enrolled);
    view.set("pending", summary.pending);
    view.set("not_enrolled", !summary.enrolled && !summary.pending);
    view.set("recovery_codes_left", std::to_string(summary.recovery_codes_left));
    view.set("value_step_up_threshold", summary.step_up_threshold.to_string());
    view.set("step_up_threshold", summary.step_up_threshold.display());
    view.set("step_up_policy", std::string(policy_text(web.services.step_up.policy())));
    add_passkey_section(web, context, view);
    if (summary.pending) {
        if (auto enrolment = web.services.second_factors.pending_enrolment(identity)) {
            view.set("secret", enrolment->secret);
        }
    }
    return view;
}

HttpResponse security_page(WebContext& web, const RequestContext& context, HttpStatus status,
                           const std::optional<Error>& error = std::nullopt) {
    ViewData view = security_view(web, context);
    if (error) add_form_error(view, *error);
    return render_page(web, context, status, "security", std::move(view));
}

// The codes are shown this once: they are stored only as hashes.
HttpResponse recovery_codes_page(WebContext& web, const RequestContext& context,
                                 const std::vector<std::string>& codes, std::string_view heading) {
    ViewData view = security_view(web, context);
    ViewData list{ViewData::type::list};
    for (const auto& code : codes) list.push_back(ViewData(code));
    view.set("recovery_codes", list);
    view.set("show_recovery_codes", true);
    view.set("recovery_codes_heading", std::string(heading));
    return render_page(web, context, HttpStatus::ok, "security", std::move(view));
}

awaitable<HttpResponse> show_security(WebContext& web, RequestContext& context) {
    co_return security_page(web, context, HttpStatus::ok);
}

awaitable<HttpResponse> totp_qr(WebContext& web, RequestContext& context) {
    auto svg = web.services.second_factors.enrolment_qr_svg(*context.identity);
    if (!svg) co_return text_response(HttpStatus::not_found, svg.error().message);
    HttpResponse response = make_response(HttpStatus::ok, std::move(*svg), "image/svg+xml");
    response.set(boost::beast::http::field::cache_control, "no-store");
    co_return response;
}

awaitable<HttpResponse> start_totp(WebContext& web, RequestContext& context) {
    auto enrolment = web.services.second_factors.start_enrolment(*context.identity);
    if (!enrolment) {
        co_return security_page(web, context, status_of(enrolment.error().code), enrolment.error());
    }
    co_return redirect_with_flash(context, "/profile/security", "success",
                                  "Scan the code with your authenticator app, then type the "
                                  "code it shows to finish.");
}

awaitable<HttpResponse> confirm_totp(WebContext& web, RequestContext& context) {
    // A named code: GCC 12 destroys a temporary in a co_await expression twice.
    std::string code = context.form.get("code");
    auto codes = co_await web.services.second_factors.confirm_enrolment(
        *context.identity, std::move(code), context.client_address);
    if (!codes) co_return security_page(web, context, status_of(codes.error().code), codes.error());
    co_return recovery_codes_page(web, context, *codes,
                                  "Your authenticator app is set up. Keep these recovery codes");
}

awaitable<HttpResponse> remove_totp(WebContext& web, RequestContext& context) {
    // A named code: GCC 12 destroys a temporary in a co_await expression twice.
    std::string code = context.form.get("code");
    auto removed = co_await web.services.second_factors.remove(*context.identity, std::move(code),
                                                               context.client_address);
    if (!removed) {
        co_return security_page(web, context, status_of(removed.error().code), removed.error());
    }
    co_return redirect_with_flash(context, "/profile/security", "success",
                                  "Your authenticator app is removed.");
}

awaitable<HttpResponse> new_recovery_codes(WebContext& web, RequestContext& context) {
    // A named code: GCC 12 destroys a temporary in a co_await expression twice.
    std::string code = context.form.get("code");
    auto codes = co_await web.services.second_factors.regenerate_recovery_codes(
        *context.identity, std::move(code), context.client_address);
    if (!codes) co_return security_page(web, context, status_of(codes.error().code), codes.error());
    co_return recovery_codes_page(web, context, *codes,
                                  "Your new recovery codes (the old ones no longer work)");
}

awaitable<HttpResponse> set_threshold(WebContext& web, RequestContext& context) {
    auto threshold = web.services.second_factors.set_step_up_threshold(
        *context.identity, context.form.get("step_up_threshold"));
    if (!threshold) {
        co_return security_page(web, context, status_of(threshold.error().code), threshold.error());
    }
    co_return redirect_with_flash(
        context, "/profile/security", "success",
        "Transfers above " + threshold->display() + " will ask for a code.");
}

awaitable<HttpResponse> second_factor_submit(WebContext& web, RequestContext& context) {
    const Fields& form = context.form;
    if (form.get("method") == "passkey")
        co_return co_await passkey_second_factor_submit(web, context);
    const bool by_recovery_code = form.get("method") == "recovery_code";
    // Named arguments: GCC 12 destroys a temporary in a co_await expression twice.
    std::string challenge_id = form.get("challenge_id");
    std::string code = by_recovery_code ? std::string() : form.get("code");
    std::string recovery_code = by_recovery_code ? form.get("recovery_code") : std::string();
    auto signed_in = co_await web.services.second_factors.complete_sign_in(
        std::move(challenge_id), std::move(code), std::move(recovery_code), context.client_address,
        std::string(context.request[boost::beast::http::field::user_agent]));
    if (!signed_in) {
        ViewData view = base_view(context, "Sign in", "login");
        keep_values(view, context, {"challenge_id", "next"});
        view.set("totp", true);
        view.set("form_error", signed_in.error().message);
        spdlog::info("second factor refused from {}", context.client_address);
        co_return render_page(web, context, status_of(signed_in.error().code),
                              "login_second_factor", std::move(view));
    }
    context.new_session_token = signed_in->token;
    co_return redirect_with_flash(context, safe_next(form.get("next")), "success",
                                  "Welcome back, " + signed_in->identity.user.full_name + ".");
}

}  // namespace

HttpResponse second_factor_page(WebContext& web, const RequestContext& context,
                                const SignInChallenge& challenge) {
    ViewData view = base_view(context, "Sign in", "login");
    view.set("value_challenge_id", challenge.challenge_id);
    view.set("value_next", context.form.get("next"));
    view.set("totp", challenge.totp);
    add_passkey_answer(web, challenge, view);
    return render_page(web, context, HttpStatus::ok, "login_second_factor", std::move(view));
}

void add_second_factor_pages(Router& router, WebContext& web) {
    using V = HttpVerb;
    router.bind(V::post, "/login/second-factor",
                [&web](RequestContext& c) { return second_factor_submit(web, c); });
    router.bind(V::get, "/profile/security",
                [&web](RequestContext& c) { return show_security(web, c); });
    router.bind(V::get, "/profile/security/totp.svg",
                [&web](RequestContext& c) { return totp_qr(web, c); });
    router.bind(V::post, "/profile/security/totp",
                [&web](RequestContext& c) { return start_totp(web, c); });
    router.bind(V::post, "/profile/security/totp/confirm",
                [&web](RequestContext& c) { return confirm_totp(web, c); });
    router.bind(V::post, "/profile/security/totp/remove",
                [&web](RequestContext& c) { return remove_totp(web, c); });
    router.bind(V::post, "/profile/security/recovery-codes",
                [&web](RequestContext& c) { return new_recovery_codes(web, c); });
    router.bind(V::post, "/profile/security/step-up-threshold",
                [&web](RequestContext& c) { return set_threshold(web, c); });
}

}  // namespace bank
