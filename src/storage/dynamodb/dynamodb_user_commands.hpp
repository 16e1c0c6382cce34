#pragma once

#include <functional>
#include <optional>

#include "ledger/user_plans.hpp"
#include "ledger/write_command.hpp"
#include "storage/dynamodb/dynamodb_reads.hpp"
#include "storage/dynamodb/dynamodb_session_commands.hpp"

namespace bank {

class DynamoDbClient;

// The user and session commands, each decided by its planner in ledger/user_plans.hpp on
// what it read. Registration puts the user and its email's uniqueness item in one
// TransactWriteItems, so two registrations of one email can never both win; the sign-in
// counters change in an UpdateItem conditioned on their values as read, so no failure is
// lost (a failed condition reads and decides again).
class DynamoDbUserCommands {
public:
    DynamoDbUserCommands(DynamoDbClient& client, const DynamoDbTables& tables, DynamoDbReads& reads)
        : client_(client),
          tables_(tables),
          reads_(reads),
          session_commands_(client, tables, reads) {}

    WriteResult apply(const CreateUser& command, RetryBudget& budget);
    WriteResult apply(const RecordLoginFailure& command, RetryBudget& budget);
    WriteResult apply(const RecordLoginSuccess& command, RetryBudget& budget);
    WriteResult apply(const CreateSession& command, RetryBudget& budget);
    WriteResult apply(const TouchSession& command, RetryBudget& budget);
    WriteResult apply(const DeleteSession& command, RetryBudget& budget);
    WriteResult apply(const UpdateProfile& command, RetryBudget& budget);
    WriteResult apply(const SetTimeZone& command, RetryBudget& budget);
    WriteResult apply(const ChangePassword& command, RetryBudget& budget);
    // One PutItem. The log is bounded by age, not count (`events_max` is not read): each
    // event expires limits::audit_event_retention after it happened.
    WriteResult apply(const AppendAuditEvent& command, RetryBudget& budget);
    // One GetItem per person of the batch, then the events written in TransactWriteItems of
    // at most dynamodb_limits::batch_get_items_max puts, each with a retry budget of its own:
    // not one atomic write (a TransactWriteItems takes 100 items), so a request that fails
    // answers its events unavailable and leaves the others written (PostingBatch's way).
    WriteResult apply(const AppendAuditEvents& command, RetryBudget& budget);
    // The commands that end sessions are DynamoDbSessionCommands' (ledger/session_plans.hpp).
    template <class Command>
    requires requires(DynamoDbSessionCommands& commands, const Command& command,
                      RetryBudget& budget) {
        commands.apply(command, budget);
    }
    WriteResult apply(const Command& command, RetryBudget& budget) {
        return session_commands_.apply(command, budget);
    }
    DynamoDbSessionCommands& session_commands() { return session_commands_; }

private:
    // A conditional UpdateItem on an existing user; the user after it, or nullopt when
    // there is no such user (or `condition` does not hold).
    std::optional<User> update_user(const std::string& user_id, std::string_view expression,
                                    std::string_view condition, boost::json::object values,
                                    RetryBudget& budget);
    using UserPlanner = std::function<UserPlan(const std::optional<User>&)>;
    using UserValues = std::function<boost::json::object(const User&)>;
    WriteResult decide_user_change(const std::string& user_id, std::string_view expression,
                                   const UserPlanner& plan, const UserValues& values_of,
                                   RetryBudget& budget);
    std::vector<Session> sessions_of(const std::string& user_id, RetryBudget& budget);

    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
    DynamoDbReads& reads_;
    DynamoDbSessionCommands session_commands_;
};

}  // namespace bank
