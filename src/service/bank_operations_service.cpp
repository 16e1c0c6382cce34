#include "service/bank_operations_service.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "core/limits.hpp"
#include "core/random.hpp"
#include "ledger/proposal_plans.hpp"
#include "service/async_write.hpp"
#include "service/write_errors.hpp"

namespace bank {

namespace {

Error forbidden() {
    return make_error(ErrorCode::forbidden, "This is for the bank's administrators.");
}

// What a refused proposal step tells the administrator.
Error duplicate_error(const Proposal& pending) {
    const bool reversal = pending.kind == ProposalKind::reversal;
    return make_error(ErrorCode::conflict,
                      std::string("A ") + std::string(to_string(pending.kind)) + " of this " +
                          (reversal ? "posting" : "account") + " is already pending (proposal " +
                          pending.proposal_id +
                          "): another administrator approves or rejects it first.",
                      reversal ? "transaction_id" : "account_id");
}

Error step_error(ProposalStep step, const Proposal& request) {
    switch (step) {
        case ProposalStep::reason_invalid:
            return make_error(ErrorCode::validation_failed,
                              "Give a reason of 1 to " +
                                  std::to_string(limits::proposal_reason_length_max) +
                                  " characters; the owner is shown it.",
                              "reason");
        case ProposalStep::not_found:
            return request.kind == ProposalKind::reversal
                       ? make_error(ErrorCode::not_found, "That posting was not found.",
                                    "transaction_id")
                       : make_error(ErrorCode::not_found, "That account was not found.",
                                    "account_id");
        case ProposalStep::target_invalid:
            return request.kind == ProposalKind::reversal
                       ? make_error(ErrorCode::conflict,
                                    "That posting is a reversal or was already reversed.",
                                    "transaction_id")
                   : request.kind == ProposalKind::unfreeze
                       ? make_error(ErrorCode::conflict, "That account is not frozen.",
                                    "account_id")
                       : make_error(ErrorCode::account_closed, "That account is closed.",
                                    "account_id");
        case ProposalStep::own_proposal:
            return make_error(ErrorCode::own_proposal,
                              "You proposed this; another administrator must approve or reject "
                              "it (four eyes).");
        case ProposalStep::expired:
            return make_error(ErrorCode::proposal_expired,
                              "This proposal expired (older than " +
                                  std::to_string(limits::proposal_lifetime.count()) +
                                  " hours); propose it again if it is still needed.");
        case ProposalStep::decided:
            return make_error(ErrorCode::proposal_decided,
                              "This proposal was already approved or rejected.");
        case ProposalStep::ok:
            break;
    }
    return make_error(ErrorCode::validation_failed, "That proposal cannot be made.");
}

}  // namespace

BankOperationsService::BankOperationsService(ProposalStore& proposals, LedgerReads& ledger,
                                             IdentityReads& identities, LedgerWriter& writer,
                                             const Clock& clock)
    : proposals_(proposals),
      ledger_(ledger),
      writer_(writer),
      clock_(clock),
      audit_log_(identities, writer, clock) {}

boost::asio::awaitable<Result<Proposal>> BankOperationsService::propose_freeze(
    const Identity& admin, std::string account_id, std::string mode, std::string reason,
    std::string client_address) {
    const auto parsed = parse_freeze_mode(mode);
    if (!parsed) {
        co_return make_error(ErrorCode::validation_failed,
                             "Choose what the freeze refuses: debits, credits or all.", "mode");
    }
    Proposal request;
    request.kind = ProposalKind::freeze;
    request.account_id = std::move(account_id);
    request.freeze_mode = *parsed;
    request.reason = std::move(reason);
    co_return co_await propose(admin, std::move(request), std::move(client_address));
}

boost::asio::awaitable<Result<Proposal>> BankOperationsService::propose_unfreeze(
    const Identity& admin, std::string account_id, std::string reason, std::string client_address) {
    Proposal request;
    request.kind = ProposalKind::unfreeze;
    request.account_id = std::move(account_id);
    request.reason = std::move(reason);
    co_return co_await propose(admin, std::move(request), std::move(client_address));
}

boost::asio::awaitable<Result<Proposal>> BankOperationsService::propose_reversal(
    const Identity& admin, std::string transaction_id, std::string reason,
    std::string client_address) {
    Proposal request;
    request.kind = ProposalKind::reversal;
    request.transaction_id = std::move(transaction_id);
    if (auto row = proposals_.find_posting(request.transaction_id)) {
        request.account_id = row->account_id;
    }
    request.reason = std::move(reason);
    co_return co_await propose(admin, std::move(request), std::move(client_address));
}

boost::asio::awaitable<Result<Proposal>> BankOperationsService::propose(
    const Identity& admin, Proposal request, std::string client_address) {
    if (admin.user.role != Role::admin) co_return forbidden();
    request.proposal_id = new_id();
    request.proposed_by = admin.user.user_id;
    request.proposed_at = clock_.now();
    std::optional<Transaction> row;
    if (request.kind == ProposalKind::reversal)
        row = proposals_.find_posting(request.transaction_id);
    const std::optional<Account> account =
        request.account_id.empty() ? std::nullopt : ledger_.find_account(request.account_id);
    ProposalPlan plan = plan_new_proposal(request, account, row);
    if (plan.step != ProposalStep::ok) co_return step_error(plan.step, request);
    const auto stored = proposals_.list_proposals(limits::proposals_listed_max);
    if (const auto pending = pending_duplicate(plan.proposal, stored, request.proposed_at)) {
        co_return duplicate_error(*pending);
    }
    if (!proposals_.add_proposal(plan.proposal)) {
        co_return make_error(ErrorCode::unavailable, "Please try again.");
    }
    co_await audit(admin, plan.proposal, AuditEventKind::operation_proposed,
                   "Proposed " + describe(plan.proposal), client_address);
    spdlog::info("administrator {} proposed {} ({})", admin.user.user_id,
                 to_string(plan.proposal.kind), plan.proposal.proposal_id);
    co_return plan.proposal;
}

boost::asio::awaitable<Result<Proposal>> BankOperationsService::decide(const Identity& admin,
                                                                       std::string proposal_id,
                                                                       bool approve,
                                                                       std::string client_address) {
    if (admin.user.role != Role::admin) co_return forbidden();
    const std::optional<Proposal> stored = proposals_.find_proposal(proposal_id);
    ProposalPlan plan = plan_proposal_decision(stored, admin.user.user_id, approve, clock_.now());
    if (plan.step != ProposalStep::ok) {
        if (!stored) co_return make_error(ErrorCode::not_found, "That proposal was not found.");
        const Error error = step_error(plan.step, *stored);
        co_await audit(admin, *stored, AuditEventKind::operation_refused,
                       std::string(approve ? "Approving" : "Rejecting") + " refused (" +
                           std::string(to_string(plan.step)) + "): " + describe(*stored),
                       client_address);
        co_return error;
    }
    if (approve) {
        Result<WriteResult> done = co_await carry_out(plan.proposal);
        if (!done) {
            co_await audit(admin, *stored, AuditEventKind::operation_refused,
                           "Approving refused by the ledger (" + done.error().message +
                               "): " + describe(*stored),
                           client_address);
            co_return done.error();
        }
    }
    if (!proposals_.decide_proposal(plan.proposal)) {
        co_return make_error(ErrorCode::proposal_decided,
                             "Another administrator decided this proposal first.");
    }
    co_await audit(
        admin, plan.proposal,
        approve ? AuditEventKind::operation_approved : AuditEventKind::operation_rejected,
        std::string(approve ? "Approved and carried out " : "Rejected ") + describe(plan.proposal),
        client_address);
    spdlog::info("administrator {} {} proposal {}", admin.user.user_id,
                 approve ? "approved" : "rejected", plan.proposal.proposal_id);
    co_return plan.proposal;
}

boost::asio::awaitable<Result<WriteResult>> BankOperationsService::carry_out(
    const Proposal& proposal) {
    WriteCommand command;
    switch (proposal.kind) {
        case ProposalKind::freeze:
            command = SetAccountFreeze{proposal.account_id,
                                       AccountFreeze{proposal.freeze_mode, proposal.reason}};
            break;
        case ProposalKind::unfreeze:
            command = SetAccountFreeze{proposal.account_id, std::nullopt};
            break;
        case ProposalKind::reversal: {
            std::string description = "Reversal: " + proposal.reason;
            if (description.size() > limits::description_length_max) {
                description.resize(limits::description_length_max);
            }
            command = ReversePosting{proposal.transaction_id, std::move(description)};
            break;
        }
    }
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (result.status == WriteStatus::insufficient_funds) {
        co_return make_error(ErrorCode::insufficient_funds,
                             "The reversal would overdraw the account the money reached; "
                             "nothing was changed.",
                             "transaction_id");
    }
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    co_return result;
}

boost::asio::awaitable<void> BankOperationsService::audit(const Identity& admin,
                                                          const Proposal& proposal,
                                                          AuditEventKind kind,
                                                          const std::string& detail,
                                                          const std::string& client_address) {
    const std::string& actor = admin.user.user_id;
    if (proposal.proposed_by != actor && !proposal.proposed_by.empty()) {
        audit_log_.record(audit_log_.make(proposal.proposed_by, kind, "", detail));
    }
    if (proposal.owner_user_id != actor && proposal.owner_user_id != proposal.proposed_by &&
        !proposal.owner_user_id.empty()) {
        // The owner hears what the bank does to their account, not who did it.
        audit_log_.record(audit_log_.make(proposal.owner_user_id, kind, "",
                                          "By the bank: " + describe(proposal)));
    }
    PendingWrite own =
        audit_log_.record_alongside(audit_log_.make(actor, kind, client_address, detail));
    co_await own.wait();
}

std::string BankOperationsService::describe(const Proposal& proposal) {
    const ProposalView view = view_of(proposal);
    const std::string account = "account " + view.account_number;
    switch (proposal.kind) {
        case ProposalKind::freeze:
            return "freezing " + account + " (" + std::string(to_string(proposal.freeze_mode)) +
                   "): " + proposal.reason;
        case ProposalKind::unfreeze:
            return "unfreezing " + account + ": " + proposal.reason;
        case ProposalKind::reversal:
            return "reversing posting " + proposal.transaction_id + " on " + account + ": " +
                   proposal.reason;
    }
    return proposal.reason;
}

ProposalView BankOperationsService::view_of(const Proposal& proposal) {
    ProposalView view;
    view.proposal = proposal;
    view.expired = is_expired(proposal, clock_.now());
    if (auto account = ledger_.find_account(proposal.account_id)) {
        view.account_number = account->account_number;
    }
    return view;
}

Result<std::vector<ProposalView>> BankOperationsService::list(const Identity& admin) {
    if (admin.user.role != Role::admin) return forbidden();
    std::vector<ProposalView> views;
    for (const Proposal& proposal : proposals_.list_proposals(limits::proposals_listed_max)) {
        views.push_back(view_of(proposal));
    }
    const auto open = [](const ProposalView& view) {
        return view.proposal.status == ProposalStatus::pending && !view.expired;
    };
    std::sort(views.begin(), views.end(), [&](const ProposalView& left, const ProposalView& right) {
        if (open(left) != open(right)) return open(left);
        if (open(left)) return left.proposal.proposed_at < right.proposal.proposed_at;
        return left.proposal.proposed_at > right.proposal.proposed_at;
    });
    return views;
}

Result<std::string> BankOperationsService::account_id_of_number(const Identity& admin,
                                                                std::string_view number) {
    if (admin.user.role != Role::admin) return forbidden();
    auto account = ledger_.find_account_by_number(number);
    if (!account) {
        return make_error(ErrorCode::not_found, "No account in this bank has that number.",
                          "account_number");
    }
    return account->account_id;
}

}  // namespace bank
