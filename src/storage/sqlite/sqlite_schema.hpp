#pragma once

namespace bank {

class SqliteConnection;

// The schema version this program writes, kept in PRAGMA user_version.
inline constexpr int sqlite_schema_version = 1;

// Sets the write connection's pragmas (WAL, synchronous=FULL, foreign keys) and creates
// any missing table or index. Throws when the file holds a newer schema than this program.
void prepare_database(SqliteConnection& connection);

}  // namespace bank
