// /api/v1/me/passkeys..., /api/v1/login/passkey... and a passkey answering
// /api/v1/login/second-factor.
#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "api/second_factor_json.hpp"
#include "http/pipeline.hpp"
#include "http/response.hpp"
#include "service/passkey_json.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

std::string user_agent_of(const RequestContext& context) {
    return std::string(context.request[boost::beast::http::field::user_agent]);
}

awaitable<HttpResponse> list_passkeys(ApiContext& api, RequestContext& context) {
    json::array list;
    for (const Passkey& passkey : api.services.passkeys.list(*context.identity)) {
        list.push_back(passkey_json(passkey));
    }
    co_return json_ok(HttpStatus::ok, json::object{{"available", api.services.passkeys.available()},
                                                   {"passkeys", std::move(list)}});
}

awaitable<HttpResponse> registration_options(ApiContext& api, RequestContext& context) {
    auto options = api.services.passkeys.registration_options(*context.identity);
    if (!options) co_return json_refusal(options.error());
    co_return json_ok(HttpStatus::ok, registration_options_json(*options));
}

awaitable<HttpResponse> add_passkey(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"name", "response"});
    if (!form.body) co_return std::move(*form.refusal);
    auto name = form.get("name", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto response = read_registration_credential(form.body->if_contains("response"));
    if (!response) co_return json_refusal(response.error());
    auto added = co_await api.services.passkeys.register_passkey(
        *context.identity, std::move(*name), std::move(*response), context.client_address);
    if (!added) co_return json_refusal(added.error());
    co_return json_ok(HttpStatus::created, passkey_json(*added));
}

awaitable<HttpResponse> remove_passkey(ApiContext& api, RequestContext& context) {
    auto removed = co_await api.services.passkeys.remove(
        *context.identity, context.parameters.get("passkey_id"), context.client_address);
    if (!removed) co_return json_refusal(removed.error());
    co_return json_ok(HttpStatus::ok, json::object{{"removed", true}});
}

awaitable<HttpResponse> second_factor_with_passkey(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"challenge_id", "response"});
    if (!form.body) co_return std::move(*form.refusal);
    auto challenge_id = form.get("challenge_id", true);
    if (form.refusal) co_return std::move(*form.refusal);
    auto response = read_assertion_credential(form.body->if_contains("response"));
    if (!response) co_return json_refusal(response.error());
    auto signed_in = co_await api.services.passkeys.complete_second_factor(
        std::move(*challenge_id), std::move(*response), context.client_address,
        user_agent_of(context));
    if (!signed_in) co_return json_refusal(signed_in.error());
    co_return json_ok(HttpStatus::ok, signed_in_json(*signed_in));
}

awaitable<HttpResponse> passwordless_options(ApiContext& api, RequestContext&) {
    auto options = api.services.passkeys.passwordless_options();
    if (!options) co_return json_refusal(options.error());
    co_return json_ok(HttpStatus::ok, assertion_options_json(*options));
}

awaitable<HttpResponse> passwordless_sign_in(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"response"});
    if (!form.body) co_return std::move(*form.refusal);
    auto response = read_assertion_credential(form.body->if_contains("response"));
    if (!response) co_return json_refusal(response.error());
    auto signed_in = co_await api.services.passkeys.sign_in(
        std::move(*response), context.client_address, user_agent_of(context));
    if (!signed_in) co_return json_refusal(signed_in.error());
    co_return json_ok(HttpStatus::ok, signed_in_json(*signed_in));
}

}  // namespace

// A second-factor answer that carries a passkey's response instead of a code.
bool is_passkey_answer(const HttpRequest& request) {
    std::optional<HttpResponse> ignored;
    const auto body = parse_json_body(request, ignored);
    return body && body->contains("response");
}

awaitable<HttpResponse> answer_second_factor_with_passkey(ApiContext& api,
                                                          RequestContext& context) {
    return second_factor_with_passkey(api, context);
}

void add_api_passkey_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    router.bind(V::get, "/api/v1/me/passkeys",
                [&api](RequestContext& c) { return list_passkeys(api, c); });
    router.bind(V::post, "/api/v1/me/passkeys/options",
                [&api](RequestContext& c) { return registration_options(api, c); });
    router.bind(V::post, "/api/v1/me/passkeys",
                [&api](RequestContext& c) { return add_passkey(api, c); });
    router.bind(V::delete_, "/api/v1/me/passkeys/{passkey_id}",
                [&api](RequestContext& c) { return remove_passkey(api, c); });
    router.bind(V::post, "/api/v1/login/passkey/options",
                [&api](RequestContext& c) { return passwordless_options(api, c); });
    router.bind(V::post, "/api/v1/login/passkey",
                [&api](RequestContext& c) { return passwordless_sign_in(api, c); });
}

}  // namespace bank
