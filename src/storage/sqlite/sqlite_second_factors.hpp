#pragma once

#include <optional>
#include <string_view>

#include "ledger/second_factor.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// The second_factors table (schema 8) on one connection: a person's record read whole and
// written whole, only over the version it was decided on.
class SqliteSecondFactors {
public:
    explicit SqliteSecondFactors(SqliteConnection& connection) : connection_(connection) {}

    std::optional<SecondFactor> find(std::string_view user_id);
    // Inserts version 1 when no row exists, or updates the row whose version is one less;
    // false when neither matched.
    bool save(const SecondFactor& next);

private:
    SqliteConnection& connection_;
};

}  // namespace bank
