#include "storage/dynamodb/dynamodb_session_commands.hpp"

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "ledger/session_plans.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_until_decided.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

// Every session a command can end, and the person's own item, fit in one TransactWriteItems.
static_assert(limits::sessions_per_user_max + limits::access_tokens_per_user_max +
                      limits::password_reset_links_per_user_max + 2 <=
                  100,
              "a person's sessions no longer fit in one TransactWriteItems (100 items)");

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

json::array DynamoDbSessionCommands::ended_session_items(
    const std::vector<std::string>& token_hashes) const {
    json::array items;
    for (const std::string& token_hash : token_hashes) {
        // Guards what the planner read: a session ended meanwhile cancels the transaction.
        items.push_back(dynamodb_writes::remove(tables_.sessions,
                                                {{"token_hash", string_value(token_hash)}},
                                                "attribute_exists(token_hash)"));
    }
    return items;
}

bool DynamoDbSessionCommands::applied(json::array items, RetryBudget& budget) {
    if (items.empty()) return true;
    try {
        dynamodb_writes::transact(client_, std::move(items), budget);
        return true;
    } catch (const DynamoDbError& error) {
        if (!error.is_transaction_canceled()) throw;
        return false;  // another writer changed what was read: read and plan again
    }
}

std::optional<WriteResult> DynamoDbSessionCommands::end_sessions(const EndSessionsPlan& plan,
                                                                 RetryBudget& budget) {
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    if (!applied(ended_session_items(plan.ended_token_hashes), budget)) return std::nullopt;
    return with_status(WriteStatus::ok);
}

WriteResult DynamoDbSessionCommands::apply(const RevokeSession& command, RetryBudget& budget) {
    return until_decided(budget, [&] {
        return end_sessions(plan_revoke_session(sessions_of(command.user_id, budget), command),
                            budget);
    });
}

WriteResult DynamoDbSessionCommands::apply(const RevokeOtherSessions& command,
                                           RetryBudget& budget) {
    return until_decided(budget, [&] {
        return end_sessions(
            plan_revoke_other_sessions(sessions_of(command.user_id, budget), command), budget);
    });
}

// The flag and the end of every session in one transaction: no request sees the person
// enabled without their sessions or disabled with them.
WriteResult DynamoDbSessionCommands::apply(const SetUserDisabled& command, RetryBudget& budget) {
    return until_decided(budget, [&]() -> std::optional<WriteResult> {
        const auto stored = reads_.user(command.user_id, budget);
        const SetUserDisabledPlan plan = plan_set_user_disabled(
            stored ? std::optional(stored->user) : std::nullopt,
            stored ? sessions_of(command.user_id, budget) : std::vector<Session>{}, command);
        if (plan.status != WriteStatus::ok) return with_status(plan.status);
        json::array items = ended_session_items(plan.ended_token_hashes);
        items.push_back(dynamodb_writes::update(
            tables_.users, {{"user_id", string_value(command.user_id)}},
            "SET disabled = :disabled, disabled_queue = :queue", "attribute_exists(user_id)", {},
            {{":disabled", number_value(plan.user.disabled ? 1 : 0)},
             {":queue", string_value(plan.user.disabled ? "disabled" : "enabled")}}));
        if (!applied(std::move(items), budget)) return std::nullopt;
        WriteResult result;
        result.user = plan.user;
        return result;
    });
}

// The new password, the spent link and every other session in one transaction, the link
// guarded by its existence: two uses of one link can never both win, and the second is
// planned again and refused.
WriteResult DynamoDbSessionCommands::apply(const ResetPassword& command, RetryBudget& budget) {
    return until_decided(budget, [&]() -> std::optional<WriteResult> {
        auto link_item = reads_.get_item(
            tables_.sessions, {{"token_hash", string_value(command.token_hash)}}, budget);
        const std::optional<Session> link =
            link_item ? std::optional(read_session(*link_item)) : std::nullopt;
        const auto stored = link ? reads_.user(link->user_id, budget) : std::nullopt;
        const ResetPasswordPlan plan = plan_reset_password(
            link, stored ? std::optional(stored->user) : std::nullopt,
            stored ? sessions_of(link->user_id, budget) : std::vector<Session>{}, command);
        if (plan.status != WriteStatus::ok) return with_status(plan.status);
        json::array items = ended_session_items(plan.ended_token_hashes);
        items.push_back(dynamodb_writes::update(
            tables_.users, {{"user_id", string_value(plan.user.user_id)}},
            "SET password_hash = :hash, failed_logins = :failed, locked_until = :until",
            "attribute_exists(user_id)", {},
            {{":hash", string_value(plan.user.password_hash)},
             {":failed", number_value(plan.user.failed_logins)},
             {":until", number_value(to_micros(plan.user.locked_until))}}));
        if (!applied(std::move(items), budget)) return std::nullopt;
        WriteResult result;
        result.user = plan.user;
        return result;
    });
}

}  // namespace bank
