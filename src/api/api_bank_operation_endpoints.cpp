// /api/v1/admin/accounts/{account_id}/freeze and /unfreeze,
// /api/v1/admin/transactions/{transaction_id}/reverse, and the proposals they make:
// /api/v1/admin/proposals, .../{proposal_id}/approve and /reject (four eyes).
#include "api/api_routes.hpp"
#include "api/json_form.hpp"
#include "api/json_views.hpp"
#include "core/limits.hpp"
#include "http/pipeline.hpp"
#include "ledger/proposal_plans.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

json::value text_or_null(const std::string& text) {
    return text.empty() ? json::value(nullptr) : json::value(text);
}

json::object proposal_json(const ProposalView& view) {
    const Proposal& proposal = view.proposal;
    const bool decided = proposal.status != ProposalStatus::pending;
    return json::object{
        {"proposal_id", proposal.proposal_id},
        {"kind", to_string(proposal.kind)},
        {"status", view.expired ? std::string_view("expired") : to_string(proposal.status)},
        {"account_id", proposal.account_id},
        {"account_number", text_or_null(view.account_number)},
        {"transaction_id", text_or_null(proposal.transaction_id)},
        {"mode", proposal.kind == ProposalKind::freeze
                     ? json::value(to_string(proposal.freeze_mode))
                     : json::value(nullptr)},
        {"reason", proposal.reason},
        {"proposed_by", proposal.proposed_by},
        {"proposed_at", format_rfc3339(proposal.proposed_at)},
        {"expires_at", format_rfc3339(expiry_of(proposal))},
        {"decided_by", text_or_null(proposal.decided_by)},
        {"decided_at",
         decided ? json::value(format_rfc3339(proposal.decided_at)) : json::value(nullptr)}};
}

awaitable<HttpResponse> answer(ApiContext& api, const Result<Proposal>& proposal,
                               HttpStatus status) {
    if (!proposal) co_return json_refusal(proposal.error());
    co_return json_ok(status, proposal_json(api.services.bank_operations.view_of(*proposal)));
}

awaitable<HttpResponse> freeze(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"mode", "reason"});
    if (!form.body) co_return std::move(*form.refusal);
    auto mode = form.get("mode", true);
    auto reason = form.get("reason", true);
    if (form.refusal) co_return std::move(*form.refusal);
    const auto proposal = co_await api.services.bank_operations.propose_freeze(
        *context.identity, context.parameters.get("account_id"), std::move(*mode),
        std::move(*reason), context.client_address);
    co_return co_await answer(api, proposal, HttpStatus::accepted);
}

awaitable<HttpResponse> unfreeze(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"reason"});
    if (!form.body) co_return std::move(*form.refusal);
    auto reason = form.get("reason", true);
    if (form.refusal) co_return std::move(*form.refusal);
    const auto proposal = co_await api.services.bank_operations.propose_unfreeze(
        *context.identity, context.parameters.get("account_id"), std::move(*reason),
        context.client_address);
    co_return co_await answer(api, proposal, HttpStatus::accepted);
}

awaitable<HttpResponse> reverse(ApiContext& api, RequestContext& context) {
    JsonForm form(context.request, {"reason"});
    if (!form.body) co_return std::move(*form.refusal);
    auto reason = form.get("reason", true);
    if (form.refusal) co_return std::move(*form.refusal);
    const auto proposal = co_await api.services.bank_operations.propose_reversal(
        *context.identity, context.parameters.get("transaction_id"), std::move(*reason),
        context.client_address);
    co_return co_await answer(api, proposal, HttpStatus::accepted);
}

awaitable<HttpResponse> decide(ApiContext& api, RequestContext& context, bool approve) {
    const auto proposal = co_await api.services.bank_operations.decide(
        *context.identity, context.parameters.get("proposal_id"), approve, context.client_address);
    co_return co_await answer(api, proposal, HttpStatus::ok);
}

awaitable<HttpResponse> list(ApiContext& api, RequestContext& context) {
    const auto views = api.services.bank_operations.list(*context.identity);
    if (!views) co_return json_refusal(views.error());
    json::array proposals;
    for (const ProposalView& view : *views) proposals.push_back(proposal_json(view));
    co_return json_ok(HttpStatus::ok, json::object{{"proposals", std::move(proposals)}});
}

}  // namespace

void add_api_bank_operation_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    router.bind(V::post, "/api/v1/admin/accounts/{account_id}/freeze",
                [&api](RequestContext& c) { return freeze(api, c); });
    router.bind(V::post, "/api/v1/admin/accounts/{account_id}/unfreeze",
                [&api](RequestContext& c) { return unfreeze(api, c); });
    router.bind(V::post, "/api/v1/admin/transactions/{transaction_id}/reverse",
                [&api](RequestContext& c) { return reverse(api, c); });
    router.bind(V::get, "/api/v1/admin/proposals",
                [&api](RequestContext& c) { return list(api, c); });
    router.bind(V::post, "/api/v1/admin/proposals/{proposal_id}/approve",
                [&api](RequestContext& c) { return decide(api, c, true); });
    router.bind(V::post, "/api/v1/admin/proposals/{proposal_id}/reject",
                [&api](RequestContext& c) { return decide(api, c, false); });
}

}  // namespace bank
