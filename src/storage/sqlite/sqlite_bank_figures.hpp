#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/bank_figures.hpp"
#include "ledger/model.hpp"

namespace bank {

class SqliteConnection;

// The bank-wide figures of schema 20 on one connection: the writer adds to them (in the
// transaction of the write they count), the readers read them.
class SqliteBankFigures {
public:
    explicit SqliteBankFigures(SqliteConnection& connection) : connection_(connection) {}

    void add(const BankFigure& delta);
    // Adds these outgoing transfer legs to their days' largest and drops what falls beyond
    // limits::bank_top_transfers_per_day on each day they touch.
    void add_largest_transfers(const std::vector<Transaction>& transfers);
    // The outgoing leg's copy among its day's largest, if it is kept there, takes the leg's
    // (new) category.
    void recategorize_kept_transfer(const Transaction& row);

    std::vector<BankFigure> read(std::string_view figure, const std::vector<std::string>& periods);
    std::vector<Transaction> largest_transfers_of(const std::vector<std::string>& days);
    void for_each(const std::function<void(const BankFigure&)>& visit);

private:
    SqliteConnection& connection_;
};

}  // namespace bank
