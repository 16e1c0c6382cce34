// /transfers/batch: a business customer's bulk payment (payroll) from a CSV. The file is
// chosen (read into the form by /static/js/csv_upload.js) or pasted, previewed with every
// row's problem named, approved once when the step-up policy asks, and sent as one batch
// (PaymentService::transfer_batch, the API's POST /api/v1/transfers/batch); each row's
// outcome is shown in its place.
#include "service/payment_csv.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"
#include "web/step_up_page.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
using data = ViewData;

ViewData batch_view(WebContext& web, const RequestContext& context) {
    ViewData view = base_view(context, "Bulk payment", "transfer");
    const auto accounts = web.services.accounts.list(context.identity->user.user_id);
    view.set("accounts",
             account_options(accounts, context.form.get("account_id"), true, page_zone(context)));
    view.set("has_accounts", !accounts.empty());
    view.set("value_csv", context.form.get("csv"));
    return view;
}

// The stateful checks of each row: the paying account is one of the person's open ones (its
// number in the file, or the account chosen on the form), the payee an open account.
void check_accounts(WebContext& web, const RequestContext& context, PaymentCsv& csv) {
    const auto accounts = web.services.accounts.list(context.identity->user.user_id);
    const std::string chosen = context.form.get("account_id");
    for (PaymentCsvRow& row : csv.rows) {
        for (const Account& account : accounts) {
            if (account.status != AccountStatus::active) continue;
            const bool named = row.from_account_number.empty()
                                   ? account.account_id == chosen
                                   : account.account_number == row.from_account_number;
            if (named) row.from_account_id = account.account_id;
        }
        if (row.from_account_id.empty()) {
            row.problems.emplace_back(row.from_account_number.empty()
                                          ? "From account: choose one of your open accounts."
                                          : "From account: not one of your open accounts.");
        }
        const bool payee_checked = row.to_account_number.size() == 10;
        if (payee_checked && !web.services.accounts.open_account_numbered(row.to_account_number)) {
            row.problems.emplace_back("To account: no open account in this bank has that number.");
        }
    }
}

ViewData rows_view(const PaymentCsv& csv, std::size_t& problems) {
    data rows{data::type::list};
    for (const PaymentCsvRow& row : csv.rows) {
        data view;
        view.set("line", std::to_string(row.line));
        view.set("from", row.from_account_number.empty() ? std::string("(chosen account)")
                                                         : row.from_account_number);
        view.set("to", row.to_account_number);
        view.set("amount", row.amount);
        view.set("description", row.description);
        view.set("category", row.category);
        data list{data::type::list};
        for (const std::string& problem : row.problems) list.push_back(data("text", problem));
        view.set("problems", list);
        view.set("has_problems", !row.problems.empty());
        problems += row.problems.empty() ? 0 : 1;
        rows.push_back(view);
    }
    return rows;
}

std::vector<StepUpBatchItem> step_up_items(const PaymentCsv& csv) {
    std::vector<StepUpBatchItem> items;
    for (const PaymentCsvRow& row : csv.rows) items.push_back({row.to_account_number, row.amount});
    return items;
}

// The batch the CSV's rows make, each row a transfer as the single-transfer form would send it.
BatchPaymentRequest batch_request(const std::string& user_id, const PaymentCsv& csv) {
    BatchPaymentRequest request;
    request.user_id = user_id;
    for (const PaymentCsvRow& row : csv.rows) {
        PaymentRequest item;
        item.account_id = row.from_account_id;
        item.to_account_number = row.to_account_number;
        item.amount = row.amount;
        item.description = row.description;
        item.category = row.category;
        request.items.emplace_back(std::move(item));
    }
    return request;
}

