#pragma once

#include <optional>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include "http/request_context.hpp"
#include "http/types.hpp"
#include "service/second_factor_service.hpp"
#include "service/services.hpp"
#include "service/step_up_service.hpp"

namespace bank {

// {token, expires_at}: what a finished sign-in answers.
boost::json::object signed_in_json(const SignedIn& signed_in);
// 401 {"error": {"code": "second_factor_required", ...}, "challenge_id", "methods", "expires_at"}.
// With the assertion options a passkey answers it with, when the person has passkeys.
HttpResponse second_factor_required(const SignInChallenge& challenge,
                                    const PasskeyService& passkeys);
// 401 {"error": {"code": "step_up_required", ...}, "challenge_id", "payee", "amount",
// "methods", "expires_at"}, with passkey_options when a passkey may approve it.
HttpResponse step_up_required(const StepUpChallenge& challenge, const PasskeyService& passkeys);

// For a transfer: nullopt when it may go (no step-up needed, the X-Step-Up or
// X-Step-Up-Passkey answer was right, or its Idempotency-Key names a request already made),
// else the answer to send (a step-up challenge or a refusal).
// `posts_under_key`: the request is a posting whose Idempotency-Key the writer checks (a
// transfer), so a key already used answers its first outcome or a conflict and moves no money:
// then no step-up is asked. Anything else (a standing order) is asked whatever its headers say.
boost::asio::awaitable<std::optional<HttpResponse>> step_up_refusal(
    Services& services, RequestContext& context, std::string_view to_account_number,
    std::string_view amount, bool posts_under_key = false);
// The same for a bulk payment, once for the whole batch; its 401 carries "count", "total"
// and "payees_digest" instead of "payee" and "amount".
boost::asio::awaitable<std::optional<HttpResponse>> batch_step_up_refusal(
    Services& services, RequestContext& context, const std::vector<StepUpBatchItem>& items);

}  // namespace bank
