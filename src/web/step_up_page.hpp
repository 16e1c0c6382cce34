#pragma once

#include <optional>

#include <boost/asio/awaitable.hpp>

#include "core/result.hpp"
#include "http/request_context.hpp"
#include "web/web_context.hpp"

namespace bank {

// The step-up of a transfer typed on /transfer: nullopt when it may go (no step-up needed,
// or the code typed on the approval page was right), the approval page (payee, amount and a
// code field, the transfer's fields carried along) when a code is needed, or the refusal.
boost::asio::awaitable<Result<std::optional<HttpResponse>>> transfer_step_up(
    WebContext& web, RequestContext& context);

}  // namespace bank
