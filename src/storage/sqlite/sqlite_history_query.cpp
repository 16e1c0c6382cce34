#include "storage/sqlite/sqlite_history_query.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <variant>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {

namespace {

using Parameter = std::variant<std::int64_t, std::string>;

// One account's page: the statement text (only the filters the query sets, so each
// combination gets its own cached statement and plan) and its parameters after the
// account id, in order.
struct AccountPage {
    std::string sql;
    std::vector<Parameter> parameters;
};

std::string_view keyset_condition(TransactionSort sort) {
    // Row values let SQLite seek the (account_id, amount) index to the cursor.
    switch (sort) {
        case TransactionSort::newest:
            return " AND sequence < ?";
        case TransactionSort::oldest:
            return " AND sequence > ?";
        case TransactionSort::largest:
            return " AND (amount, sequence) < (?, ?)";
        case TransactionSort::smallest:
            return " AND (amount, sequence) > (?, ?)";
    }
    return "";
}

std::string_view order_by(TransactionSort sort) {
    switch (sort) {
        case TransactionSort::newest:
            return " ORDER BY sequence DESC";
        case TransactionSort::oldest:
            return " ORDER BY sequence ASC";
        case TransactionSort::largest:
            return " ORDER BY amount DESC, sequence DESC";
        case TransactionSort::smallest:
            return " ORDER BY amount ASC, sequence ASC";
    }
    return "";
}

bool by_amount(TransactionSort sort) {
    return sort == TransactionSort::largest || sort == TransactionSort::smallest;
}

// The newest rows since `from`, no other filter: the forecast's and the recurring payments'
// read of the last months. SQLite's planner reads such a query through (account_id,
// timestamp) and sorts every row since `from` to find the newest `limit` (the whole window,
// some 230,000 rows for 430 days of a million postings over five years); walking
// (account_id, sequence) from the newest finds them among the first rows it visits, provided
// the window holds at least `limit` of them (window_fills_page). The same rows either way.
bool newest_since(const TransactionQuery& query) {
    return query.sort == TransactionSort::newest && query.from && !query.to && !query.type &&
           !query.category && !query.min_amount && !query.max_amount && query.text.empty();
}

// Whether the account has at least `limit` rows since `from`: one seek of the (account_id,
// timestamp) index and `limit` steps along it, no table row read. With fewer, the window is
// short and its sort cheap, while a walk by sequence would visit the older history too.
bool window_fills_page(SqliteConnection& connection, const std::string& account_id, Timestamp from,
                       std::size_t limit) {
    auto probe = connection.query(
        "SELECT 1 FROM transactions INDEXED BY transactions_by_account_time "
        "WHERE account_id = ? AND timestamp >= ? LIMIT 1 OFFSET ?");
    probe.bind(account_id).bind(to_micros(from)).bind(static_cast<std::int64_t>(limit - 1));
    return probe.step();
}

// A page of one type in posting order (the analytics' read of a period's outgoing transfer
// legs, service/own_transfers, or the history's type filter) walks that type's entries of
// (account_id, transaction_type, sequence, timestamp) in the page's order, checks the period
// in the index and stops at `limit`. Left to itself, SQLite read the period's rows of every
// type through (account_id, timestamp), each from the table to check its type (one page read
// per row in a large bank, where a person's rows share no page), and sorted them, again for
// each page of 100; or walked (account_id, sequence) over every type.
bool by_type_in_order(const TransactionQuery& query) {
    return query.type &&
           (query.sort == TransactionSort::newest || query.sort == TransactionSort::oldest);
}

std::string_view index_hint(const TransactionQuery& query, bool by_sequence) {
    if (by_sequence) return " INDEXED BY transactions_by_account";
    if (by_type_in_order(query)) return " INDEXED BY transactions_by_account_type";
    return "";
}

AccountPage account_page(const TransactionQuery& query, bool by_sequence = false) {
    AccountPage page;
    page.sql = "SELECT " + std::string(transaction_columns) + " FROM transactions" +
               std::string(index_hint(query, by_sequence)) + " WHERE account_id = ?";
    const auto add = [&](std::string_view condition, Parameter value) {
        page.sql += condition;
        page.parameters.push_back(std::move(value));
    };
    if (query.type) add(" AND transaction_type = ?", std::string(to_string(*query.type)));
    if (query.category) add(" AND category = ?", *query.category);
    if (query.from) add(" AND timestamp >= ?", to_micros(*query.from));
    if (query.to) add(" AND timestamp < ?", to_micros(*query.to));
    if (query.min_amount) add(" AND amount >= ?", query.min_amount->cents());
    if (query.max_amount) add(" AND amount <= ?", query.max_amount->cents());
    // instr, unlike LIKE, gives % and _ no special meaning.
    if (!query.text.empty()) add(" AND instr(lower(description), lower(?)) > 0", query.text);
    if (query.before_sequence > 0) {
        page.sql += keyset_condition(query.sort);
        if (by_amount(query.sort)) page.parameters.emplace_back(query.cursor_amount.cents());
        page.parameters.emplace_back(query.before_sequence);
    }
    page.sql += order_by(query.sort);
    page.sql += " LIMIT ?";
    page.parameters.emplace_back(static_cast<std::int64_t>(query.limit));
    return page;
}

// True when `left` comes before `right` in the query's order.
bool comes_before(TransactionSort sort, const Transaction& left, const Transaction& right) {
    switch (sort) {
        case TransactionSort::newest:
            return left.sequence > right.sequence;
        case TransactionSort::oldest:
            return left.sequence < right.sequence;
        case TransactionSort::largest:
            if (left.amount != right.amount) return left.amount > right.amount;
            return left.sequence > right.sequence;
        case TransactionSort::smallest:
            if (left.amount != right.amount) return left.amount < right.amount;
            return left.sequence < right.sequence;
    }
    return false;
}

// Ends the read transaction on every path; a failure to end it is logged, not thrown, since
// it may run while another exception unwinds.
class ReadTransaction {
public:
    explicit ReadTransaction(SqliteConnection& connection) : connection_(connection) {
        connection_.execute("BEGIN");
    }
    ~ReadTransaction() {
        try {
            if (connection_.in_transaction()) connection_.execute("COMMIT");
        } catch (const std::exception& error) {
            spdlog::error("sqlite history: ending the read transaction failed: {}", error.what());
        }
    }
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    SqliteConnection& connection_;
};

}  // namespace

