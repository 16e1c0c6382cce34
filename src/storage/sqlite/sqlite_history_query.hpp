#pragma once

#include <string>
#include <vector>

#include "ledger/store.hpp"

namespace bank {

class SqliteConnection;

// A person's history, filtered and sorted, one keyset page at a time.
//
// Each of the person's accounts (open or closed) is read on its own in the
// order of an index: (account_id, sequence) for the time sorts, (account_id, transaction_type,
// sequence, timestamp) for a type in the time sorts, (account_id, amount) for the amount
// sorts, (account_id, category) for a category, with the rowid breaking ties. Each
// yields at most `limit` rows and the pages are merged here, so a page never sorts more than
// accounts x limit rows, however long the history. (Filters no index serves, such as text,
// are checked row by row in that order until the page is full.) All of it is read in one
// read transaction, so a page is one consistent snapshot.
class SqliteHistoryQuery {
public:
    explicit SqliteHistoryQuery(SqliteConnection& connection) : connection_(connection) {}

    std::vector<Transaction> list(const TransactionQuery& query);

    // The statement one account's page of `query` runs (the test of its plan reads it).
    static std::string page_sql(const TransactionQuery& query);

private:
    std::vector<std::string> account_ids(const TransactionQuery& query);
    std::vector<Transaction> list_in_snapshot(const TransactionQuery& query);

    SqliteConnection& connection_;
};

}  // namespace bank
