#include "api/second_factor_json.hpp"

#include <boost/json/serialize.hpp>

#include "api/json_views.hpp"
#include "http/response.hpp"
#include "service/passkey_json.hpp"

namespace bank {

namespace json = boost::json;

namespace {

// Where a transfer's step-up answer travels: `field` of an error about it.
constexpr std::string_view step_up_header = "X-Step-Up";

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

HttpResponse step_up_required(const StepUpChallenge& challenge) {
    if (challenge.count > 0) {
        json::object body{
            {"error",
             json::object{
                 {"code", "step_up_required"},
                 {"message", "Approve this bulk payment of " + std::to_string(challenge.count) +
                                 " transfers totalling " + challenge.amount.display() +
                                 " with a code from your authenticator app: "
                                 "send the same request again with "
                                 "X-Step-Up: <challenge_id>:<code>."}}},
            {"challenge_id", challenge.challenge_id},
            {"count", challenge.count},
            {"total", challenge.amount.to_string()},
            {"payees_digest", challenge.payees_digest},
            {"expires_at", format_rfc3339(challenge.expires_at)}};
        return json_ok(HttpStatus::unauthorized, body);
    }
    json::object body{
        {"error",
         json::object{{"code", "step_up_required"},
                      {"message", "Approve this transfer of " + challenge.amount.display() +
                                      " to " + challenge.payee +
                                      " with a code from your authenticator app: send "
                                      "the same request again with X-Step-Up: "
                                      "<challenge_id>:<code>."}}},
        {"challenge_id", challenge.challenge_id},
        {"payee", challenge.payee},
        {"amount", challenge.amount.to_string()},
        {"expires_at", format_rfc3339(challenge.expires_at)}};
    return json_ok(HttpStatus::unauthorized, body);
}

boost::asio::awaitable<std::optional<HttpResponse>> step_up_refusal(
    Services& services, RequestContext& context, std::string_view to_account_number,
    std::string_view amount) {
    std::optional<StepUpAnswer> answer;
    const std::string_view header = context.request[step_up_header];
    if (!header.empty()) {
        answer = StepUpService::parse_header(header);
        if (!answer) {
            co_return json_refusal(make_error(ErrorCode::validation_failed,
                                              "X-Step-Up must be <challenge_id>:<code>.",
                                              std::string(step_up_header)));
        }
    }
    auto outcome = co_await services.step_up.check_transfer(
        *context.identity, to_account_number, amount, std::move(answer), context.client_address);
    if (!outcome) {
        Error error = outcome.error();
        // The service names the code as the pages' and the sign-in's JSON do; a transfer
        // carries it in its X-Step-Up header, and `field` names what the request sent.
        if (error.field == "code") error.field = std::string(step_up_header);
        co_return json_refusal(error);
    }
    if (outcome->challenge) co_return step_up_required(*outcome->challenge);
    co_return std::nullopt;
}

namespace {

// The X-Step-Up header's answer; nullopt without one, a refusal when it is malformed.
Result<std::optional<StepUpAnswer>> step_up_answer(const RequestContext& context) {
    const std::string_view header = context.request[step_up_header];
    if (header.empty()) return std::optional<StepUpAnswer>();
    auto answer = StepUpService::parse_header(header);
    if (!answer) {
        return make_error(ErrorCode::validation_failed, "X-Step-Up must be <challenge_id>:<code>.",
                          std::string(step_up_header));
    }
    return std::optional<StepUpAnswer>(std::move(answer));
}

std::optional<HttpResponse> step_up_answer_of(Result<StepUpOutcome>& outcome) {
    if (!outcome) {
        Error error = outcome.error();
        if (error.field == "code") error.field = std::string(step_up_header);
        return json_refusal(error);
    }
    if (outcome->challenge) return step_up_required(*outcome->challenge);
    return std::nullopt;
}

}  // namespace

boost::asio::awaitable<std::optional<HttpResponse>> batch_step_up_refusal(
    Services& services, RequestContext& context, const std::vector<StepUpBatchItem>& items) {
    auto answer = step_up_answer(context);
    if (!answer) co_return json_refusal(answer.error());
    auto outcome = co_await services.step_up.check_batch(
        *context.identity, items, std::move(*answer), context.client_address);
    co_return step_up_answer_of(outcome);
}

}  // namespace bank
