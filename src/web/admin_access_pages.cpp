#include "http/response.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {

using boost::asio::awaitable;

namespace {

// The /admin form: an email and Disable or Enable.
awaitable<HttpResponse> set_access(WebContext& web, RequestContext& context) {
    const std::string action = context.form.get("action");
    if (action != "disable" && action != "enable") {
        co_return redirect_with_flash(context, "/admin", "danger", "Choose Disable or Enable.");
    }
    const bool disabled = action == "disable";
    auto person = co_await web.services.admin_access.set_disabled_by_email(
        *context.identity, context.form.get("email"), disabled, context.client_address);
    if (!person) co_return redirect_with_flash(context, "/admin", "danger", person.error().message);
    co_return redirect_with_flash(
        context, "/admin", "success",
        disabled ? person->email + " is disabled: every session and token of theirs has ended."
                 : person->email + " is enabled and may sign in again.");
}

}  // namespace

void add_admin_access_pages(Router& router, WebContext& web) {
    router.bind(HttpVerb::post, "/admin/users/access",
                [&web](RequestContext& c) { return set_access(web, c); });
}

}  // namespace bank
