#include "storage/dynamodb/dynamodb_user_commands.hpp"

#include <boost/json.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <set>

#include "core/limits.hpp"
#include "ledger/bank_figures.hpp"
#include "ledger/user_plans.hpp"
#include "storage/dynamodb/dynamodb_bank_figures.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_limits.hpp"
#include "storage/dynamodb/dynamodb_new_items.hpp"
#include "storage/dynamodb/dynamodb_until_decided.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

namespace {

// Seconds since the epoch at which DynamoDB's time-to-live removes the event.
std::int64_t expiry_of(const AuditEvent& event) {
    return std::chrono::duration_cast<std::chrono::seconds>(
               (event.at + limits::audit_event_retention).time_since_epoch())
        .count();
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
    // The person counts in the bank-wide figures in the same transaction (after the two
    // conditional items, whose indexes the cancellation reasons name).
    DynamoDbBankFigures::add_items(items, tables_.bank_figures, registration_deltas(user),
                                   user.user_id);
    for (;;) {
        const auto status = plan_create_user(
            reads_.unique_owner(DynamoDbReads::email_key(user.email), budget), user.time_zone);
        if (status != WriteStatus::ok) return with_status(status);
        try {
            dynamodb_writes::transact(client_, items, budget);
            WriteResult result;
            result.user = user;
            return result;
        } catch (const DynamoDbError& error) {
            if (!error.is_transaction_canceled()) throw;
            // A taken user id is a programming error, not the person's: report it as one.
            if (error.failed_condition_index() == 0) throw;
            // The email was registered meanwhile (decided again on the next try), or a
            // conflict.
            if (!budget.retry()) return with_status(WriteStatus::unavailable);
        }
    }
}

// Reads the person, lets `plan` decide, and writes what `values_of` takes from the person
// after the plan, under the condition that the sign-in counters are still as read: two
// failures at once neither get lost nor lock twice, and each decides again on what the
// other wrote.
WriteResult DynamoDbUserCommands::decide_user_change(const std::string& user_id,
                                                     std::string_view expression,
                                                     const UserPlanner& plan,
                                                     const UserValues& values_of,
                                                     RetryBudget& budget) {
    for (;;) {
        const auto stored = reads_.user(user_id, budget);
        UserPlan decided = plan(stored ? std::optional(stored->user) : std::nullopt);
        if (decided.status != WriteStatus::ok) return with_status(decided.status);
        json::object values = values_of(decided.user);
        values[":seen_failed"] = number_value(stored->user.failed_logins);
        values[":seen_until"] = number_value(to_micros(stored->user.locked_until));
        auto updated = update_user(user_id, expression,
                                   "failed_logins = :seen_failed AND locked_until = :seen_until",
                                   std::move(values), budget);
        if (updated) return with_user(std::move(updated));
        if (!budget.retry()) return with_status(WriteStatus::unavailable);
    }
}

namespace {

json::object sign_in_state(const User& after) {
    const bool locked = to_micros(after.locked_until) > 0;
    return {{":failed", number_value(after.failed_logins)},
            {":until", number_value(to_micros(after.locked_until))},
            {":queue", string_value(locked ? "locked" : "open")}};
}

// locked_queue is the key of the users' LockedIndex (dynamodb_tables.cpp).
constexpr std::string_view sign_in_state_update =
    "SET failed_logins = :failed, locked_until = :until, locked_queue = :queue";

}  // namespace

WriteResult DynamoDbUserCommands::apply(const RecordLoginFailure& command, RetryBudget& budget) {
    return decide_user_change(
        command.user_id, sign_in_state_update,
        [&](const std::optional<User>& user) { return plan_login_failure(user, command); },
        sign_in_state, budget);
}

WriteResult DynamoDbUserCommands::apply(const RecordLoginSuccess& command, RetryBudget& budget) {
    return decide_user_change(command.user_id, sign_in_state_update, plan_login_success,
                              sign_in_state, budget);
}

WriteResult DynamoDbUserCommands::apply(const UpdateProfile& command, RetryBudget& budget) {
    return decide_user_change(
        command.user_id, "SET full_name = :name, phone = :phone",
        [&](const std::optional<User>& user) { return plan_update_profile(user, command); },
        [](const User& after) -> json::object {
            return {{":name", string_value(after.full_name)},
                    {":phone", string_value(after.phone)}};
        },
        budget);
}

WriteResult DynamoDbUserCommands::apply(const SetTimeZone& command, RetryBudget& budget) {
    return decide_user_change(
        command.user_id, "SET time_zone = :zone",
        [&](const std::optional<User>& user) { return plan_set_time_zone(user, command); },
        [](const User& after) -> json::object {
            return {{":zone", string_value(after.time_zone)}};
        },
        budget);
}

// The new password and the end of every other session in one transaction.
WriteResult DynamoDbUserCommands::apply(const ChangePassword& command, RetryBudget& budget) {
    return until_decided(budget, [&]() -> std::optional<WriteResult> {
        const auto stored = reads_.user(command.user_id, budget);
        const UserSessionsPlan plan = plan_change_password(
            stored ? std::optional(stored->user) : std::nullopt,
            stored ? sessions_of(command.user_id, budget) : std::vector<Session>{}, command);
        if (plan.status != WriteStatus::ok) return with_status(plan.status);
        json::array items = session_commands_.ended_session_items(plan.ended_token_hashes);
        items.push_back(
            dynamodb_writes::update(tables_.users, {{"user_id", string_value(command.user_id)}},
                                    "SET password_hash = :hash", "attribute_exists(user_id)", {},
                                    {{":hash", string_value(plan.user.password_hash)}}));
        if (!session_commands_.applied(std::move(items), budget)) return std::nullopt;
        return with_status(WriteStatus::ok);
    });
}

WriteResult DynamoDbUserCommands::apply(const AppendAuditEvent& command, RetryBudget& budget) {
    const AuditEvent& event = command.event;
    const auto status = plan_append_audit_event(reads_.user(event.user_id, budget).has_value());
    if (status != WriteStatus::ok) return with_status(status);
    // An event id that exists already is a programming error (ids are unique): the
    // condition fails and the command answers unavailable.
    client_.call("PutItem",
                 json::object{{"TableName", tables_.audit_events},
                              {"Item", audit_event_item(event, expiry_of(event))},
                              {"ConditionExpression", "attribute_not_exists(event_key)"}},
                 budget);
    return with_status(WriteStatus::ok);
}

// Each event is put only where its key (which holds its id) is new, in requests of up to 100
// sent together: a request that fails is sent again, so no event is lost to one failed
// request, and an event found stored (a try applied with its answer lost) is not doubled
// (dynamodb_new_items.hpp). An event still unwritten after the last try answers unavailable.
WriteResult DynamoDbUserCommands::apply(const AppendAuditEvents& command, RetryBudget& budget) {
    std::set<std::string> existing;
    for (std::string& person : people_of(command.events)) {
        if (reads_.user(person, budget)) existing.insert(std::move(person));
    }
    const AuditEventsPlan plan = plan_append_audit_events(command.events, existing);
    WriteResult result;
    result.items.reserve(plan.statuses.size());
    std::vector<std::size_t> sent;
    std::vector<json::object> items;
    for (std::size_t index = 0; index < plan.statuses.size(); ++index) {
        result.items.push_back(with_status(plan.statuses[index]));
        if (plan.statuses[index] != WriteStatus::ok) continue;
        const AuditEvent& event = command.events[index];
        sent.push_back(index);
        items.push_back(dynamodb_writes::put(tables_.audit_events,
                                             audit_event_item(event, expiry_of(event)),
                                             "attribute_not_exists(event_key)"));
    }
    const auto outcomes =
        dynamodb_new_items::put_all(client_, items, dynamodb_limits::new_item_tries_max);
    for (std::size_t position = 0; position < sent.size(); ++position) {
        if (outcomes[position] != dynamodb_new_items::Outcome::lost) continue;
        result.items[sent[position]] = with_status(WriteStatus::unavailable);
    }
    return result;
}

// The new session and the end of the oldest beyond the limit in one transaction. The index
// of sessions by user may lag a moment behind, so a session made at the same instant
// elsewhere can outlive this trim until the next one.
WriteResult DynamoDbUserCommands::apply(const CreateSession& command, RetryBudget& budget) {
    const Session& session = command.session;
    return until_decided(budget, [&]() -> std::optional<WriteResult> {
        const bool user_exists = reads_.user(session.user_id, budget).has_value();
        const CreateSessionPlan plan = plan_create_session(
            user_exists,
            user_exists ? sessions_of(session.user_id, budget) : std::vector<Session>{}, command);
        if (plan.status != WriteStatus::ok) return with_status(plan.status);
        json::array items = session_commands_.ended_session_items(plan.ended_token_hashes);
        // A token hash that exists already is a programming error (tokens are random): the
        // condition keeps failing and the command answers unavailable.
        items.push_back(dynamodb_writes::put(tables_.sessions, session_item(session),
                                             "attribute_not_exists(token_hash)"));
        if (!session_commands_.applied(std::move(items), budget)) return std::nullopt;
        return with_status(WriteStatus::ok);
    });
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
    return session_commands_.sessions_of(user_id, budget);
}

}  // namespace bank
