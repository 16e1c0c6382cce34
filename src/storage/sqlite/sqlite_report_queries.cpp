#include "storage/sqlite/sqlite_report_queries.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {
namespace {

constexpr std::string_view in_period =
    " FROM transactions WHERE account_id = ?1 AND timestamp >= ?2 AND timestamp < ?3";
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

bool larger_first(const Transaction& left, const Transaction& right) {
    return std::tie(left.amount, left.sequence) > std::tie(right.amount, right.sequence);
}

void keep_largest(std::vector<Transaction>& rows, std::size_t limit) {
    std::sort(rows.begin(), rows.end(), larger_first);
    if (rows.size() > limit) rows.resize(limit);
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

std::vector<DescriptionTotal> SqliteReportQueries::top_descriptions(const PeriodQuery& query,
                                                                    std::size_t limit) {
    static const std::string sql = "SELECT description, sum(amount), count(*)" +
                                   std::string(in_period) + std::string(outflow) +
                                   " GROUP BY description";
    std::map<std::string, DescriptionTotal> totals;
    for (const auto& id : account_ids(query.user_id, query.account_id)) {
        auto select = connection_.query(sql);
        select.bind(id).bind(to_micros(query.from)).bind(to_micros(query.to));
        while (select.step()) {
            const std::string description = select.text(0);
            DescriptionTotal& total = totals[description];
            total.description = description;
            add_checked(total.total, Money::from_cents(select.integer(1)));
            total.count += select.integer(2);
        }
    }
    std::vector<DescriptionTotal> sorted;
    for (auto& [description, total] : totals) sorted.push_back(std::move(total));
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& left, const auto& right) { return left.total > right.total; });
    if (sorted.size() > limit) sorted.resize(limit);
    return sorted;
}

std::vector<Transaction> SqliteReportQueries::largest_outflows(const PeriodQuery& query,
                                                               std::size_t limit) {
    static const std::string sql = "SELECT " + std::string(transaction_columns) +
                                   std::string(in_period) + std::string(outflow) +
                                   " ORDER BY amount DESC, sequence DESC LIMIT ?4";
    std::vector<Transaction> rows;
    for (const auto& id : account_ids(query.user_id, query.account_id)) {
        auto select = connection_.query(sql);
        select.bind(id).bind(to_micros(query.from)).bind(to_micros(query.to));
        select.bind(static_cast<std::int64_t>(limit));
        while (select.step()) rows.push_back(read_transaction(select));
    }
    keep_largest(rows, limit);
    return rows;
}

std::vector<Transaction> SqliteReportQueries::outflows_above(
    const PeriodQuery& query, const std::vector<CategoryThreshold>& thresholds, std::size_t limit) {
    if (thresholds.empty()) return {};
    // One statement per number of categories, so each is prepared once and cached.
    std::string sql = "SELECT " + std::string(transaction_columns) + std::string(in_period) +
                      std::string(outflow) + " AND (";
    for (std::size_t index = 0; index < thresholds.size(); ++index) {
        sql += index == 0 ? "" : " OR ";
        sql += "(category = ? AND amount > ?)";
    }
    sql += ") ORDER BY sequence DESC LIMIT ?";
    std::vector<Transaction> rows;
    for (const auto& id : account_ids(query.user_id, query.account_id)) {
        auto select = connection_.query(sql);
        select.bind(id).bind(to_micros(query.from)).bind(to_micros(query.to));
        for (const auto& threshold : thresholds) {
            select.bind(threshold.category).bind(threshold.threshold.cents());
        }
        select.bind(static_cast<std::int64_t>(limit));
        while (select.step()) rows.push_back(read_transaction(select));
    }
    std::sort(rows.begin(), rows.end(),
              [](const auto& left, const auto& right) { return left.sequence > right.sequence; });
    if (rows.size() > limit) rows.resize(limit);
    return rows;
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

void SqliteReportQueries::for_each_user(const std::function<void(const User&)>& visit) {
    static const std::string sql =
        "SELECT " + std::string(user_columns) + " FROM users ORDER BY created_at, user_id";
    auto select = connection_.query(sql);
    while (select.step()) visit(read_user(select));
}

std::vector<DailyVolume> SqliteReportQueries::daily_volume(Timestamp from, Timestamp to) {
    // A transfer counts once, by its outgoing leg.
    static constexpr std::string_view sql =
        "SELECT strftime('%Y-%m-%d', timestamp / 1000000, 'unixepoch'), count(*), sum(amount) "
        "FROM transactions WHERE timestamp >= ? AND timestamp < ? "
        "AND transaction_type != 'transfer_in' GROUP BY 1 ORDER BY 1";
    auto select = connection_.query(sql);
    select.bind(to_micros(from)).bind(to_micros(to));
    std::vector<DailyVolume> days;
    while (select.step()) {
        days.push_back(
            DailyVolume{select.text(0), select.integer(1), Money::from_cents(select.integer(2))});
    }
    return days;
}

std::vector<Transaction> SqliteReportQueries::largest_transfers(Timestamp from, Timestamp to,
                                                                std::size_t limit) {
    static const std::string sql =
        "SELECT " + std::string(transaction_columns) +
        " FROM transactions WHERE timestamp >= ? AND timestamp < ? "
        "AND transaction_type = 'transfer_out' ORDER BY amount DESC, sequence DESC LIMIT ?";
    auto select = connection_.query(sql);
    select.bind(to_micros(from)).bind(to_micros(to)).bind(static_cast<std::int64_t>(limit));
    std::vector<Transaction> rows;
    while (select.step()) rows.push_back(read_transaction(select));
    return rows;
}

}  // namespace bank
