#pragma once

#include <optional>

#include <boost/asio/awaitable.hpp>

#include "core/result.hpp"
#include "http/request_context.hpp"
#include "web/web_context.hpp"

namespace bank {

// The step-up of a transfer typed on /transfer (or of a standing order set up on
// /standing-orders: `form_action`): nullopt when it may go (no step-up needed, or the code
// typed on the approval page was right), the approval page (payee, amount and a code field,
// the form's fields carried along, back to `form_action`) when a code is needed, or the refusal.
boost::asio::awaitable<Result<std::optional<HttpResponse>>> transfer_step_up(
    WebContext& web, RequestContext& context, std::string_view form_action = "/transfer");

}  // namespace bank
