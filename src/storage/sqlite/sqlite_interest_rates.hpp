#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/interest_rate.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// The interest_rates and interest_accruals tables (schema 14) on one connection. Rows are
// only inserted, each guarded by its primary key (one period per type and date, one record
// per account and month), never updated.
class SqliteInterestRates {
public:
    explicit SqliteInterestRates(SqliteConnection& connection) : connection_(connection) {}

    // False when the type has a period from that date.
    bool add_rate(const InterestRate& rate);
    std::vector<InterestRate> rates(AccountType type);
    // False when the account has a record of that month.
    bool add_accrual(const InterestAccrualRecord& record);
    std::optional<InterestAccrualRecord> find_accrual(std::string_view account_id, Month month);
    std::vector<InterestAccrualRecord> accruals(std::string_view account_id);

private:
    SqliteConnection& connection_;
};

}  // namespace bank
