// /api/v1/me/totp..., /api/v1/login/second-factor and the step-up answer of a transfer.
#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "api/second_factor_json.hpp"
#include "http/pipeline.hpp"
#include "http/response.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

json::array codes_json(const std::vector<std::string>& codes) {
    json::array list;
    for (const auto& code : codes) list.emplace_back(code);
    return list;
}

awaitable<HttpResponse> totp_status(ApiContext& api, RequestContext& context) {
    const SecondFactorSummary summary = api.services.second_factors.summary(*context.identity);
    co_return json_ok(HttpStatus::ok,
                      json::object{{"enrolled", summary.enrolled},
                                   {"pending", summary.pending},
                                   {"recovery_codes_left", summary.recovery_codes_left},
                                   {"step_up_threshold", summary.step_up_threshold.to_string()},
                                   {"step_up_policy", to_string(api.services.step_up.policy())}});
}

awaitable<HttpResponse> totp_enrol(ApiContext& api, RequestContext& context) {
    auto enrolment = api.services.second_factors.start_enrolment(*context.identity);
    if (!enrolment) co_return json_refusal(enrolment.error());
    co_return json_ok(HttpStatus::created, json::object{{"secret", enrolment->secret},
                                                        {"otpauth_uri", enrolment->otpauth_uri}});
}

awaitable<HttpResponse> totp_confirm(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"code"});
    if (!form.body) co_return std::move(*form.refusal);
    auto code = form.get("code", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto codes = co_await api.services.second_factors.confirm_enrolment(
        *context.identity, std::move(*code), context.client_address);
    if (!codes) co_return json_refusal(codes.error());
    co_return json_ok(HttpStatus::ok, json::object{{"recovery_codes", codes_json(*codes)}});
}

awaitable<HttpResponse> totp_remove(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"code"});
    if (!form.body) co_return std::move(*form.refusal);
    auto code = form.get("code", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto removed = co_await api.services.second_factors.remove(*context.identity, std::move(*code),
                                                               context.client_address);
    if (!removed) co_return json_refusal(removed.error());
    co_return json_ok(HttpStatus::ok, json::object{{"removed", true}});
}

awaitable<HttpResponse> recovery_codes(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"code"});
    if (!form.body) co_return std::move(*form.refusal);
    auto code = form.get("code", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto codes = co_await api.services.second_factors.regenerate_recovery_codes(
        *context.identity, std::move(*code), context.client_address);
    if (!codes) co_return json_refusal(codes.error());
    co_return json_ok(HttpStatus::ok, json::object{{"recovery_codes", codes_json(*codes)}});
}

awaitable<HttpResponse> step_up_threshold(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"step_up_threshold"});
    if (!form.body) co_return std::move(*form.refusal);
    auto amount = form.get("step_up_threshold", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto threshold = api.services.second_factors.set_step_up_threshold(*context.identity, *amount);
    if (!threshold) co_return json_refusal(threshold.error());
    co_return json_ok(HttpStatus::ok, json::object{{"step_up_threshold", threshold->to_string()}});
}

awaitable<HttpResponse> login_second_factor(ApiContext& api, RequestContext& context) {
    if (is_passkey_answer(context.request)) {
        co_return co_await answer_second_factor_with_passkey(api, context);
    }
    JsonForm form(context.request, {"challenge_id", "code", "recovery_code"});
    if (!form.body) co_return std::move(*form.refusal);
    auto challenge_id = form.get("challenge_id", true);
    auto code = form.get("code", false);
    auto recovery_code = form.get("recovery_code", false);
    if (form.refusal) co_return std::move(*form.refusal);
    if (code->empty() == recovery_code->empty()) {
        co_return json_refusal(make_error(ErrorCode::validation_failed,
                                          "Send either a code or a recovery code.", "code"));
    }
    auto signed_in = co_await api.services.second_factors.complete_sign_in(
        std::move(*challenge_id), std::move(*code), std::move(*recovery_code),
        context.client_address,
        std::string(context.request[boost::beast::http::field::user_agent]));
    if (!signed_in) co_return json_refusal(signed_in.error());
    co_return json_ok(HttpStatus::ok, signed_in_json(*signed_in));
}

}  // namespace

void add_api_second_factor_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    router.bind(V::get, "/api/v1/me/totp",
                [&api](RequestContext& c) { return totp_status(api, c); });
    router.bind(V::post, "/api/v1/me/totp",
                [&api](RequestContext& c) { return totp_enrol(api, c); });
    router.bind(V::post, "/api/v1/me/totp/confirm",
                [&api](RequestContext& c) { return totp_confirm(api, c); });
    router.bind(V::delete_, "/api/v1/me/totp",
                [&api](RequestContext& c) { return totp_remove(api, c); });
    router.bind(V::post, "/api/v1/me/totp/recovery-codes",
                [&api](RequestContext& c) { return recovery_codes(api, c); });
    router.bind(V::post, "/api/v1/me/step-up-threshold",
                [&api](RequestContext& c) { return step_up_threshold(api, c); });
    router.bind(V::post, "/api/v1/login/second-factor",
                [&api](RequestContext& c) { return login_second_factor(api, c); });
}

}  // namespace bank
