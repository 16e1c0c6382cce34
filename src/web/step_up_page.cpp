#include "web/step_up_page.hpp"

#include <boost/json/serialize.hpp>

#include "service/passkey_json.hpp"
#include "web/page_support.hpp"

namespace bank {

Result<std::optional<StepUpAnswer>> step_up_answer_of_form(const Fields& form) {
    if (form.get("step_up_challenge").empty()) return std::optional<StepUpAnswer>();
    if (form.get("passkey_response").empty()) {
        return std::optional<StepUpAnswer>(
            StepUpAnswer{form.get("step_up_challenge"), form.get("step_up_code"), std::nullopt});
    }
    auto credential = parse_assertion_credential(form.get("passkey_response"));
    auto answer = credential ? StepUpService::passkey_answer(std::move(*credential)) : std::nullopt;
    if (!answer) {
        return make_error(ErrorCode::validation_failed,
                          "The passkey's answer could not be read; approve the transfer again.");
    }
    return std::optional<StepUpAnswer>(std::move(answer));
}

void add_step_up_passkey_options(WebContext& web, const StepUpChallenge& challenge,
                                 ViewData& view) {
    const auto options = web.services.passkeys.step_up_options(challenge.challenge_id,
                                                               challenge.passkey_credential_ids);
    if (!options || challenge.passkey_credential_ids.empty()) return;
    view.set("passkey_options", boost::json::serialize(assertion_options_json(*options)));
    view.set("passkeys_script", true);
}

namespace {

// The approval page of `challenge`, whose form posts `view`'s carried fields back.
HttpResponse approval_page(WebContext& web, const RequestContext& context, ViewData view,
                           const StepUpChallenge& challenge, std::string_view form_action) {
    view.set("form_action", std::string(form_action));
    view.set("challenge_id", challenge.challenge_id);
    view.set("payee", challenge.payee);
    view.set("amount_display", challenge.amount.display());
    view.set("totp", challenge.totp);
    add_step_up_passkey_options(web, challenge, view);
    return render_page(web, context, HttpStatus::ok, "step_up", std::move(view));
}

}  // namespace

boost::asio::awaitable<Result<std::optional<HttpResponse>>> transfer_step_up(
    WebContext& web, RequestContext& context, std::string_view form_action) {
    auto answer = step_up_answer_of_form(context.form);
    if (!answer) co_return answer.error();
    // Named arguments: GCC 12 destroys a temporary in a co_await expression twice.
    const std::string payee = context.form.get("to_account_number");
    const std::string amount = context.form.get("amount");
    auto outcome = co_await web.services.step_up.check_transfer(
        *context.identity, payee, amount, std::move(*answer), context.client_address);
    if (!outcome) co_return outcome.error();
    if (!outcome->challenge) co_return std::optional<HttpResponse>();
    ViewData view = base_view(context, "Approve this transfer", "transfer");
    keep_values(view, context,
                {"account_id", "to_account_number", "amount", "description", "category",
                 "start_date", "rrule"});
    view.set("is_standing_order", form_action != "/transfer");
    co_return std::optional<HttpResponse>(
        approval_page(web, context, std::move(view), *outcome->challenge, form_action));
}

boost::asio::awaitable<Result<std::optional<HttpResponse>>> planned_transfer_step_up(
    WebContext& web, RequestContext& context, PlannedTransfer transfer) {
    auto answer = step_up_answer_of_form(context.form);
    if (!answer) co_return answer.error();
    auto outcome = co_await web.services.step_up.check_transfer(*context.identity, transfer.payee,
                                                                transfer.amount, std::move(*answer),
                                                                context.client_address);
    if (!outcome) co_return outcome.error();
    if (!outcome->challenge) co_return std::optional<HttpResponse>();
    ViewData view = base_view(context, "Approve this transfer", "transfer");
    kainjow::mustache::data carried{kainjow::mustache::data::type::list};
    for (const std::string& name : transfer.carried) {
        kainjow::mustache::data field;
        field.set("name", name);
        field.set("value", context.form.get(name));
        carried.push_back(field);
    }
    view.set("carried", carried);
    view.set("has_carried", true);
    co_return std::optional<HttpResponse>(
        approval_page(web, context, std::move(view), *outcome->challenge, transfer.form_action));
}

}  // namespace bank
