#include "service/own_transfers.hpp"

#include <algorithm>
#include <set>

#include "core/limits.hpp"
#include "service/percentages.hpp"

namespace bank {
namespace {

// Amounts here are parts of totals that include them, so a difference never goes below zero.
Money less(Money total, Money part) {
    const auto result = total.checked_sub(part);
    return result ? *result : Money();
}

bool within(Timestamp at, Timestamp from, Timestamp to) { return at >= from && at < to; }

void recompute_period_figures(SpendingSummary& summary) {
    const auto net = summary.money_in.checked_sub(summary.money_out);
    summary.net = net ? *net : Money();
    const std::int64_t days = std::max<std::int64_t>(1, summary.days);
    const std::int64_t cents = summary.money_out.cents();
    summary.average_daily_spending = Money::from_cents((cents + days / 2) / days);
    summary.savings_rate_basis_points.reset();
    if (summary.money_in.is_positive()) {
        summary.savings_rate_basis_points =
            rounded_basis_points(summary.net.cents(), summary.money_in.cents());
    }
    std::erase_if(summary.categories,
                  [](const CategoryFigure& figure) { return figure.total.is_zero(); });
    std::stable_sort(summary.categories.begin(), summary.categories.end(),
                     [](const auto& left, const auto& right) { return left.total > right.total; });
    std::vector<std::int64_t> totals;
    for (const auto& figure : summary.categories) totals.push_back(figure.total.cents());
    const auto shares = shares_basis_points(totals);
    for (std::size_t index = 0; index < shares.size(); ++index) {
        summary.categories[index].share_basis_points = shares[index];
    }
}

void leave_out_of_period(SpendingSummary& summary, const Transaction& row) {
    summary.money_in = less(summary.money_in, row.amount);
    summary.money_out = less(summary.money_out, row.amount);
    for (auto& figure : summary.categories) {
        if (figure.category != row.category) continue;
        figure.total = less(figure.total, row.amount);
        figure.count = std::max<std::int64_t>(0, figure.count - 1);
    }
}

void leave_out_of_months(SpendingSummary& summary, const Transaction& row, const TimeZone& zone) {
    const std::string month = format_month(row.timestamp, zone);
    for (auto& figure : summary.months) {
        if (figure.month != month) continue;
        figure.money_in = less(figure.money_in, row.amount);
        figure.money_out = less(figure.money_out, row.amount);
        const auto net = figure.money_in.checked_sub(figure.money_out);
        figure.net = net ? *net : Money();
    }
}

void leave_out_of_changes(SpendingSummary& summary, const Transaction& row,
                          const ChangeWindow& window) {
    const bool before = within(row.timestamp, window.previous_from, window.previous_to);
    if (!before && !within(row.timestamp, window.current_from, window.current_to)) return;
    for (auto& change : summary.changes) {
        if (change.category != row.category) continue;
        Money& side = before ? change.previous : change.current;
        side = less(side, row.amount);
    }
}

void recompute_changes(SpendingSummary& summary) {
    std::erase_if(summary.changes, [](const CategoryChange& change) {
        return change.previous.is_zero() && change.current.is_zero();
    });
    for (auto& change : summary.changes) {
        change.change_basis_points.reset();
        if (!change.previous.is_positive()) continue;
        change.change_basis_points = rounded_basis_points(
            change.current.cents() - change.previous.cents(), change.previous.cents());
    }
}

}  // namespace

std::vector<Transaction> own_transfers(LedgerReads& ledger, const std::string& user_id,
                                       Timestamp from, Timestamp to) {
    std::set<std::string> numbers;
    for (const Account& account : ledger.list_accounts(user_id)) {
        numbers.insert(account.account_number);
    }
    TransactionQuery query;
    query.user_id = user_id;
    query.type = TransactionType::transfer_out;
    query.from = from;
    query.to = to;
    query.limit = limits::page_size_max;
    std::vector<Transaction> moved;
    for (;;) {
        const std::vector<Transaction> page = ledger.list_transactions(query);
        for (const Transaction& row : page) {
            if (numbers.contains(row.counterparty_account_number)) moved.push_back(row);
        }
        if (page.size() < query.limit) break;
        query.continue_after(page.back());
    }
    return moved;
}

std::vector<Transaction> own_transfers_of(LedgerReads& ledger, const AnalyticsScope& scope,
                                          Timestamp from, Timestamp to) {
    auto& read = scope.own_transfers;
    if (!read || read->from > from || read->to < to) {
        read.emplace(AnalyticsScope::OwnTransfersRead{
            from, to, own_transfers(ledger, scope.user_id, from, to)});
    }
    std::vector<Transaction> moved;
    for (const Transaction& row : read->rows) {
        if (within(row.timestamp, from, to)) moved.push_back(row);
    }
    return moved;
}

void leave_out_own_payees(std::map<std::string, DescriptionTotal>& totals,
                          const std::vector<Transaction>& moved) {
    for (const Transaction& row : moved) {
        const auto found = totals.find(row.description);
        if (found == totals.end()) continue;
        DescriptionTotal& total = found->second;
        total.total = less(total.total, row.amount);
        total.count = std::max<std::int64_t>(0, total.count - 1);
        if (total.count == 0) totals.erase(found);
    }
}

void leave_out_own_spending(std::map<std::string, std::pair<Money, std::int64_t>>& spent,
                            const std::vector<Transaction>& moved) {
    for (const Transaction& row : moved) {
        const auto found = spent.find(row.category);
        if (found == spent.end()) continue;
        auto& [total, count] = found->second;
        total = less(total, row.amount);
        count = std::max<std::int64_t>(0, count - 1);
        if (count == 0) spent.erase(found);
    }
}

std::vector<Transaction> without_own_transfers(std::vector<Transaction> rows,
                                               const std::vector<Transaction>& moved,
                                               std::size_t limit) {
    std::set<std::string> ids;
    for (const Transaction& row : moved) ids.insert(row.transaction_id);
    std::erase_if(rows, [&](const Transaction& row) { return ids.contains(row.transaction_id); });
    if (rows.size() > limit) rows.resize(limit);
    return rows;
}

void leave_out_own_transfers(SpendingSummary& summary, const std::vector<Transaction>& moved,
                             const Period& period, const ChangeWindow& window) {
    if (moved.empty()) return;
    for (const Transaction& row : moved) {
        if (within(row.timestamp, period.from, period.to)) leave_out_of_period(summary, row);
        leave_out_of_months(summary, row, period.zone);
        leave_out_of_changes(summary, row, window);
    }
    recompute_period_figures(summary);
    recompute_changes(summary);
}

}  // namespace bank
