#include "service/analytics_service.hpp"

#include <map>

namespace bank {
namespace {

void add(Money& total, Money amount) {
    const auto sum = total.checked_add(amount);
    // Totals of real balances stay far below the int64 range; saturate rather than wrap.
    total = sum ? *sum : Money::from_cents(INT64_MAX);
}

}  // namespace

Result<AnalyticsSummary> AnalyticsService::summary(const std::string& user_id,
                                                   const std::string& account_id) const {
    AnalyticsSummary summary;
    for (auto& account : store_.list_accounts(user_id)) {
        if (!account_id.empty() && account.account_id != account_id) continue;
        add(summary.total_balance, account.balance);
        summary.accounts.push_back(std::move(account));
    }
    if (!account_id.empty() && summary.accounts.empty()) {
        return make_error(ErrorCode::not_found, "That account was not found.", "account_id");
    }
    std::map<std::string, MonthSummary> months;
    for (const auto& total : store_.monthly_totals(user_id, account_id)) {
        MonthSummary& month = months[total.month];
        month.month = total.month;
        summary.transaction_count += total.count;
        switch (total.transaction_type) {
            case TransactionType::deposit:
                add(month.deposits, total.total);
                add(summary.total_deposits, total.total);
                break;
            case TransactionType::withdrawal:
                add(month.withdrawals, total.total);
                add(summary.total_withdrawals, total.total);
                break;
            case TransactionType::transfer_in:
                add(month.transfers_in, total.total);
                add(summary.total_transfers_in, total.total);
                break;
            case TransactionType::transfer_out:
                add(month.transfers_out, total.total);
                add(summary.total_transfers_out, total.total);
                break;
        }
    }
    for (auto& [name, month] : months) {
        month.net = Money::from_cents(month.deposits.cents() + month.transfers_in.cents() -
                                      month.withdrawals.cents() - month.transfers_out.cents());
        summary.months.push_back(std::move(month));
    }
    return summary;
}

}  // namespace bank
