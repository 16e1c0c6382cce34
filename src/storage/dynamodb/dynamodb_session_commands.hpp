#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>

#include "ledger/session_plans.hpp"
#include "ledger/write_command.hpp"
#include "storage/dynamodb/dynamodb_reads.hpp"

namespace bank {

class DynamoDbClient;

// The commands that end sessions (revoking one, "everywhere else", disabling a person, a
// password reset), each decided by its planner in ledger/session_plans.hpp on what it read.
// Each is one TransactWriteItems whose conditions guard what its planner read, planned again
// when another writer changed that. A person's sessions are found through the sessions
// table's UserIdIndex, which may lag a moment behind a session made at the same instant
// elsewhere (such a session outlives the command; a disabled person's is refused anyway).
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

    // Deletes of these sessions for a TransactWriteItems, each conditioned on the session
    // still being there.
    boost::json::array ended_session_items(const std::vector<std::string>& token_hashes) const;
    // Applies the items as one transaction; false when it was cancelled because another writer
    // changed what was read (the caller reads and plans again).
    bool applied(boost::json::array items, RetryBudget& budget);

private:
    std::optional<WriteResult> end_sessions(const EndSessionsPlan& plan, RetryBudget& budget);

    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
    DynamoDbReads& reads_;
};

}  // namespace bank
