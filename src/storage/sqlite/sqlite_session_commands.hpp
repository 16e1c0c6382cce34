#pragma once

#include <string>
#include <vector>

#include "ledger/write_command.hpp"

namespace bank {

class SqliteConnection;

// Applies the commands that end sessions (revoking one, "everywhere else", disabling a
// person, a password reset) on the writer's connection, inside the savepoint the writer
// opened. Each reads what its planner (ledger/session_plans.hpp) decides on.
class SqliteSessionCommands {
public:
    explicit SqliteSessionCommands(SqliteConnection& connection) : connection_(connection) {}

    WriteResult apply(const RevokeSession& command);
    WriteResult apply(const RevokeOtherSessions& command);
    WriteResult apply(const SetUserDisabled& command);
    WriteResult apply(const ResetPassword& command);

private:
    void delete_sessions(const std::vector<std::string>& token_hashes);

    SqliteConnection& connection_;
};

}  // namespace bank
