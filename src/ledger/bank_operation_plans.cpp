#include "ledger/bank_operation_plans.hpp"

namespace bank {

FreezePlan plan_set_account_freeze(const std::optional<Account>& account,
                                   const SetAccountFreeze& command) {
    FreezePlan plan;
    if (!account) {
        plan.status = WriteStatus::account_not_found;
        return plan;
    }
    if (account->status != AccountStatus::active) {
        plan.status = WriteStatus::account_closed;
        return plan;
    }
    if (!command.freeze && !account->freeze) {
        plan.status = WriteStatus::account_not_frozen;
        return plan;
    }
    plan.account = *account;
    plan.account.freeze = command.freeze;
    return plan;
}

namespace {

ReversalPlan refuse_reversal(WriteStatus status) {
    ReversalPlan plan;
    plan.posting.status = status;
    return plan;
}

Account without_freeze(Account account) {
    account.freeze.reset();
    return account;
}

// The posting that undoes `row` (the acted-on leg of a transfer: its outgoing row).
Posting opposite_posting(const Transaction& row, const Account& account,
                         const ReversePosting& command) {
    Posting posting;
    posting.user_id = account.user_id;
    posting.account_id = account.account_id;
    posting.amount = row.amount;
    posting.description = command.description;
    posting.category = row.category;
    posting.kind = row.transaction_type == TransactionType::deposit      ? PostingKind::withdrawal
                   : row.transaction_type == TransactionType::withdrawal ? PostingKind::deposit
                                                                         : PostingKind::transfer;
    return posting;
}

}  // namespace

ReversalPlan plan_reversal(const ReversalState& state, const ReversePosting& command,
                           Timestamp now) {
    if (!state.row || !state.account) return refuse_reversal(WriteStatus::transaction_not_found);
    const Transaction& row = *state.row;
    if (!row.reversal_of.empty()) return refuse_reversal(WriteStatus::not_reversible);
    if (!row.reversed_by.empty()) return refuse_reversal(WriteStatus::already_reversed);
    const bool transfer = !row.transfer_id.empty();
    if (transfer && (!state.other_leg || !state.other_account)) {
        return refuse_reversal(WriteStatus::transaction_not_found);
    }
    if (transfer && !state.other_leg->reversed_by.empty()) {
        return refuse_reversal(WriteStatus::already_reversed);
    }

    // A transfer back: from the account the money reached (the incoming leg's) to the payer's.
    const bool row_is_incoming = row.transaction_type == TransactionType::transfer_in;
    const Transaction& acted_row = transfer && !row_is_incoming ? *state.other_leg : row;
    const Account& acted = transfer && !row_is_incoming ? *state.other_account : *state.account;
    std::optional<Account> payee;
    if (transfer) payee = without_freeze(row_is_incoming ? *state.other_account : *state.account);

    Posting posting = opposite_posting(acted_row, acted, command);
    ReversalPlan plan;
    plan.posting = plan_posting(posting, without_freeze(acted), payee, now);
    if (plan.posting.status != WriteStatus::ok) return plan;
    // The freezes stay as they were: the plan's accounts are what the store writes back.
    plan.posting.payer->freeze = acted.freeze;
    if (plan.posting.payee) {
        plan.posting.payee->freeze =
            (row_is_incoming ? *state.other_account : *state.account).freeze;
    }
    for (Transaction& added : plan.posting.rows) {
        // The compensating row on an account undoes the original row on that account.
        const bool on_acted = added.account_id == acted_row.account_id;
        const Transaction& undone = !transfer || on_acted ? acted_row
                                    : row_is_incoming     ? *state.other_leg
                                                          : row;
        added.reversal_of = undone.transaction_id;
        Transaction marked = undone;
        marked.reversed_by = added.transaction_id;
        plan.reversed.push_back(std::move(marked));
    }
    return plan;
}

}  // namespace bank
