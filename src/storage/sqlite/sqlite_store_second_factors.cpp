// SqliteStore's SecondFactorStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_second_factors.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

std::optional<SecondFactor> SqliteStore::find_second_factor(std::string_view user_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteSecondFactors(connection).find(user_id);
    });
}

// Like set_role: no money moves, so the change does not wait in the writer's queue; a
// side writer (a pooled connection of its own) takes SQLite's write lock (waiting out the writer's
// batch, see busy_timeout) for this one conditional statement, which is what makes a code or a
// challenge usable once even when two requests race.
bool SqliteStore::save_second_factor(const SecondFactor& next) {
    return side_writers_.with<SqliteSecondFactors>(
        [&](SqliteSecondFactors& factors) { return factors.save(next); });
}

}  // namespace bank
