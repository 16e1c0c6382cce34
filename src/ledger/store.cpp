#include "ledger/store.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

#include "core/limits.hpp"

// The generic implementations of the analytics reads, in terms of the interface's own
// methods: correct on any engine, and bounded by the period where list_transactions allows
// it; engines override them with indexed queries.

namespace bank {
namespace {

bool is_outflow(TransactionType type) {
    return type == TransactionType::withdrawal || type == TransactionType::transfer_out;
}

// Visits the postings of the query's period, newest first, a page at a time.
void for_each_in_period(Store& store, const PeriodQuery& period,
                        const std::function<void(const Transaction&)>& visit) {
    TransactionQuery query;
    query.user_id = period.user_id;
    query.account_id = period.account_id;
    query.from = period.from;
    query.to = period.to;
    query.limit = limits::page_size_max;
    for (;;) {
        const std::vector<Transaction> page = store.list_transactions(query);
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

std::optional<SessionAndUser> Store::find_session_and_user(std::string_view token_hash) {
    std::optional<Session> session = find_session(token_hash);
    if (!session) return std::nullopt;
    std::optional<User> user = find_user(session->user_id);
    if (!user) return std::nullopt;
    return SessionAndUser{std::move(*session), std::move(*user)};
}

std::vector<Rollup> Store::period_rollups(const PeriodQuery& query) {
    std::map<std::tuple<std::string, std::string, std::string, TransactionType>, Rollup> totals;
    for_each_in_period(*this, query, [&](const Transaction& row) {
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

std::vector<PayeeRollup> Store::period_payee_rollups(const PeriodQuery& query) {
    std::map<std::tuple<std::string, std::string, std::string>, PayeeRollup> totals;
    for_each_in_period(*this, query, [&](const Transaction& row) {
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

std::vector<Transaction> Store::largest_outflows(const PeriodQuery& query, const PeriodCounts&,
                                                 std::size_t limit) {
    TopRows top(limit);
    for_each_in_period(*this, query, [&](const Transaction& row) {
        if (is_outflow(row.transaction_type)) top.offer(row);
    });
    return top.take();
}

std::vector<Transaction> Store::outflows_above(const PeriodQuery& query, const PeriodCounts&,
                                               const std::vector<CategoryThreshold>& thresholds,
                                               std::size_t limit) {
    std::map<std::string, Money, std::less<>> threshold_of;
    for (const auto& threshold : thresholds) threshold_of[threshold.category] = threshold.threshold;
    std::vector<Transaction> rows;
    for_each_in_period(*this, query, [&](const Transaction& row) {
        if (rows.size() >= limit || !is_outflow(row.transaction_type)) return;
        const auto found = threshold_of.find(row.category);
        if (found != threshold_of.end() && row.amount > found->second) rows.push_back(row);
    });
    return rows;
}

std::vector<Money> Store::balances_at(std::string_view user_id, std::string_view account_id,
                                      const std::vector<Timestamp>& at) {
    std::vector<Money> balances(at.size());
    for (const Account& account : list_accounts(user_id)) {
        if (!account_id.empty() && account.account_id != account_id) continue;
        for (std::size_t index = 0; index < at.size(); ++index) {
            TransactionQuery query;
            query.user_id = std::string(user_id);
            query.account_id = account.account_id;
            query.to = at[index];
            query.limit = 1;
            const auto last = list_transactions(query);
            if (!last.empty()) add_checked(balances[index], last.front().balance_after);
        }
    }
    return balances;
}

void Store::for_each_user(const std::function<void(const User&)>&) {
    throw std::runtime_error("listing users is not supported by this store");
}

std::vector<DailyVolume> Store::daily_volume(Timestamp from, Timestamp to) {
    std::map<std::string, DailyVolume> days;
    for_each_transaction([&](const Transaction& row) {
        // A transfer counts once, by its outgoing leg.
        if (row.timestamp < from || row.timestamp >= to ||
            row.transaction_type == TransactionType::transfer_in) {
            return;
        }
        const std::string day = format_date(row.timestamp);
        DailyVolume& volume = days[day];
        volume.day = day;
        ++volume.count;
        add_checked(volume.total, row.amount);
    });
    std::vector<DailyVolume> volumes;
    for (auto& [day, volume] : days) volumes.push_back(std::move(volume));
    return volumes;
}

std::vector<Transaction> Store::largest_transfers(Timestamp from, Timestamp to, std::size_t limit) {
    TopRows top(limit);
    for_each_transaction([&](const Transaction& row) {
        if (row.transaction_type == TransactionType::transfer_out && row.timestamp >= from &&
            row.timestamp < to) {
            top.offer(row);
        }
    });
    return top.take();
}

bool Store::set_role(std::string_view, Role) {
    throw std::runtime_error("changing a user's role is not supported by this store");
}

}  // namespace bank
