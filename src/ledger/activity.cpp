#include "ledger/activity.hpp"

#include "core/clock.hpp"
#include "ledger/interest_rate.hpp"

namespace bank {

bool counts_as_activity(const Transaction& row) {
    if (row.transaction_type == TransactionType::transfer_in) return false;
    if (!row.reversal_of.empty()) return false;
    return !row.idempotency_key.starts_with(interest_key_prefix);
}

std::optional<Activity> activity_of(const PostingPlan& plan) {
    if (plan.status != WriteStatus::ok || !plan.payer || plan.rows.empty()) return std::nullopt;
    const Transaction& row = plan.rows.front();
    if (!counts_as_activity(row)) return std::nullopt;
    return Activity{plan.payer->user_id, format_month(row.timestamp)};
}

std::vector<BankFigure> activity_deltas(std::string_view signup_month, std::string_view month,
                                        bool already_counted) {
    if (already_counted) return {};
    return {BankFigure{std::string(bank_figure::active), std::string(month), "", 1, Money()},
            BankFigure{std::string(bank_figure::cohort), std::string(signup_month),
                       std::string(month), 1, Money()}};
}

}  // namespace bank
