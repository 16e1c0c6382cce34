#include "ledger/account_plans.hpp"

#include "core/random.hpp"
#include "ledger/account_number.hpp"

namespace bank {

namespace {

constexpr std::string_view opening_description = "Opening deposit";

Account new_account(const OpenAccount& command, Timestamp now) {
    Account account;
    account.account_id = new_id();
    account.account_number = AccountNumber::generate();
    account.user_id = command.user_id;
    account.account_type = command.account_type;
    account.status = AccountStatus::active;
    account.created_at = now;
    return account;
}

}  // namespace

OpenAccountPlan plan_open_account(const OpenAccountState& state, const OpenAccount& command,
                                  Timestamp now) {
    OpenAccountPlan plan;
    if (!state.user_exists) {
        plan.status = WriteStatus::user_not_found;
        return plan;
    }
    const bool has_opening_deposit = !command.opening_balance.is_zero();
    if (has_opening_deposit) {
        plan.status = check_amount(command.opening_balance);
        if (plan.status != WriteStatus::ok) return plan;
    }
    if (state.active_accounts >= command.accounts_max) {
        plan.status = WriteStatus::too_many_accounts;
        return plan;
    }
    plan.account = new_account(command, now);
    if (!has_opening_deposit) return plan;

    Posting deposit;
    deposit.kind = PostingKind::deposit;
    deposit.user_id = command.user_id;
    deposit.account_id = plan.account.account_id;
    deposit.amount = command.opening_balance;
    deposit.description = opening_description;
    plan.opening_deposit = plan_posting(deposit, plan.account, std::nullopt, now);
    plan.status = plan.opening_deposit.status;
    if (plan.status == WriteStatus::ok) plan.account = *plan.opening_deposit.payer;
    return plan;
}

CloseAccountPlan plan_close_account(const std::optional<Account>& account,
                                    const CloseAccount& command) {
    CloseAccountPlan plan;
    if (!account || account->user_id != command.user_id) {
        plan.status = WriteStatus::account_not_found;
    } else if (account->status == AccountStatus::closed) {
        plan.status = WriteStatus::account_closed;
    } else if (!account->balance.is_zero()) {
        plan.status = WriteStatus::balance_not_zero;
    } else {
        plan.account = *account;
        plan.account.status = AccountStatus::closed;
    }
    return plan;
}

}  // namespace bank
