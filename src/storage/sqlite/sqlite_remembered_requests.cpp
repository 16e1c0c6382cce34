// SqliteStore::find_remembered_request: a point read of idempotency_keys (its primary key),
// in a file of its own to keep sqlite_store.cpp within the size limit.
#include "storage/sqlite/sqlite_rows.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

std::optional<RememberedRequest> SqliteStore::find_remembered_request(
    std::string_view user_id, std::string_view idempotency_key) {
    if (idempotency_key.empty()) return std::nullopt;
    return readers_.with_connection([&](SqliteConnection& connection) {
        auto record = connection.query(
            "SELECT request_fingerprint, created_at FROM idempotency_keys "
            "WHERE user_id = ? AND key = ?");
        record.bind(user_id).bind(idempotency_key);
        std::optional<RememberedRequest> earlier;
        if (record.step()) {
            earlier = RememberedRequest{record.text(0), from_micros(record.integer(1))};
        }
        return earlier;
    });
}

}  // namespace bank
