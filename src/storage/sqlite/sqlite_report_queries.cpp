#include "storage/sqlite/sqlite_report_queries.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {
namespace {

constexpr std::string_view in_period =
    " FROM transactions INDEXED BY transactions_by_account_time"
    " WHERE account_id = ?1 AND timestamp >= ?2 AND timestamp < ?3";
constexpr std::string_view outflow = " AND transaction_type IN ('withdrawal', 'transfer_out')";

TransactionType type_of(const std::string& text) {
    const auto type = parse_transaction_type(text);
    if (!type) throw std::runtime_error("sqlite: unknown transaction_type " + text);
    return *type;
}

void add_checked(Money& total, Money amount) {
    const auto sum = total.checked_add(amount);
    if (!sum) throw std::overflow_error("sqlite: a total does not fit in 64 bits");
    total = *sum;
}

// A posting found by a plan, before its row is read.
struct Candidate {
    Money amount;
    std::int64_t sequence = 0;
};

bool larger_first(const Candidate& left, const Candidate& right) {
    return std::tie(left.amount, left.sequence) > std::tie(right.amount, right.sequence);
}

bool newer_first(const Candidate& left, const Candidate& right) {
    return left.sequence > right.sequence;
}

// Walks one account's outgoing postings of a category from the largest amount down through
// transactions_outflows_by_category_amount, which holds the amount, the time and the type,
// so no table row is read; keeps those in the period. It steps over at most `budget` index
// entries in all (the caller passes the number of postings the period holds, what reading
// the period in time order costs), so a period whose outflows are few or small among the
// account's history gives up early instead of walking the whole history.
class OutflowWalk {
public:
    OutflowWalk(SqliteConnection& connection, const PeriodQuery& query, std::string_view account_id,
                std::int64_t budget)
        : connection_(connection), query_(query), account_id_(account_id), budget_left_(budget) {}

