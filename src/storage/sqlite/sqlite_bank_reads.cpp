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

bool SqliteBankReads::for_each_account(std::size_t limit,
                                       const std::function<void(const Account&)>& visit) {
    static const std::string sql =
        "SELECT " + std::string(account_columns) + " FROM accounts ORDER BY rowid LIMIT ?";
    auto select = connection_.query(sql);
    select.bind(limit_plus_one(limit));
    return visit_up_to(
        select, limit, [](const SqliteQuery& row) { return read_account(row); }, visit);
}

}  // namespace bank
