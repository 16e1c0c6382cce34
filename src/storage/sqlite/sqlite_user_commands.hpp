#pragma once

#include "ledger/user_plans.hpp"
#include "ledger/write_command.hpp"
#include "storage/sqlite/sqlite_session_commands.hpp"

namespace bank {

class SqliteConnection;

// Applies the user and session commands on the writer's connection, inside the savepoint
// the writer opened. Each reads what its planner (ledger/user_plans.hpp) decides on; a
// refusal is returned before anything changes.
class SqliteUserCommands {
public:
    explicit SqliteUserCommands(SqliteConnection& connection)
        : connection_(connection), session_commands_(connection) {}

    WriteResult apply(const CreateUser& command);
    WriteResult apply(const RecordLoginFailure& command);
    WriteResult apply(const RecordLoginSuccess& command);
    WriteResult apply(const CreateSession& command);
    WriteResult apply(const TouchSession& command);
    WriteResult apply(const DeleteSession& command);
    WriteResult apply(const UpdateProfile& command);
    WriteResult apply(const ChangePassword& command);
    WriteResult apply(const SetTimeZone& command);
    // The commands that end sessions are SqliteSessionCommands' (ledger/session_plans.hpp).
    template <class Command>
    requires requires(SqliteSessionCommands& commands, const Command& command) {
        commands.apply(command);
    }
    WriteResult apply(const Command& command) { return session_commands_.apply(command); }

private:
    WriteResult write_sign_in_state(UserPlan plan);

    SqliteConnection& connection_;
    SqliteSessionCommands session_commands_;
};

}  // namespace bank
