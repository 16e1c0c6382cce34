#pragma once

#include <cstddef>
#include <functional>

#include "ledger/model.hpp"

namespace bank {

class SqliteConnection;

// The bank-wide reads of SqliteStore (BankReads). Each statement has a LIMIT, so it reads at
// most one row more than it may visit (to tell whether it was cut); the postings seek the
// (timestamp) index of schema 3, newest first.
class SqliteBankReads {
public:
    explicit SqliteBankReads(SqliteConnection& connection) : connection_(connection) {}

    bool for_each_user(std::size_t limit, const std::function<void(const User&)>& visit);
    bool for_each_account(std::size_t limit, const std::function<void(const Account&)>& visit);
    bool for_each_rollup(std::size_t limit, const std::function<void(const Rollup&)>& visit);
    bool for_each_posting_between(Timestamp from, Timestamp to, std::size_t limit,
                                  const std::function<void(const Transaction&)>& visit);

private:
    SqliteConnection& connection_;
};

}  // namespace bank
