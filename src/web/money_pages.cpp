#include "web/page_support.hpp"
#include "web/pages.hpp"
#include "web/step_up_page.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;

// The three money forms share one template; this says which one it is.
struct MoneyForm {
    std::string_view name;  // "deposit", "withdraw", "transfer"
    std::string_view title;
    std::string_view verb;         // the flash's verb: "Deposited", "Withdrew", "Transferred"
    std::string_view preposition;  // "into", "from", "to"
};

constexpr MoneyForm deposit_form{"deposit", "Deposit", "Deposited", "into"};
constexpr MoneyForm withdraw_form{"withdraw", "Withdraw", "Withdrew", "from"};
constexpr MoneyForm transfer_form{"transfer", "Transfer", "Transferred", "to"};

ViewData form_view(WebContext& web, const RequestContext& context, const MoneyForm& form,
                   std::string_view selected_id, std::string_view category) {
    ViewData view = base_view(context, form.title, form.name);
    const auto accounts = web.services.accounts.list(context.identity->user.user_id);
    view.set("accounts", account_options(accounts, selected_id, true, page_zone(context)));
    view.set("has_accounts", !accounts.empty());
    view.set("form_action", "/" + std::string(form.name));
    view.set("form_title", std::string(form.title));
    view.set("is_" + std::string(form.name), true);
    view.set("has_category", form.name != "deposit");
    view.set("categories", category_options(category));
    return view;
}

awaitable<HttpResponse> show(WebContext& web, RequestContext& context, const MoneyForm& form) {
    co_return render_page(web, context, HttpStatus::ok, "money_form",
                          form_view(web, context, form, context.query.get("account_id"), ""));
}

HttpResponse refused_form(WebContext& web, const RequestContext& context, const MoneyForm& form,
                          const Error& error) {
    ViewData view =
        form_view(web, context, form, context.form.get("account_id"), context.form.get("category"));
    keep_values(view, context, {"amount", "description", "to_account_number"});
    add_form_error(view, error);
    return render_page(web, context, status_of(error.code), "money_form", std::move(view));
}

awaitable<HttpResponse> submit(WebContext& web, RequestContext& context, const MoneyForm& form) {
    if (form.name == "transfer") {
        auto step_up = co_await transfer_step_up(web, context);
        if (!step_up) co_return refused_form(web, context, form, step_up.error());
        if (*step_up) co_return std::move(**step_up);
    }
    PaymentRequest request;
    request.user_id = context.identity->user.user_id;
    request.account_id = context.form.get("account_id");
    request.to_account_number = context.form.get("to_account_number");
    request.amount = context.form.get("amount");
    request.description = context.form.get("description");
    request.category = context.form.get("category");
    Result<PaymentReceipt> receipt = make_error(ErrorCode::unavailable, "");
    if (form.name == "deposit") {
        receipt = co_await web.services.payments.deposit(std::move(request));
    } else if (form.name == "withdraw") {
        receipt = co_await web.services.payments.withdraw(std::move(request));
    } else {
        receipt = co_await web.services.payments.transfer(std::move(request));
    }
    if (!receipt) co_return refused_form(web, context, form, receipt.error());
    const Transaction& row = receipt->transaction;
    const std::string party =
        form.name == "transfer" ? row.counterparty_account_number : receipt->account.account_number;
    std::string message = std::string(form.verb) + " " + row.amount.display() + " " +
                          std::string(form.preposition) + " " + party +
                          ". New balance: " + receipt->account.balance.display() + ".";
    co_return redirect_with_flash(context,
                                  "/transactions?account_id=" + receipt->account.account_id,
                                  "success", std::move(message));
}

void add_form(Router& router, WebContext& web, const MoneyForm& form) {
    const std::string path = "/" + std::string(form.name);
    router.bind(HttpVerb::get, path,
                [&web, &form](RequestContext& c) { return show(web, c, form); });
    router.bind(HttpVerb::post, path,
                [&web, &form](RequestContext& c) { return submit(web, c, form); });
}

}  // namespace

void add_money_pages(Router& router, WebContext& web) {
    add_form(router, web, deposit_form);
    add_form(router, web, withdraw_form);
    add_form(router, web, transfer_form);
}

}  // namespace bank
