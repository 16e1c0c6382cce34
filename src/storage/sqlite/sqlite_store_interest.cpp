// SqliteStore's InterestRateStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_interest_rates.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

// As the proposals: each write borrows a side writer (side_writers_.with), which takes SQLite's
// write lock for this one conditional insert, outside the ledger writer's queue (no money moves;
// the interest posting itself goes through the writer).

bool SqliteStore::add_interest_rate(const InterestRate& rate) {
    return side_writers_.with<SqliteInterestRates>(
        [&](SqliteInterestRates& interest) { return interest.add_rate(rate); });
}

std::vector<InterestRate> SqliteStore::list_interest_rates(AccountType type) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return SqliteInterestRates(connection).rates(type); });
}

std::optional<InterestAccrualRecord> SqliteStore::find_interest_accrual(std::string_view account_id,
                                                                        Month month) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteInterestRates(connection).find_accrual(account_id, month);
    });
}

std::vector<InterestAccrualRecord> SqliteStore::list_interest_accruals(
    std::string_view account_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteInterestRates(connection).accruals(account_id);
    });
}

bool SqliteStore::add_interest_accrual(const InterestAccrualRecord& record) {
    return side_writers_.with<SqliteInterestRates>(
        [&](SqliteInterestRates& interest) { return interest.add_accrual(record); });
}

// As add_interest_accrual, but every record in one BEGIN IMMEDIATE ... COMMIT: a pass of
// many accounts commits (and syncs) once per batch, not once per account.
std::vector<bool> SqliteStore::add_interest_accruals(
    const std::vector<InterestAccrualRecord>& records) {
    std::vector<bool> added(records.size(), false);
    if (records.empty()) return added;
    side_writers_.with_connection([&](SqliteConnection& connection) {
        SqliteInterestRates interest(connection);
        connection.execute("BEGIN IMMEDIATE");
        try {
            for (std::size_t index = 0; index < records.size(); ++index) {
                added[index] = interest.add_accrual(records[index]);
            }
            connection.execute("COMMIT");
        } catch (...) {
            if (connection.in_transaction()) connection.execute("ROLLBACK");
            throw;
        }
    });
    return added;
}

}  // namespace bank