    // Adds the category's postings of the period above `above`, largest first, to `found`;
    // with `enough`, stops once it has that many and the amount drops (ties at the cut are
    // all kept, so the caller can break them by sequence). False when the budget ran out.
    bool walk(std::string_view category, Money above, std::optional<std::size_t> enough,
              std::vector<Candidate>& found) {
        static constexpr std::string_view sql =
            "SELECT amount, timestamp, sequence FROM transactions "
            "INDEXED BY transactions_outflows_by_category_amount "
            "WHERE account_id = ?1 AND category = ?2 "
            "AND transaction_type IN ('withdrawal', 'transfer_out') AND amount > ?3 "
            "ORDER BY amount DESC LIMIT ?4";
        auto select = connection_.query(sql);
        // One entry more than the budget tells a walk that ran out from one that ended.
        select.bind(account_id_).bind(category).bind(above.cents()).bind(budget_left_ + 1);
        const std::int64_t from = to_micros(query_.from);
        const std::int64_t to = to_micros(query_.to);
        std::size_t kept = 0;
        while (select.step()) {
            if (--budget_left_ < 0) return false;
            const Money amount = Money::from_cents(select.integer(0));
            if (enough && kept >= *enough && amount < found.back().amount) return true;
            const std::int64_t at = select.integer(1);
            if (at < from || at >= to) continue;
            found.push_back(Candidate{amount, select.integer(2)});
            ++kept;
        }
        return true;
    }

private:
    SqliteConnection& connection_;
    const PeriodQuery& query_;
    std::string_view account_id_;
    std::int64_t budget_left_;
};

// The rows of the candidates, in the candidates' order.
std::vector<Transaction> read_rows(SqliteConnection& connection,
                                   const std::vector<Candidate>& candidates) {
    static const std::string sql =
        "SELECT " + std::string(transaction_columns) + " FROM transactions WHERE sequence = ?";
    std::vector<Transaction> rows;
    rows.reserve(candidates.size());
    for (const Candidate& candidate : candidates) {
        auto select = connection.query(sql);
        select.bind(candidate.sequence);
        if (select.step()) rows.push_back(read_transaction(select));
    }
    return rows;
}

// The time-order plans: the period through (account_id, timestamp), every posting read.
std::vector<Candidate> largest_in_time_order(SqliteConnection& connection, const PeriodQuery& query,
                                             std::string_view account_id, std::size_t limit) {
    static const std::string sql = "SELECT amount, sequence" + std::string(in_period) +
                                   std::string(outflow) +
                                   " ORDER BY amount DESC, sequence DESC LIMIT ?4";
    auto select = connection.query(sql);
    select.bind(account_id).bind(to_micros(query.from)).bind(to_micros(query.to));
    select.bind(static_cast<std::int64_t>(limit));
    std::vector<Candidate> found;
    while (select.step()) {
        found.push_back(Candidate{Money::from_cents(select.integer(0)), select.integer(1)});
    }
    return found;
}

std::vector<Candidate> above_in_time_order(SqliteConnection& connection, const PeriodQuery& query,
                                           std::string_view account_id,
                                           const std::vector<CategoryThreshold>& thresholds,
                                           std::size_t limit) {
    // One statement per number of categories, so each is prepared once and cached.
    std::string sql =
        "SELECT amount, sequence" + std::string(in_period) + std::string(outflow) + " AND (";
    for (std::size_t index = 0; index < thresholds.size(); ++index) {
        sql += index == 0 ? "" : " OR ";
        sql += "(category = ? AND amount > ?)";
    }
    sql += ") ORDER BY sequence DESC LIMIT ?";
    auto select = connection.query(sql);
    select.bind(account_id).bind(to_micros(query.from)).bind(to_micros(query.to));
    for (const auto& threshold : thresholds) {
        select.bind(threshold.category).bind(threshold.threshold.cents());
    }
    select.bind(static_cast<std::int64_t>(limit));
    std::vector<Candidate> found;
    while (select.step()) {
        found.push_back(Candidate{Money::from_cents(select.integer(0)), select.integer(1)});
    }
    return found;
}

}  // namespace

std::vector<std::string> SqliteReportQueries::account_ids(std::string_view user_id,
                                                          std::string_view account_id) {
    std::vector<std::string> ids;
    for (auto& account : select_accounts_of_user(connection_, user_id)) {
        if (account_id.empty() || account.account_id == account_id) {
            ids.push_back(std::move(account.account_id));
        }
    }
    return ids;
}

std::vector<Rollup> SqliteReportQueries::period_rollups(const PeriodQuery& query) {
    static const std::string sql =
        "SELECT strftime('%Y-%m', timestamp / 1000000, 'unixepoch'), category, "
        "transaction_type, sum(amount), count(*)" +
        std::string(in_period) + " GROUP BY 1, 2, 3";
    std::vector<Rollup> rollups;
    for (const auto& id : account_ids(query.user_id, query.account_id)) {
        auto select = connection_.query(sql);
        select.bind(id).bind(to_micros(query.from)).bind(to_micros(query.to));
        while (select.step()) {
            Rollup rollup;
            rollup.account_id = id;
            rollup.month = select.text(0);
            rollup.category = select.text(1);
            rollup.transaction_type = type_of(select.text(2));
            rollup.total = Money::from_cents(select.integer(3));
            rollup.count = select.integer(4);
            rollups.push_back(std::move(rollup));
        }
    }
    return rollups;
}

