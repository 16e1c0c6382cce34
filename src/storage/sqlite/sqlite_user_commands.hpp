#pragma once

#include "ledger/write_command.hpp"

namespace bank {

class SqliteConnection;

// Applies the user and session commands on the writer's connection, inside the savepoint
// the writer opened. A refusal is returned before anything changes.
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
    SqliteConnection& connection_;
};

}  // namespace bank
