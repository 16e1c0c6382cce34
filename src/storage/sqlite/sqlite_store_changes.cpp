// SqliteStore's ChangeFeedReads role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_change_feed.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

bool SqliteStore::is_change_position(std::string_view position) const {
    return SqliteChangeFeed::is_position(position);
}

ChangePage SqliteStore::read_changes(std::string_view after, std::size_t limit) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteChangeFeed(connection).read(after, limit);
    });
}

}  // namespace bank
