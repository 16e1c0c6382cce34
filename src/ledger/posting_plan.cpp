#include "ledger/posting_plan.hpp"

#include "core/limits.hpp"
#include "core/random.hpp"

namespace bank {

WriteStatus check_amount(Money amount) {
    if (!amount.is_positive() || amount.cents() > limits::amount_cents_max) {
        return WriteStatus::amount_invalid;
    }
    return WriteStatus::ok;
}

namespace {

Transaction make_row(const Posting& posting, const Account& account, TransactionType type,
                     Timestamp now) {
    Transaction row;
    row.transaction_id = new_time_ordered_id(now);
    row.account_id = account.account_id;
    row.transaction_type = type;
    row.amount = posting.amount;
    row.balance_after = account.balance;
    row.description = posting.description;
    row.category = posting.category;
    row.timestamp = now;
    row.idempotency_key = posting.idempotency_key;
    return row;
}

PostingPlan refuse(WriteStatus status) {
    PostingPlan plan;
    plan.status = status;
    return plan;
}

// The funds, overflow and rows of a posting whose account and payee passed their checks.
PostingPlan plan_money_movement(const Posting& posting, const Account& account,
                                const std::optional<Account>& payee, Timestamp now) {
    PostingPlan plan;
    plan.payer = account;
    plan.payer_balance_before = account.balance;
    if (posting.kind == PostingKind::deposit) {
        const auto balance = account.balance.checked_add(posting.amount);
        if (!balance) return refuse(WriteStatus::balance_overflow);
        plan.payer->balance = *balance;
        plan.rows.push_back(make_row(posting, *plan.payer, TransactionType::deposit, now));
        return plan;
    }

    if (account.balance < posting.amount) return refuse(WriteStatus::insufficient_funds);
    plan.payer->balance = *account.balance.checked_sub(posting.amount);
    if (posting.kind != PostingKind::transfer) {
        plan.rows.push_back(make_row(posting, *plan.payer, TransactionType::withdrawal, now));
        return plan;
    }

    plan.payee = *payee;
    plan.payee_balance_before = payee->balance;
    const auto payee_balance = payee->balance.checked_add(posting.amount);
    if (!payee_balance) return refuse(WriteStatus::balance_overflow);
    plan.payee->balance = *payee_balance;

    const std::string transfer_id = new_time_ordered_id(now);
    Transaction out = make_row(posting, *plan.payer, TransactionType::transfer_out, now);
    out.transfer_id = transfer_id;
    out.counterparty_account_number = payee->account_number;
    Transaction in = make_row(posting, *plan.payee, TransactionType::transfer_in, now);
    in.transfer_id = transfer_id;
    in.counterparty_account_number = account.account_number;
    in.idempotency_key.clear();  // the key belongs to the payer's request only
    // The payer's category is the payer's own view of the payment and private to them: another
    // person's leg starts uncategorised (they may categorise it). Between one person's own
    // accounts both legs keep it.
    if (payee->user_id != account.user_id) in.category.clear();
    plan.rows.push_back(std::move(out));
    plan.rows.push_back(std::move(in));
    return plan;
}

}  // namespace

PostingPlan plan_posting(const Posting& posting, const std::optional<Account>& account,
                         const std::optional<Account>& payee, Timestamp now) {
    if (const auto status = check_amount(posting.amount); status != WriteStatus::ok) {
        return refuse(status);
    }
    if (!account || account->user_id != posting.user_id) {
        return refuse(WriteStatus::account_not_found);
    }
    if (account->status != AccountStatus::active) return refuse(WriteStatus::account_closed);
    // A freeze is decided here, so every path that posts (pages, API, anything scheduled)
    // and both engines refuse alike.
    const bool debit = posting.kind != PostingKind::deposit;
    if (account->freeze && freeze_forbids(*account->freeze, debit)) {
        return refuse(WriteStatus::account_frozen);
    }

    const bool is_transfer = posting.kind == PostingKind::transfer;
    if (is_transfer) {
        if (!payee) return refuse(WriteStatus::counterparty_not_found);
        if (payee->account_id == account->account_id) return refuse(WriteStatus::same_account);
        if (payee->status != AccountStatus::active) {
            return refuse(WriteStatus::counterparty_closed);
        }
        if (payee->freeze && freeze_forbids(*payee->freeze, false)) {
            return refuse(WriteStatus::counterparty_frozen);
        }
    }

    PostingPlan plan = plan_money_movement(posting, *account, payee, now);
    for (const Transaction& row : plan.rows) plan.rollups.push_back(rollup_change_of(row));
    return plan;
}

LedgerChanges balance_changes_of(const PostingPlan& plan) {
    LedgerChanges changes;
    if (plan.payer) {
        changes.balances.push_back(
            {plan.payer->account_id, plan.payer_balance_before, plan.payer->balance});
    }
    if (plan.payee) {
        changes.balances.push_back(
            {plan.payee->account_id, plan.payee_balance_before, plan.payee->balance});
    }
    return changes;
}

LedgerChanges changes_of(const PostingPlan& plan) {
    LedgerChanges changes = balance_changes_of(plan);
    changes.rows = plan.rows;
    changes.rollups = plan.rollups;
    return changes;
}

void restamp(PostingPlan& plan, Timestamp at) {
    plan.rollups.clear();
    for (Transaction& row : plan.rows) {
        row.timestamp = at;
        plan.rollups.push_back(rollup_change_of(row));
    }
}

}  // namespace bank
