#include "storage/dynamodb/dynamodb_user_commands.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "core/limits.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

namespace {

WriteResult with_status(WriteStatus status) {
    WriteResult result;
    result.status = status;
    return result;
}

WriteResult with_user(std::optional<User> user) {
    WriteResult result = with_status(user ? WriteStatus::ok : WriteStatus::user_not_found);
    result.user = std::move(user);
    return result;
}

}  // namespace

std::optional<User> DynamoDbUserCommands::update_user(const std::string& user_id,
                                                      std::string_view expression,
                                                      std::string_view condition,
                                                      json::object values, RetryBudget& budget) {
    json::object request{{"TableName", tables_.users},
                         {"Key", json::object{{"user_id", string_value(user_id)}}},
                         {"UpdateExpression", expression},
                         {"ConditionExpression", condition},
                         {"ReturnValues", "ALL_NEW"}};
    if (!values.empty()) request["ExpressionAttributeValues"] = std::move(values);
    try {
        json::object answer = client_.call("UpdateItem", request, budget);
        return read_user(answer.at("Attributes").as_object());
    } catch (const DynamoDbError& error) {
        if (error.is_conditional_check_failed()) return std::nullopt;
        throw;
    }
}

WriteResult DynamoDbUserCommands::apply(const CreateUser& command, RetryBudget& budget) {
    const User& user = command.user;
    json::array items;
    items.push_back(
        dynamodb_writes::put(tables_.users, user_item(user), "attribute_not_exists(user_id)"));
    items.push_back(
        dynamodb_writes::put(tables_.unique_keys,
                             {{"unique_key", string_value(DynamoDbReads::email_key(user.email))},
                              {"owner_id", string_value(user.user_id)}},
                             "attribute_not_exists(unique_key)"));
    for (;;) {
        try {
            dynamodb_writes::transact(client_, items, budget);
            WriteResult result;
            result.user = user;
            return result;
        } catch (const DynamoDbError& error) {
            if (!error.is_transaction_canceled()) throw;
            if (error.failed_condition_index() == 1) return with_status(WriteStatus::email_taken);
            // A taken user id is a programming error, not the person's: report it as one.
            if (error.failed_condition_index() == 0) throw;
            if (!budget.retry()) return with_status(WriteStatus::unavailable);
        }
    }
}

// One failure more; at the limit the user is locked and the count starts again. Below the
// threshold an ADD under a condition counts atomically; at it, a SET under the opposite
// condition locks, so concurrent failures neither get lost nor lock twice.
WriteResult DynamoDbUserCommands::apply(const RecordLoginFailure& command, RetryBudget& budget) {
    const int threshold = std::max(command.attempts_max - 1, 0);
    for (;;) {
        auto counted = update_user(
            command.user_id, "ADD failed_logins :one",
            "attribute_exists(user_id) AND failed_logins < :threshold",
            {{":one", number_value(1)}, {":threshold", number_value(threshold)}}, budget);
        if (counted) return with_user(std::move(counted));
        if (!reads_.user(command.user_id, budget)) return with_status(WriteStatus::user_not_found);
        auto locked =
            update_user(command.user_id, "SET failed_logins = :zero, locked_until = :until",
                        "failed_logins >= :threshold",
                        {{":zero", number_value(0)},
                         {":until", number_value(to_micros(command.lock_until))},
                         {":threshold", number_value(threshold)}},
                        budget);
        if (locked) return with_user(std::move(locked));
        if (!budget.retry()) return with_status(WriteStatus::unavailable);
    }
}

WriteResult DynamoDbUserCommands::apply(const RecordLoginSuccess& command, RetryBudget& budget) {
    return with_user(update_user(command.user_id, "SET failed_logins = :zero, locked_until = :zero",
                                 "attribute_exists(user_id)", {{":zero", number_value(0)}},
                                 budget));
}

WriteResult DynamoDbUserCommands::apply(const UpdateProfile& command, RetryBudget& budget) {
    return with_user(update_user(
        command.user_id, "SET full_name = :name, phone = :phone", "attribute_exists(user_id)",
        {{":name", string_value(command.full_name)}, {":phone", string_value(command.phone)}},
        budget));
}

WriteResult DynamoDbUserCommands::apply(const ChangePassword& command, RetryBudget& budget) {
    auto user =
        update_user(command.user_id, "SET password_hash = :hash", "attribute_exists(user_id)",
                    {{":hash", string_value(command.password_hash)}}, budget);
    if (!user) return with_status(WriteStatus::user_not_found);
    delete_sessions_of(command.user_id, command.keep_token_hash, budget);
    return with_status(WriteStatus::ok);
}

