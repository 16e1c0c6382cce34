#include "storage/dynamodb/dynamodb_session_commands.hpp"

#include <boost/json.hpp>

#include "ledger/session_plans.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

// UserIdIndex projects only the keys and created_at, so it names the sessions and a
// strongly consistent GetItem of each reads them whole (a person has a few dozen at most:
// limits::sessions_per_user_max, access_tokens_per_user_max, password_reset_links_per_user_max).
std::vector<Session> DynamoDbSessionCommands::sessions_of(std::string_view user_id,
                                                          RetryBudget& budget) {
    std::vector<std::string> token_hashes;
    reads_.for_each_page_item(
        "Query",
        json::object{{"TableName", tables_.sessions},
                     {"IndexName", "UserIdIndex"},
                     {"KeyConditionExpression", "user_id = :user"},
                     {"ExpressionAttributeValues", json::object{{":user", string_value(user_id)}}}},
        [&](const json::object& item) {
            token_hashes.push_back(text_of(item, "token_hash"));
            return true;
        },
        budget);
    std::vector<Session> sessions;
    for (const std::string& token_hash : token_hashes) {
        auto item =
            reads_.get_item(tables_.sessions, {{"token_hash", string_value(token_hash)}}, budget);
        if (item) sessions.push_back(read_session(*item));  // absent: ended meanwhile
    }
    return sessions;
}

void DynamoDbSessionCommands::delete_sessions(const std::vector<std::string>& token_hashes,
                                              RetryBudget& budget) {
    for (const std::string& token_hash : token_hashes) {
        client_.call("DeleteItem",
                     json::object{{"TableName", tables_.sessions},
                                  {"Key", json::object{{"token_hash", string_value(token_hash)}}}},
                     budget);
    }
}

WriteResult DynamoDbSessionCommands::apply(const RevokeSession& command, RetryBudget& budget) {
    const EndSessionsPlan plan = plan_revoke_session(sessions_of(command.user_id, budget), command);
    if (plan.status == WriteStatus::ok) delete_sessions(plan.ended_token_hashes, budget);
    return with_status(plan.status);
}

WriteResult DynamoDbSessionCommands::apply(const RevokeOtherSessions& command,
                                           RetryBudget& budget) {
    const EndSessionsPlan plan =
        plan_revoke_other_sessions(sessions_of(command.user_id, budget), command);
    if (plan.status == WriteStatus::ok) delete_sessions(plan.ended_token_hashes, budget);
    return with_status(plan.status);
}

// The flag first, then the sessions: a request that reads a session in between finds its
// person disabled and is refused (AuthService::authenticate checks the flag).
WriteResult DynamoDbSessionCommands::apply(const SetUserDisabled& command, RetryBudget& budget) {
    const auto stored = reads_.user(command.user_id, budget);
    const SetUserDisabledPlan plan = plan_set_user_disabled(
        stored ? std::optional(stored->user) : std::nullopt,
        stored ? sessions_of(command.user_id, budget) : std::vector<Session>{}, command);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    try {
        client_.call(
            "UpdateItem",
            json::object{{"TableName", tables_.users},
                         {"Key", json::object{{"user_id", string_value(command.user_id)}}},
                         {"UpdateExpression", "SET disabled = :disabled"},
                         {"ConditionExpression", "attribute_exists(user_id)"},
                         {"ExpressionAttributeValues",
                          json::object{{":disabled", number_value(plan.user.disabled ? 1 : 0)}}}},
            budget);
    } catch (const DynamoDbError& error) {
        if (!error.is_conditional_check_failed()) throw;
        return with_status(WriteStatus::user_not_found);
    }
    delete_sessions(plan.ended_token_hashes, budget);
    WriteResult result;
    result.user = plan.user;
    return result;
}

WriteResult DynamoDbSessionCommands::apply(const ResetPassword& command, RetryBudget& budget) {
    auto link_item = reads_.get_item(tables_.sessions,
                                     {{"token_hash", string_value(command.token_hash)}}, budget);
    const std::optional<Session> link =
        link_item ? std::optional(read_session(*link_item)) : std::nullopt;
    const auto stored = link ? reads_.user(link->user_id, budget) : std::nullopt;
    const ResetPasswordPlan plan = plan_reset_password(
        link, stored ? std::optional(stored->user) : std::nullopt,
        stored ? sessions_of(link->user_id, budget) : std::vector<Session>{}, command);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    json::array items;
    items.push_back(dynamodb_writes::update(
        tables_.users, {{"user_id", string_value(plan.user.user_id)}},
        "SET password_hash = :hash, failed_logins = :failed, locked_until = :until",
        "attribute_exists(user_id)", {},
        {{":hash", string_value(plan.user.password_hash)},
         {":failed", number_value(plan.user.failed_logins)},
         {":until", number_value(to_micros(plan.user.locked_until))}}));
    items.push_back(dynamodb_writes::remove(tables_.sessions,
                                            {{"token_hash", string_value(command.token_hash)}},
                                            "attribute_exists(token_hash)"));
    try {
        dynamodb_writes::transact(client_, std::move(items), budget);
    } catch (const DynamoDbError& error) {
        // The link was spent (or the person removed) since it was read.
        if (!error.is_transaction_canceled() || error.failed_condition_index() < 0) throw;
        return with_status(WriteStatus::reset_link_invalid);
    }
    std::vector<std::string> others = plan.ended_token_hashes;
    std::erase(others, command.token_hash);
    delete_sessions(others, budget);
    WriteResult result;
    result.user = plan.user;
    return result;
}

}  // namespace bank
