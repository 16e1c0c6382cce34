#include "storage/sqlite/sqlite_bank_reads.hpp"

#include <string>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {
namespace {

// Steps through a query bound with `limit + 1` as its last parameter and visits at most
// `limit` rows; true when the query had no row left over.
template <typename Row, typename Read>
bool visit_up_to(SqliteQuery& select, std::size_t limit, Read read,
                 const std::function<void(const Row&)>& visit) {
    std::size_t visited = 0;
    while (select.step()) {
        if (visited == limit) return false;
        visit(read(select));
        ++visited;
    }
    return true;
}

std::int64_t limit_plus_one(std::size_t limit) { return static_cast<std::int64_t>(limit) + 1; }

}  // namespace

// Rowid order is the order of registration, with no sort.
bool SqliteBankReads::for_each_user(std::size_t limit,
                                    const std::function<void(const User&)>& visit) {
    static const std::string sql =
        "SELECT " + std::string(user_columns) + " FROM users ORDER BY rowid LIMIT ?";
    auto select = connection_.query(sql);
    select.bind(limit_plus_one(limit));
    return visit_up_to(
        select, limit, [](const SqliteQuery& row) { return read_user(row); }, visit);
}

bool SqliteBankReads::for_each_account(std::size_t limit,
                                       const std::function<void(const Account&)>& visit) {
    static const std::string sql =
        "SELECT " + std::string(account_columns) + " FROM accounts ORDER BY rowid LIMIT ?";
    auto select = connection_.query(sql);
    select.bind(limit_plus_one(limit));
    return visit_up_to(
        select, limit, [](const SqliteQuery& row) { return read_account(row); }, visit);
}

// In key order (account, month, category, type): no sort.
bool SqliteBankReads::for_each_rollup(std::size_t limit,
                                      const std::function<void(const Rollup&)>& visit) {
    static const std::string sql =
        "SELECT " + std::string(rollup_columns) + " FROM rollups LIMIT ?";
    auto select = connection_.query(sql);
    select.bind(limit_plus_one(limit));
    return visit_up_to(
        select, limit, [](const SqliteQuery& row) { return read_rollup(row); }, visit);
}

bool SqliteBankReads::for_each_posting_between(
    Timestamp from, Timestamp to, std::size_t limit,
    const std::function<void(const Transaction&)>& visit) {
    static const std::string sql = "SELECT " + std::string(transaction_columns) +
                                   " FROM transactions WHERE timestamp >= ? AND timestamp < ?"
                                   " ORDER BY timestamp DESC LIMIT ?";
    auto select = connection_.query(sql);
    select.bind(to_micros(from)).bind(to_micros(to)).bind(limit_plus_one(limit));
    return visit_up_to(
        select, limit, [](const SqliteQuery& row) { return read_transaction(row); }, visit);
}

}  // namespace bank
