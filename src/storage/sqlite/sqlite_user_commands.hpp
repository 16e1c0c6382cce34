#pragma once

#include "ledger/user_plans.hpp"
#include "ledger/write_command.hpp"

namespace bank {

class SqliteConnection;

// Applies the user and session commands on the writer's connection, inside the savepoint
// the writer opened. Each reads what its planner (ledger/user_plans.hpp) decides on; a
// refusal is returned before anything changes.
class SqliteUserCommands {
public:
    explicit SqliteUserCommands(SqliteConnection& connection) : connection_(connection) {}

    WriteResult apply(const CreateUser& command);
    WriteResult apply(const RecordLoginFailure& command);
    WriteResult apply(const RecordLoginSuccess& command);
    WriteResult apply(const CreateSession& command);
    WriteResult apply(const TouchSession& command);
    WriteResult apply(const DeleteSession& command);
    WriteResult apply(const UpdateProfile& command);
    WriteResult apply(const ChangePassword& command);

private:
    WriteResult write_sign_in_state(UserPlan plan);

    SqliteConnection& connection_;
};

}  // namespace bank
