#pragma once

#include <string>
#include <vector>

#include "ledger/write_command.hpp"
#include "storage/dynamodb/dynamodb_reads.hpp"

namespace bank {

class DynamoDbClient;

// The commands that end sessions (revoking one, "everywhere else", disabling a person, a
// password reset), each decided by its planner in ledger/session_plans.hpp on what it read.
// A person's sessions are found through the sessions table's UserIdIndex, which may lag a
// moment behind a session made at the same instant elsewhere. A reset spends its link in
// the same TransactWriteItems that changes the password, conditioned on the link still
// being there, so two uses of one link can never both win.
class DynamoDbSessionCommands {
public:
    DynamoDbSessionCommands(DynamoDbClient& client, const DynamoDbTables& tables,
                            DynamoDbReads& reads)
        : client_(client), tables_(tables), reads_(reads) {}

    WriteResult apply(const RevokeSession& command, RetryBudget& budget);
    WriteResult apply(const RevokeOtherSessions& command, RetryBudget& budget);
    WriteResult apply(const SetUserDisabled& command, RetryBudget& budget);
    WriteResult apply(const ResetPassword& command, RetryBudget& budget);

    // The person's sessions of every kind, through UserIdIndex.
    std::vector<Session> sessions_of(std::string_view user_id, RetryBudget& budget);

private:
    void delete_sessions(const std::vector<std::string>& token_hashes, RetryBudget& budget);

    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
    DynamoDbReads& reads_;
};

}  // namespace bank
