#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/result.hpp"
#include "http/fields.hpp"
#include "http/request_context.hpp"
#include "service/step_up_service.hpp"
#include "web/view_renderer.hpp"
#include "web/web_context.hpp"

namespace bank {

// The step-up of a transfer typed on /transfer (or of a standing order set up on
// /standing-orders: `form_action`): nullopt when it may go (no step-up needed, or the code
// typed on the approval page was right), the approval page (payee, amount and a code field,
// the form's fields carried along, back to `form_action`) when a code is needed, or the refusal.
// The approval a page's form carries for `step_up_challenge`: a code (step_up_code) or a
// passkey's answer (passkey_response, filled in by web/static/js/passkeys.js); nullopt when
// it carries none, a refusal when the passkey's answer cannot be read.
Result<std::optional<StepUpAnswer>> step_up_answer_of_form(const Fields& form);
// With passkeys that may answer `challenge`: their options for the page's #passkey-form
// (passkey_options) and the script that uses them (passkeys_script).
void add_step_up_passkey_options(WebContext& web, const StepUpChallenge& challenge, ViewData& view);

boost::asio::awaitable<Result<std::optional<HttpResponse>>> transfer_step_up(
    WebContext& web, RequestContext& context, std::string_view form_action = "/transfer");

// A transfer a form sets up without naming it (a savings goal's standing order): the payee and
// amount it will have, the form to post the approval back to and the form's fields to carry.
struct PlannedTransfer {
    std::string form_action;
    std::string payee;
    std::string amount;
    std::vector<std::string> carried;
};

// As transfer_step_up, for `transfer`.
boost::asio::awaitable<Result<std::optional<HttpResponse>>> planned_transfer_step_up(
    WebContext& web, RequestContext& context, PlannedTransfer transfer);

}  // namespace bank
