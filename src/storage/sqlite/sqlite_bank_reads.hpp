#pragma once

#include <cstddef>
#include <functional>

#include "ledger/model.hpp"

namespace bank {

class SqliteConnection;

// The bank-wide scan of SqliteStore (BankReads): accounts, with a LIMIT, so it reads at most
// one row more than it may visit (to tell whether it was cut).
class SqliteBankReads {
public:
    explicit SqliteBankReads(SqliteConnection& connection) : connection_(connection) {}

    bool for_each_account(std::size_t limit, const std::function<void(const Account&)>& visit);

private:
    SqliteConnection& connection_;
};

}  // namespace bank