WriteResult DynamoDbUserCommands::apply(const AppendAuditEvent& command, RetryBudget& budget) {
    const AuditEvent& event = command.event;
    if (!reads_.user(event.user_id, budget)) return with_status(WriteStatus::user_not_found);
    const auto expires = std::chrono::duration_cast<std::chrono::seconds>(
        (event.at + limits::audit_event_retention).time_since_epoch());
    // An event id that exists already is a programming error (ids are unique): the
    // condition fails and the command answers unavailable.
    client_.call("PutItem",
                 json::object{{"TableName", tables_.audit_events},
                              {"Item", audit_event_item(event, expires.count())},
                              {"ConditionExpression", "attribute_not_exists(event_key)"}},
                 budget);
    return with_status(WriteStatus::ok);
}

WriteResult DynamoDbUserCommands::apply(const CreateSession& command, RetryBudget& budget) {
    const Session& session = command.session;
    if (!reads_.user(session.user_id, budget)) return with_status(WriteStatus::user_not_found);
    // A token hash that exists already is a programming error (tokens are random): the
    // condition fails and the command answers unavailable.
    client_.call("PutItem",
                 json::object{{"TableName", tables_.sessions},
                              {"Item", session_item(session)},
                              {"ConditionExpression", "attribute_not_exists(token_hash)"}},
                 budget);
    if (command.sessions_max > 0) trim_sessions(session, command.sessions_max, budget);
    return with_status(WriteStatus::ok);
}

WriteResult DynamoDbUserCommands::apply(const TouchSession& command, RetryBudget& budget) {
    try {
        client_.call(
            "UpdateItem",
            json::object{{"TableName", tables_.sessions},
                         {"Key", json::object{{"token_hash", string_value(command.token_hash)}}},
                         {"UpdateExpression", "SET last_seen = :seen"},
                         // A session deleted meanwhile stays deleted.
                         {"ConditionExpression", "attribute_exists(token_hash)"},
                         {"ExpressionAttributeValues",
                          json::object{{":seen", number_value(to_micros(command.last_seen))}}}},
            budget);
    } catch (const DynamoDbError& error) {
        if (!error.is_conditional_check_failed()) throw;
    }
    return with_status(WriteStatus::ok);
}

WriteResult DynamoDbUserCommands::apply(const DeleteSession& command, RetryBudget& budget) {
    client_.call(
        "DeleteItem",
        json::object{{"TableName", tables_.sessions},
                     {"Key", json::object{{"token_hash", string_value(command.token_hash)}}}},
        budget);
    return with_status(WriteStatus::ok);
}

std::vector<Session> DynamoDbUserCommands::sessions_of(const std::string& user_id,
                                                       RetryBudget& budget) {
    std::vector<Session> sessions;
    reads_.for_each_page_item(
        "Query",
        json::object{{"TableName", tables_.sessions},
                     {"IndexName", "UserIdIndex"},
                     {"KeyConditionExpression", "user_id = :user"},
                     {"ExpressionAttributeValues", json::object{{":user", string_value(user_id)}}}},
        [&](const json::object& item) {
            sessions.push_back(read_session(item));
            return true;
        },
        budget);
    return sessions;
}

// Keeps the newest `sessions_max` sessions of the user (the one just made always among
// them). The index may lag a moment behind, so a session made at the same instant
// elsewhere can outlive this trim until the next one.
void DynamoDbUserCommands::trim_sessions(const Session& kept, std::size_t sessions_max,
                                         RetryBudget& budget) {
    std::vector<Session> sessions = sessions_of(kept.user_id, budget);
    std::erase_if(sessions, [&](const Session& s) { return s.token_hash == kept.token_hash; });
    if (sessions.size() + 1 <= sessions_max) return;
    std::sort(sessions.begin(), sessions.end(), [](const Session& left, const Session& right) {
        if (left.created_at != right.created_at) return left.created_at > right.created_at;
        return left.token_hash > right.token_hash;
    });
    for (std::size_t index = sessions_max - 1; index < sessions.size(); ++index) {
        DeleteSession drop{sessions[index].token_hash};
        apply(drop, budget);
    }
}

void DynamoDbUserCommands::delete_sessions_of(const std::string& user_id,
                                              const std::string& keep_token_hash,
                                              RetryBudget& budget) {
    for (const Session& session : sessions_of(user_id, budget)) {
        if (session.token_hash != keep_token_hash) apply(DeleteSession{session.token_hash}, budget);
    }
}

}  // namespace bank