std::vector<PayeeRollup> SqliteReportQueries::period_payee_rollups(const PeriodQuery& query) {
    static const std::string sql =
        "SELECT strftime('%Y-%m', timestamp / 1000000, 'unixepoch'), description, sum(amount), "
        "count(*)" +
        std::string(in_period) + std::string(outflow) + " GROUP BY 1, 2";
    std::vector<PayeeRollup> rollups;
    for (const auto& id : account_ids(query.user_id, query.account_id)) {
        auto select = connection_.query(sql);
        select.bind(id).bind(to_micros(query.from)).bind(to_micros(query.to));
        while (select.step()) {
            PayeeRollup rollup;
            rollup.account_id = id;
            rollup.month = select.text(0);
            rollup.description = select.text(1);
            rollup.total = Money::from_cents(select.integer(2));
            rollup.count = select.integer(3);
            rollups.push_back(std::move(rollup));
        }
    }
    return rollups;
}

// Per account: walk each category that has outflows in the period from its largest amount
// down (about limit * history / period entries each), or, when that would read more
// entries than the period holds, read the period in time order.
std::vector<Transaction> SqliteReportQueries::largest_outflows(const PeriodQuery& query,
                                                               const PeriodCounts& counts,
                                                               std::size_t limit) {
    if (limit == 0) return {};
    std::vector<Candidate> found;
    for (const auto& id : account_ids(query.user_id, query.account_id)) {
        const PeriodCounts::Account* period = counts.find(id);
        if (period == nullptr || period->outflows_by_category.empty()) continue;
        std::vector<Candidate> account_found;
        OutflowWalk walk(connection_, query, id, period->postings);
        for (const auto& [category, count] : period->outflows_by_category) {
            if (!walk.walk(category, Money(), limit, account_found)) {
                account_found = largest_in_time_order(connection_, query, id, limit);
                break;
            }
        }
        found.insert(found.end(), account_found.begin(), account_found.end());
    }
    std::sort(found.begin(), found.end(), larger_first);
    if (found.size() > limit) found.resize(limit);
    return read_rows(connection_, found);
}

// Per account: walk each category with a threshold from its largest amount down to the
// threshold (the postings above it in the whole history), or, when that would read more
// entries than the period holds, read the period in time order.
std::vector<Transaction> SqliteReportQueries::outflows_above(
    const PeriodQuery& query, const PeriodCounts& counts,
    const std::vector<CategoryThreshold>& thresholds, std::size_t limit) {
    if (thresholds.empty() || limit == 0) return {};
    std::vector<Candidate> found;
    for (const auto& id : account_ids(query.user_id, query.account_id)) {
        const PeriodCounts::Account* period = counts.find(id);
        if (period == nullptr) continue;
        std::vector<Candidate> account_found;
        OutflowWalk walk(connection_, query, id, period->postings);
        for (const auto& threshold : thresholds) {
            const auto& categories = period->outflows_by_category;
            const bool has_outflows =
                std::any_of(categories.begin(), categories.end(),
                            [&](const auto& entry) { return entry.first == threshold.category; });
            if (has_outflows &&
                !walk.walk(threshold.category, threshold.threshold, std::nullopt, account_found)) {
                account_found = above_in_time_order(connection_, query, id, thresholds, limit);
                break;
            }
        }
        found.insert(found.end(), account_found.begin(), account_found.end());
    }
    std::sort(found.begin(), found.end(), newer_first);
    if (found.size() > limit) found.resize(limit);
    return read_rows(connection_, found);
}

std::vector<Money> SqliteReportQueries::balances_at(std::string_view user_id,
                                                    std::string_view account_id,
                                                    const std::vector<Timestamp>& at) {
    // One index seek per account and instant.
    static constexpr std::string_view sql =
        "SELECT balance_after FROM transactions WHERE account_id = ? AND timestamp < ? "
        "ORDER BY timestamp DESC, sequence DESC LIMIT 1";
    std::vector<Money> balances(at.size());
    for (const auto& id : account_ids(user_id, account_id)) {
        for (std::size_t index = 0; index < at.size(); ++index) {
            auto select = connection_.query(sql);
            select.bind(id).bind(to_micros(at[index]));
            if (select.step()) add_checked(balances[index], Money::from_cents(select.integer(0)));
        }
    }
    return balances;
}

}  // namespace bank