std::vector<Transaction> SqliteHistoryQuery::list(const TransactionQuery& query) {
    if (query.limit == 0) return {};
    const ReadTransaction snapshot(connection_);
    return list_in_snapshot(query);
}

std::string SqliteHistoryQuery::page_sql(const TransactionQuery& query) {
    return account_page(query).sql;
}

std::vector<std::string> SqliteHistoryQuery::account_ids(const TransactionQuery& query) {
    // Only the user's own accounts, so naming another person's account finds nothing.
    auto select = connection_.query(
        "SELECT account_id FROM accounts WHERE user_id = ?1 AND (?2 = '' OR account_id = ?2) "
        "ORDER BY account_id");
    select.bind(query.user_id).bind(query.account_id);
    std::vector<std::string> ids;
    while (select.step()) ids.push_back(select.text(0));
    return ids;
}

std::vector<Transaction> SqliteHistoryQuery::list_in_snapshot(const TransactionQuery& query) {
    const std::vector<std::string> accounts = account_ids(query);
    const AccountPage page = account_page(query);
    const bool newest = newest_since(query);
    const AccountPage walk = newest ? account_page(query, true) : AccountPage{};
    std::vector<Transaction> rows;
    std::vector<std::size_t> run_ends;  // each account's rows, in the query's order
    for (const std::string& account_id : accounts) {
        const bool by_sequence =
            newest && window_fills_page(connection_, account_id, *query.from, query.limit);
        auto select = connection_.query(by_sequence ? walk.sql : page.sql);
        select.bind(account_id);
        for (const Parameter& parameter : page.parameters) {
            std::visit([&](const auto& value) { select.bind(value); }, parameter);
        }
        while (select.step()) rows.push_back(read_transaction(select));
        run_ends.push_back(rows.size());
    }
    const auto order = [&](const Transaction& left, const Transaction& right) {
        return comes_before(query.sort, left, right);
    };
    // Every account's rows came in the page's order (a total one: the rowid breaks ties), so
    // merging them gives what sorting all would, moving each row about once per account
    // rather than log(rows) times.
    const auto at = [&](std::size_t index) {
        return rows.begin() + static_cast<std::ptrdiff_t>(index);
    };
    for (std::size_t run = 1; run < run_ends.size(); ++run) {
        std::inplace_merge(rows.begin(), at(run_ends[run - 1]), at(run_ends[run]), order);
    }
    if (rows.size() > query.limit) rows.erase(at(query.limit), rows.end());
    return rows;
}

}  // namespace bank