// Each row's outcome after sending: paid with the balance after, or refused and why.
void add_outcomes(ViewData& view, const PaymentCsv& csv, const BatchReceipt& receipt) {
    data outcomes{data::type::list};
    std::size_t created = 0;
    for (std::size_t index = 0; index < receipt.items.size(); ++index) {
        const auto& outcome = receipt.items[index];
        data row;
        row.set("line", std::to_string(csv.rows[index].line));
        row.set("to", csv.rows[index].to_account_number);
        row.set("amount", csv.rows[index].amount);
        row.set("created", outcome.ok());
        row.set("outcome", outcome
                               ? "Paid. Balance after: " + outcome.value().balance_after.display()
                               : "Refused: " + outcome.error().message);
        created += outcome.ok() ? 1 : 0;
        outcomes.push_back(row);
    }
    view.set("value_csv", std::string());
    view.set("outcomes", outcomes);
    view.set("sent", true);
    view.set("created_count", std::to_string(created));
    view.set("row_count", std::to_string(receipt.items.size()));
}

awaitable<HttpResponse> show_batch_page(WebContext& web, RequestContext& context) {
    co_return render_page(web, context, HttpStatus::ok, "bulk_payments", batch_view(web, context));
}

// The preview (or, with every row fine and the approval given, the batch's outcomes).
awaitable<HttpResponse> submit(WebContext& web, RequestContext& context) {
    ViewData view = batch_view(web, context);
    PaymentCsv csv = parse_payment_csv(context.form.get("csv"));
    if (csv.problem) {
        add_form_error(view, make_error(ErrorCode::validation_failed, *csv.problem, "csv"));
        co_return render_page(web, context, HttpStatus::bad_request, "bulk_payments",
                              std::move(view));
    }
    check_accounts(web, context, csv);
    std::size_t problems = 0;
    view.set("rows", rows_view(csv, problems));
    view.set("previewed", true);
    view.set("row_count", std::to_string(csv.rows.size()));
    view.set("problem_count", std::to_string(problems));
    view.set("can_send", problems == 0);
    // A passkey's answer is submitted by the script (no button's value comes with it).
    const bool send =
        context.form.get("action") == "send" || !context.form.get("passkey_response").empty();
    if (problems > 0 || !send) {
        co_return render_page(web, context,
                              problems > 0 ? HttpStatus::unprocessable_entity : HttpStatus::ok,
                              "bulk_payments", std::move(view));
    }
    auto answer = step_up_answer_of_form(context.form);
    if (!answer) {
        add_form_error(view, answer.error());
        co_return render_page(web, context, HttpStatus::bad_request, "bulk_payments",
                              std::move(view));
    }
    const std::vector<StepUpBatchItem> items = step_up_items(csv);
    auto approval = co_await web.services.step_up.check_batch(
        *context.identity, items, std::move(*answer), context.client_address);
    if (!approval) {
        add_form_error(view, approval.error());
        co_return render_page(web, context, status_of(approval.error().code), "bulk_payments",
                              std::move(view));
    }
    if (approval->challenge) {
        view.set("approval", true);
        view.set("challenge_id", approval->challenge->challenge_id);
        view.set("approval_total", approval->challenge->amount.display());
        view.set("approval_by_code", approval->challenge->totp);
        add_step_up_passkey_options(web, *approval->challenge, view);
        co_return render_page(web, context, HttpStatus::ok, "bulk_payments", std::move(view));
    }
    auto receipt = co_await web.services.payments.transfer_batch(
        batch_request(context.identity->user.user_id, csv));
    if (!receipt) {
        add_form_error(view, receipt.error());
        co_return render_page(web, context, status_of(receipt.error().code), "bulk_payments",
                              std::move(view));
    }
    ViewData done = batch_view(web, context);
    add_outcomes(done, csv, *receipt);
    co_return render_page(web, context, HttpStatus::ok, "bulk_payments", std::move(done));
}

}  // namespace

void add_bulk_payment_pages(Router& router, WebContext& web) {
    router.bind(HttpVerb::get, "/transfers/batch",
                [&web](RequestContext& c) { return show_batch_page(web, c); });
    router.bind(HttpVerb::post, "/transfers/batch",
                [&web](RequestContext& c) { return submit(web, c); });
}

}  // namespace bank
