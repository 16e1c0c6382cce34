// SqliteStore's bank-wide figures (BankReads, VerificationScans), kept out of sqlite_store.cpp.
#include <string>

#include "storage/sqlite/sqlite_bank_figures.hpp"
#include "storage/sqlite/sqlite_rows.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

namespace {

// Visits at most `limit` users of a query bound with `limit + 1` last; true when none was
// left over.
bool visit_users(SqliteQuery& select, std::size_t limit,
                 const std::function<void(const User&)>& visit) {
    std::size_t visited = 0;
    while (select.step()) {
        if (visited == limit) return false;
        visit(read_user(select));
        ++visited;
    }
    return true;
}

}  // namespace

std::vector<BankFigure> SqliteStore::read_bank_figures(std::string_view figure,
                                                       const std::vector<std::string>& periods) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteBankFigures(connection).read(figure, periods);
    });
}

std::vector<Transaction> SqliteStore::largest_transfers_of(const std::vector<std::string>& days) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteBankFigures(connection).largest_transfers_of(days);
    });
}

// The partial index users_locked (schema 20) holds only people ever locked.
bool SqliteStore::for_each_locked_user(Timestamp now, std::size_t limit,
                                       const std::function<void(const User&)>& visit) {
    static const std::string sql = "SELECT " + std::string(user_columns) +
                                   " FROM users WHERE locked_until > ?1 AND locked_until > 0"
                                   " ORDER BY locked_until LIMIT ?2";
    return readers_.with_connection([&](SqliteConnection& connection) {
        auto select = connection.query(sql);
        select.bind(to_micros(now)).bind(static_cast<std::int64_t>(limit) + 1);
        return visit_users(select, limit, visit);
    });
}

// The partial index users_disabled (schema 20) holds only the disabled.
bool SqliteStore::for_each_disabled_user(std::size_t limit,
                                         const std::function<void(const User&)>& visit) {
    static const std::string sql = "SELECT " + std::string(user_columns) +
                                   " FROM users WHERE disabled = 1 ORDER BY user_id LIMIT ?";
    return readers_.with_connection([&](SqliteConnection& connection) {
        auto select = connection.query(sql);
        select.bind(static_cast<std::int64_t>(limit) + 1);
        return visit_users(select, limit, visit);
    });
}

void SqliteStore::for_each_person(const std::function<void(const User&)>& visit) {
    static const std::string sql =
        "SELECT " + std::string(user_columns) + " FROM users ORDER BY rowid";
    readers_.with_connection([&](SqliteConnection& connection) {
        auto select = connection.query(sql);
        while (select.step()) visit(read_user(select));
    });
}

void SqliteStore::for_each_bank_figure(const std::function<void(const BankFigure&)>& visit) {
    readers_.with_connection(
        [&](SqliteConnection& connection) { SqliteBankFigures(connection).for_each(visit); });
}

void SqliteStore::for_each_activity_marker(
    const std::function<void(const std::string&, const std::string&)>& visit) {
    readers_.with_connection([&](SqliteConnection& connection) {
        auto select = connection.query("SELECT user_id, month FROM bank_active_months");
        while (select.step()) visit(select.text(0), select.text(1));
    });
}

}  // namespace bank
