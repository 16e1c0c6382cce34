#include "ledger/analytics_from_history.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>
#include <tuple>

#include "core/limits.hpp"

namespace bank {
namespace {

bool is_outflow(TransactionType type) {
    return type == TransactionType::withdrawal || type == TransactionType::transfer_out;
}

// Visits the postings of the query's period, newest first, a page at a time.
void for_each_in_period(LedgerReads& ledger, const PeriodQuery& period,
                        const std::function<void(const Transaction&)>& visit) {
    TransactionQuery query;
    query.user_id = period.user_id;
    query.account_id = period.account_id;
    query.from = period.from;
    query.to = period.to;
    query.limit = limits::page_size_max;
    for (;;) {
        const std::vector<Transaction> page = ledger.list_transactions(query);
        for (const Transaction& row : page) visit(row);
        if (page.size() < query.limit) return;
        query.before_sequence = page.back().sequence;
    }
}

void add_checked(Money& total, Money amount) {
    const auto sum = total.checked_add(amount);
    if (!sum) throw std::overflow_error("store: a total does not fit in 64 bits");
    total = *sum;
}

// Larger amount first, then newer.
bool larger_first(const Transaction& left, const Transaction& right) {
    return std::tie(left.amount, left.sequence) > std::tie(right.amount, right.sequence);
}

// Keeps the `limit` largest of the rows offered.
class TopRows {
public:
    explicit TopRows(std::size_t limit) : limit_(limit) {}
    void offer(const Transaction& row) {
        if (limit_ == 0) return;
        rows_.push_back(row);
        std::push_heap(rows_.begin(), rows_.end(), larger_first);
        if (rows_.size() > limit_) {
            std::pop_heap(rows_.begin(), rows_.end(), larger_first);
            rows_.pop_back();
        }
    }
    std::vector<Transaction> take() {
        std::sort(rows_.begin(), rows_.end(), larger_first);
        return std::move(rows_);
    }

private:
    std::size_t limit_;
    std::vector<Transaction> rows_;  // a heap with the smallest on top
};

}  // namespace

std::vector<Rollup> period_rollups_from_history(LedgerReads& ledger, const PeriodQuery& query) {
    std::map<std::tuple<std::string, std::string, std::string, TransactionType>, Rollup> totals;
    for_each_in_period(ledger, query, [&](const Transaction& row) {
        const std::string month = format_month(row.timestamp);
        Rollup& rollup = totals[{row.account_id, month, row.category, row.transaction_type}];
        rollup.account_id = row.account_id;
        rollup.month = month;
        rollup.category = row.category;
        rollup.transaction_type = row.transaction_type;
        add_checked(rollup.total, row.amount);
        ++rollup.count;
    });
    std::vector<Rollup> rollups;
    rollups.reserve(totals.size());
    for (auto& [key, rollup] : totals) rollups.push_back(std::move(rollup));
    return rollups;
}

std::vector<PayeeRollup> period_payee_rollups_from_history(LedgerReads& ledger,
                                                           const PeriodQuery& query) {
    std::map<std::tuple<std::string, std::string, std::string>, PayeeRollup> totals;
    for_each_in_period(ledger, query, [&](const Transaction& row) {
        if (!is_outflow(row.transaction_type)) return;
        const std::string month = format_month(row.timestamp);
        PayeeRollup& rollup = totals[{row.account_id, month, row.description}];
        rollup.account_id = row.account_id;
        rollup.month = month;
        rollup.description = row.description;
        add_checked(rollup.total, row.amount);
        ++rollup.count;
    });
    std::vector<PayeeRollup> rollups;
    rollups.reserve(totals.size());
    for (auto& [key, rollup] : totals) rollups.push_back(std::move(rollup));
    return rollups;
}

std::vector<Transaction> largest_outflows_from_history(LedgerReads& ledger,
                                                       const PeriodQuery& query,
                                                       std::size_t limit) {
    TopRows top(limit);
    for_each_in_period(ledger, query, [&](const Transaction& row) {
        if (is_outflow(row.transaction_type)) top.offer(row);
    });
    return top.take();
}

std::vector<Transaction> outflows_above_from_history(
    LedgerReads& ledger, const PeriodQuery& query, const std::vector<CategoryThreshold>& thresholds,
    std::size_t limit) {
    std::map<std::string, Money, std::less<>> threshold_of;
    for (const auto& threshold : thresholds) threshold_of[threshold.category] = threshold.threshold;
    std::vector<Transaction> rows;
    for_each_in_period(ledger, query, [&](const Transaction& row) {
        if (rows.size() >= limit || !is_outflow(row.transaction_type)) return;
        const auto found = threshold_of.find(row.category);
        if (found != threshold_of.end() && row.amount > found->second) rows.push_back(row);
    });
    return rows;
}

std::vector<Money> balances_at_from_history(LedgerReads& ledger, std::string_view user_id,
                                            std::string_view account_id,
                                            const std::vector<Timestamp>& at) {
    std::vector<Money> balances(at.size());
    for (const Account& account : ledger.list_accounts(user_id)) {
        if (!account_id.empty() && account.account_id != account_id) continue;
        for (std::size_t index = 0; index < at.size(); ++index) {
            TransactionQuery query;
            query.user_id = std::string(user_id);
            query.account_id = account.account_id;
            query.to = at[index];
            query.limit = 1;
            const auto last = ledger.list_transactions(query);
            if (!last.empty()) add_checked(balances[index], last.front().balance_after);
        }
    }
    return balances;
}

}  // namespace bank
