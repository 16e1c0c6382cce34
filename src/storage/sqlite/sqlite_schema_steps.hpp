#pragma once

#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// The schema's steps from 17 on (savings goals, alerts and notifications, webhooks, bank
// figures, the postings by account and type, the type CHECK without an IN list), for a database at
// `version` (PRAGMA user_version) inside prepare_database's transaction. Kept apart from
// sqlite_schema.cpp, which holds the steps before them.
void apply_schema_steps_from_17(SqliteConnection& connection, int version);

}  // namespace bank
