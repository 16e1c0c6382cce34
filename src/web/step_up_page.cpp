#include "web/step_up_page.hpp"

#include "web/page_support.hpp"

namespace bank {

boost::asio::awaitable<Result<std::optional<HttpResponse>>> transfer_step_up(
    WebContext& web, RequestContext& context, std::string_view form_action) {
    const Fields& form = context.form;
    std::optional<StepUpAnswer> answer;
    if (!form.get("step_up_challenge").empty()) {
        answer = StepUpAnswer{form.get("step_up_challenge"), form.get("step_up_code")};
    }
    // Named arguments: GCC 12 destroys a temporary in a co_await expression twice.
    const std::string payee = form.get("to_account_number");
    const std::string amount = form.get("amount");
    auto outcome = co_await web.services.step_up.check_transfer(
        *context.identity, payee, amount, std::move(answer), context.client_address);
    if (!outcome) co_return outcome.error();
    if (!outcome->challenge) co_return std::optional<HttpResponse>();
    const StepUpChallenge& challenge = *outcome->challenge;
    ViewData view = base_view(context, "Approve this transfer", "transfer");
    keep_values(view, context,
                {"account_id", "to_account_number", "amount", "description", "category",
                 "start_date", "rrule"});
    view.set("form_action", std::string(form_action));
    view.set("is_standing_order", form_action != "/transfer");
    view.set("challenge_id", challenge.challenge_id);
    view.set("payee", challenge.payee);
    view.set("amount_display", challenge.amount.display());
    co_return std::optional<HttpResponse>(
        render_page(web, context, HttpStatus::ok, "step_up", std::move(view)));
}

}  // namespace bank
