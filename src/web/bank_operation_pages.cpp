// /admin's bank operations with four eyes: the proposals list with Approve and Reject, and the
// forms that propose a freeze, an unfreeze or a reversal (POST /admin/proposals and
// /admin/proposals/decide, CSRF-checked as every admin form).
#include "core/limits.hpp"
#include "http/response.hpp"
#include "ledger/proposal_plans.hpp"
#include "web/page_support.hpp"
#include "web/pages.hpp"

namespace bank {

using boost::asio::awaitable;
using data = kainjow::mustache::data;

namespace {

std::string what_of(const Proposal& proposal, const std::string& number) {
    switch (proposal.kind) {
        case ProposalKind::freeze:
            return "Freeze account " + number + " (" +
                   std::string(to_string(proposal.freeze_mode)) + ")";
        case ProposalKind::unfreeze:
            return "Unfreeze account " + number;
        case ProposalKind::reversal:
            return "Reverse posting " + proposal.transaction_id + " on account " + number;
    }
    return "";
}

std::string status_of(const ProposalView& view) {
    if (view.expired) return "Expired";
    switch (view.proposal.status) {
        case ProposalStatus::pending:
            return "Pending";
        case ProposalStatus::approved:
            return "Approved";
        case ProposalStatus::rejected:
            return "Rejected";
    }
    return "";
}

HttpResponse proposed(RequestContext& context, const Result<Proposal>& proposal) {
    if (!proposal)
        return redirect_with_flash(context, "/admin", "danger", proposal.error().message);
    return redirect_with_flash(context, "/admin", "success",
                               "Proposed. Another administrator must approve it within " +
                                   std::to_string(limits::proposal_lifetime.count()) + " hours.");
}

// The proposal form: kind (freeze, unfreeze, reverse), an account number or a posting's id,
// the freeze's mode and the reason. Each co_await is a statement of its own (GCC 12 destroys a
// temporary of a co_await inside a conditional expression twice).
awaitable<HttpResponse> propose(WebContext& web, RequestContext& context) {
    auto& operations = web.services.bank_operations;
    const Identity& admin = *context.identity;
    const std::string kind = context.form.get("kind");
    std::string reason = context.form.get("reason");
    if (kind == "reverse") {
        const Result<Proposal> proposal = co_await operations.propose_reversal(
            admin, context.form.get("transaction_id"), std::move(reason), context.client_address);
        co_return proposed(context, proposal);
    }
    if (kind != "freeze" && kind != "unfreeze") {
        co_return redirect_with_flash(context, "/admin", "danger",
                                      "Choose Freeze, Unfreeze or Reverse.");
    }
    const auto account_id =
        operations.account_id_of_number(admin, context.form.get("account_number"));
    if (!account_id) {
        co_return redirect_with_flash(context, "/admin", "danger", account_id.error().message);
    }
    if (kind == "freeze") {
        const Result<Proposal> proposal =
            co_await operations.propose_freeze(admin, *account_id, context.form.get("mode"),
                                               std::move(reason), context.client_address);
        co_return proposed(context, proposal);
    }
    const Result<Proposal> proposal = co_await operations.propose_unfreeze(
        admin, *account_id, std::move(reason), context.client_address);
    co_return proposed(context, proposal);
}

awaitable<HttpResponse> decide(WebContext& web, RequestContext& context) {
    const std::string action = context.form.get("action");
    if (action != "approve" && action != "reject") {
        co_return redirect_with_flash(context, "/admin", "danger", "Choose Approve or Reject.");
    }
    const auto decided = co_await web.services.bank_operations.decide(
        *context.identity, context.form.get("proposal_id"), action == "approve",
        context.client_address);
    if (!decided)
        co_return redirect_with_flash(context, "/admin", "danger", decided.error().message);
    co_return redirect_with_flash(context, "/admin", "success",
                                  action == "approve" ? "Approved and carried out." : "Rejected.");
}

}  // namespace

void add_proposal_views(WebContext& web, const RequestContext& context, ViewData& view) {
    const auto views = web.services.bank_operations.list(*context.identity);
    data list{data::type::list};
    if (views) {
        for (const ProposalView& item : *views) {
            const Proposal& proposal = item.proposal;
            data row;
            row.set("proposal_id", proposal.proposal_id);
            row.set("what", what_of(proposal, item.account_number));
            row.set("reason", proposal.reason);
            row.set("status", status_of(item));
            row.set("proposed_at", format_display(proposal.proposed_at, page_zone(context)));
            row.set("expires_at", format_display(expiry_of(proposal), page_zone(context)));
            const bool open = proposal.status == ProposalStatus::pending && !item.expired;
            row.set("is_open", open);
            row.set("is_own", proposal.proposed_by == context.identity->user.user_id);
            list.push_back(row);
        }
    }
    view.set("has_proposals", views && !views->empty());
    view.set("proposals", list);
}

void add_bank_operation_pages(Router& router, WebContext& web) {
    router.bind(HttpVerb::post, "/admin/proposals",
                [&web](RequestContext& c) { return propose(web, c); });
    router.bind(HttpVerb::post, "/admin/proposals/decide",
                [&web](RequestContext& c) { return decide(web, c); });
}

}  // namespace bank
