#include "api/second_factor_json.hpp"

#include <boost/json/serialize.hpp>

#include "api/json_views.hpp"
#include "http/response.hpp"
#include "service/passkey_json.hpp"
#include "service/webauthn_base64url.hpp"

namespace bank {

namespace json = boost::json;

namespace {

// Where a transfer's step-up answer travels: `field` of an error about it.
constexpr std::string_view step_up_header = "X-Step-Up";
// A passkey's answer instead: the PublicKeyCredential JSON, base64url-encoded (a header
// carries no raw JSON safely).
constexpr std::string_view step_up_passkey_header = "X-Step-Up-Passkey";

// The step-up answer a request carries, if any; a refusal when a header is malformed.
Result<std::optional<StepUpAnswer>> step_up_answer_of(const RequestContext& context) {
    const std::string_view code = context.request[step_up_header];
    const std::string_view passkey = context.request[step_up_passkey_header];
    if (!code.empty() && !passkey.empty()) {
        return make_error(ErrorCode::validation_failed,
                          "Send X-Step-Up or X-Step-Up-Passkey, not both.",
                          std::string(step_up_passkey_header));
    }
    if (!passkey.empty()) {
        const auto json_text = base64url_decode(passkey);
        auto credential = json_text ? parse_assertion_credential(*json_text)
                                    : Result<WebAuthnAssertionResponse>(make_error(
                                          ErrorCode::validation_failed, "not base64url"));
        auto answer =
            credential ? StepUpService::passkey_answer(std::move(*credential)) : std::nullopt;
        if (!answer) {
            return make_error(ErrorCode::validation_failed,
                              "X-Step-Up-Passkey must be the passkey's PublicKeyCredential JSON "
                              "in base64url.",
                              std::string(step_up_passkey_header));
        }
        return std::optional<StepUpAnswer>(std::move(answer));
    }
    if (code.empty()) return std::optional<StepUpAnswer>();
    auto answer = StepUpService::parse_header(code);
    if (!answer) {
        return make_error(ErrorCode::validation_failed, "X-Step-Up must be <challenge_id>:<code>.",
                          std::string(step_up_header));
    }
    return std::optional<StepUpAnswer>(std::move(answer));
}

}  // namespace

json::object signed_in_json(const SignedIn& signed_in) {
    return json::object{{"token", signed_in.token},
                        {"expires_at", format_rfc3339(signed_in.identity.session.expires_at)}};
}

HttpResponse second_factor_required(const SignInChallenge& challenge,
                                    const PasskeyService& passkeys) {
    json::array methods;
    if (challenge.totp) {
        methods.emplace_back("totp");
        methods.emplace_back("recovery_code");
    }
    const auto passkey_options =
        passkeys.second_factor_options(challenge.challenge_id, challenge.passkey_credential_ids);
    const bool by_passkey = passkey_options && !challenge.passkey_credential_ids.empty();
    if (by_passkey) methods.emplace_back("passkey");
    json::object body{
        {"error", json::object{{"code", "second_factor_required"},
                               {"message", challenge.totp
                                               ? "Enter the code from your authenticator app (or a "
                                                 "recovery code) to finish signing in."
                                               : "Use your passkey to finish signing in."}}},
        {"challenge_id", challenge.challenge_id},
        {"methods", std::move(methods)},
        {"expires_at", format_rfc3339(challenge.expires_at)}};
    if (by_passkey) body["passkey_options"] = assertion_options_json(*passkey_options);
    return json_ok(HttpStatus::unauthorized, body);
}

namespace {

// The error and the figures of a 401 step_up_required: a single transfer's payee and amount,
// or a bulk payment's count, total and payees' digest.
json::object step_up_body(const StepUpChallenge& challenge) {
    const std::string how =
        ": send the same request again with X-Step-Up: <challenge_id>:<code> (a code from your "
        "authenticator app) or X-Step-Up-Passkey (a passkey's answer to passkey_options).";
    if (challenge.count > 0) {
        return json::object{
            {"error",
             json::object{
                 {"code", "step_up_required"},
                 {"message", "Approve this bulk payment of " + std::to_string(challenge.count) +
                                 " transfers totalling " + challenge.amount.display() + how}}},
            {"challenge_id", challenge.challenge_id},
            {"count", challenge.count},
            {"total", challenge.amount.to_string()},
            {"payees_digest", challenge.payees_digest},
            {"expires_at", format_rfc3339(challenge.expires_at)}};
    }
    return json::object{{"error", json::object{{"code", "step_up_required"},
                                               {"message", "Approve this transfer of " +
                                                               challenge.amount.display() + " to " +
                                                               challenge.payee + how}}},
                        {"challenge_id", challenge.challenge_id},
                        {"payee", challenge.payee},
                        {"amount", challenge.amount.to_string()},
                        {"expires_at", format_rfc3339(challenge.expires_at)}};
}

// What a step-up check answers over HTTP: nullopt when the request may go.
std::optional<HttpResponse> response_of(const Result<StepUpOutcome>& outcome,
                                        const PasskeyService& passkeys) {
    if (!outcome) {
        Error error = outcome.error();
        // The service names the code as the pages' and the sign-in's JSON do; a transfer
        // carries it in its X-Step-Up header, and `field` names what the request sent.
        if (error.field == "code") error.field = std::string(step_up_header);
        return json_refusal(error);
    }
    if (outcome->challenge) return step_up_required(*outcome->challenge, passkeys);
    return std::nullopt;
}

}  // namespace

HttpResponse step_up_required(const StepUpChallenge& challenge, const PasskeyService& passkeys) {
    json::array methods;
    if (challenge.totp) methods.emplace_back("totp");
    const auto passkey_options =
        passkeys.step_up_options(challenge.challenge_id, challenge.passkey_credential_ids);
    const bool by_passkey = passkey_options && !challenge.passkey_credential_ids.empty();
    if (by_passkey) methods.emplace_back("passkey");
    json::object body = step_up_body(challenge);
    body["methods"] = std::move(methods);
    if (by_passkey) body["passkey_options"] = assertion_options_json(*passkey_options);
    return json_ok(HttpStatus::unauthorized, body);
}

boost::asio::awaitable<std::optional<HttpResponse>> step_up_refusal(
    Services& services, RequestContext& context, std::string_view to_account_number,
    std::string_view amount, bool posts_under_key) {
    const Identity& identity = *context.identity;
    if (posts_under_key && services.step_up.is_remembered_request(
                               identity.user.user_id, context.request["Idempotency-Key"])) {
        co_return std::nullopt;
    }
    auto answer = step_up_answer_of(context);
    if (!answer) co_return json_refusal(answer.error());
    auto outcome = co_await services.step_up.check_transfer(
        identity, to_account_number, amount, std::move(*answer), context.client_address);
    co_return response_of(outcome, services.passkeys);
}

boost::asio::awaitable<std::optional<HttpResponse>> batch_step_up_refusal(
    Services& services, RequestContext& context, const std::vector<StepUpBatchItem>& items) {
    const Identity& identity = *context.identity;
    // A batch is a posting under its key on both engines (the batch's record is checked in
    // the writer like a transfer's): a used key replays or conflicts and moves nothing.
    if (services.step_up.is_remembered_request(identity.user.user_id,
                                               context.request["Idempotency-Key"])) {
        co_return std::nullopt;
    }
    auto answer = step_up_answer_of(context);
    if (!answer) co_return json_refusal(answer.error());
    auto outcome = co_await services.step_up.check_batch(identity, items, std::move(*answer),
                                                         context.client_address);
    co_return response_of(outcome, services.passkeys);
}

}  // namespace bank
