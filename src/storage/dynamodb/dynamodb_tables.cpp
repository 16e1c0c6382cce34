#include "storage/dynamodb/dynamodb_tables.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"

namespace bank {

namespace {

namespace json = boost::json;

// The attribute holding when an idempotency record may be deleted, in epoch seconds
// (what DynamoDB's time-to-live reads).
constexpr const char* expiry_attribute = "expires_at_seconds";

struct KeyPart {
    const char* name;
    const char* type;  // "S" or "N"
};

// What an index copies of each item: the keys only where nothing reads through it (so a
// balance or login-counter update costs no index write), everything for the history, and
// created_at for trimming a user's sessions (so touching a session costs none).
enum class Projection { keys_only, all, created_at };

struct IndexShape {
    const char* name;
    KeyPart hash;
    std::optional<KeyPart> range;
    Projection projection = Projection::keys_only;
};

json::object projection_of(Projection projection) {
    switch (projection) {
        case Projection::all:
            return {{"ProjectionType", "ALL"}};
        case Projection::created_at:
            return {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", json::array{"created_at"}}};
        case Projection::keys_only:
            break;
    }
    return {{"ProjectionType", "KEYS_ONLY"}};
}

struct TableShape {
    std::string name;
    KeyPart hash;
    std::optional<KeyPart> range;
    std::vector<IndexShape> indexes;
};

json::array key_schema(const KeyPart& hash, const std::optional<KeyPart>& range) {
    json::array schema{json::object{{"AttributeName", hash.name}, {"KeyType", "HASH"}}};
    if (range) schema.push_back(json::object{{"AttributeName", range->name}, {"KeyType", "RANGE"}});
    return schema;
}

json::object create_request(const TableShape& table) {
    json::array definitions;
    std::vector<std::string> defined;
    auto define = [&](const KeyPart& part) {
        for (const auto& name : defined) {
            if (name == part.name) return;
        }
        defined.emplace_back(part.name);
        definitions.push_back(
            json::object{{"AttributeName", part.name}, {"AttributeType", part.type}});
    };
    define(table.hash);
    if (table.range) define(*table.range);
    json::array indexes;
    for (const IndexShape& index : table.indexes) {
        define(index.hash);
        if (index.range) define(*index.range);
        indexes.push_back(json::object{{"IndexName", index.name},
                                       {"KeySchema", key_schema(index.hash, index.range)},
                                       {"Projection", projection_of(index.projection)}});
    }
    json::object request{{"TableName", table.name},
                         {"AttributeDefinitions", std::move(definitions)},
                         {"KeySchema", key_schema(table.hash, table.range)},
                         {"BillingMode", "PAY_PER_REQUEST"}};
    if (!indexes.empty()) request["GlobalSecondaryIndexes"] = std::move(indexes);
    return request;
}

// The table's description, or nullopt when it does not exist.
std::optional<json::object> describe(DynamoDbClient& client, const std::string& name) {
    try {
        json::object answer = client.call("DescribeTable", json::object{{"TableName", name}});
        return std::move(answer.at("Table").as_object());
    } catch (const DynamoDbError& error) {
        if (error.type() == "ResourceNotFoundException") return std::nullopt;
        throw;
    }
}

bool is_active(const json::object& table) {
    if (table.at("TableStatus").as_string() != "ACTIVE") return false;
    if (const auto* indexes = table.if_contains("GlobalSecondaryIndexes")) {
        for (const auto& index : indexes->as_array()) {
            if (index.at("IndexStatus").as_string() != "ACTIVE") return false;
        }
    }
    return true;
}

bool has_index(const json::object& table, std::string_view name) {
    if (const auto* indexes = table.if_contains("GlobalSecondaryIndexes")) {
        for (const auto& index : indexes->as_array()) {
            if (index.at("IndexName").as_string() == name) return true;
        }
    }
    return false;
}

// An UpdateTable that adds `index` to an existing table (DynamoDB builds it from the items
// there are, in the background; one index at a time).
json::object add_index_request(const std::string& table, const IndexShape& index) {
    json::array definitions{
        json::object{{"AttributeName", index.hash.name}, {"AttributeType", index.hash.type}}};
    if (index.range) {
        definitions.push_back(json::object{{"AttributeName", index.range->name},
                                           {"AttributeType", index.range->type}});
    }
    json::object create{{"IndexName", index.name},
                        {"KeySchema", key_schema(index.hash, index.range)},
                        {"Projection", projection_of(index.projection)}};
    return json::object{
        {"TableName", table},
        {"AttributeDefinitions", std::move(definitions)},
        {"GlobalSecondaryIndexUpdates", json::array{json::object{{"Create", std::move(create)}}}}};
}

void wait_until_active(DynamoDbClient& client, const std::string& name) {
    const auto deadline = std::chrono::steady_clock::now() + dynamodb_limits::table_active_timeout;
    for (;;) {
        const auto table = describe(client, name);
        if (table && is_active(*table)) return;
        if (std::chrono::steady_clock::now() > deadline) {
            throw std::runtime_error("dynamodb: table " + name + " is not ACTIVE after " +
                                     std::to_string(dynamodb_limits::table_active_timeout.count()) +
                                     " s");
        }
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
}

std::string enable_expiry(DynamoDbClient& client, const std::string& name) {
    const json::object current =
        client.call("DescribeTimeToLive", json::object{{"TableName", name}});
    const auto& description = current.at("TimeToLiveDescription").as_object();
    const auto* status = description.if_contains("TimeToLiveStatus");
    if (status != nullptr &&
        (status->as_string() == "ENABLED" || status->as_string() == "ENABLING")) {
        return "";
    }
    client.call(
        "UpdateTimeToLive",
        json::object{{"TableName", name},
                     {"TimeToLiveSpecification",
                      json::object{{"Enabled", true}, {"AttributeName", expiry_attribute}}}});
    return ", expiry on " + std::string(expiry_attribute);
}

// Creates the table, or adds to the table there is an index a later version added (the
// users' LockedIndex and DisabledIndex); what it did, for the report.
std::string create_or_complete(DynamoDbClient& client, const TableShape& shape) {
    const auto existing = describe(client, shape.name);
    if (!existing) {
        try {
            client.call("CreateTable", create_request(shape));
            return ": created";
        } catch (const DynamoDbError& error) {
            // Another process is creating it at the same moment.
            if (error.type() != "ResourceInUseException") throw;
            return ": exists";
        }
    }
    std::string line = ": exists";
    for (const IndexShape& index : shape.indexes) {
        if (has_index(*existing, index.name)) continue;
        wait_until_active(client, shape.name);
        client.call("UpdateTable", add_index_request(shape.name, index));
        line += std::string(", index ") + index.name + " added";
    }
    return line;
}

}  // namespace

DynamoDbTables::DynamoDbTables(const std::string& prefix)
    : users(prefix + "BankingUsers"),
      accounts(prefix + "BankingAccounts"),
      transactions(prefix + "BankingTransactions"),
      sessions(prefix + "BankingSessions"),
      idempotency_records(prefix + "BankingIdempotencyRecords"),
      rollups(prefix + "BankingRollups"),
      payee_rollups(prefix + "BankingPayeeRollups"),
      category_rules(prefix + "BankingCategoryRules"),
      unique_keys(prefix + "BankingUniqueKeys"),
      audit_events(prefix + "BankingAuditEvents"),
      second_factors(prefix + "BankingSecondFactors"),
      passkeys(prefix + "BankingPasskeys"),
      standing_orders(prefix + "BankingStandingOrders"),
      proposals(prefix + "BankingProposals"),
      budgets(prefix + "BankingBudgets"),
      interest_rates(prefix + "BankingInterestRates"),
      changes(prefix + "BankingChanges"),
      recurring_decisions(prefix + "BankingRecurringDecisions"),
      goals(prefix + "BankingGoals"),
      webhooks(prefix + "BankingWebhooks"),
      webhook_deliveries(prefix + "BankingWebhookDeliveries"),
      alert_rules(prefix + "BankingAlertRules"),
      notifications(prefix + "BankingNotifications"),
      bank_figures(prefix + "BankingBankFigures") {}

std::vector<std::string> DynamoDbTables::all() const {
    return {users,
            accounts,
            transactions,
            sessions,
            idempotency_records,
            rollups,
            payee_rollups,
            category_rules,
            unique_keys,
            audit_events,
            second_factors,
            passkeys,
            standing_orders,
            proposals,
            budgets,
            interest_rates,
            changes,
            recurring_decisions,
            goals,
            webhooks,
            webhook_deliveries,
            alert_rules,
            notifications,
            bank_figures};
}

std::vector<std::string> DynamoDbTables::create_missing(DynamoDbClient& client) const {
    const KeyPart user_id{"user_id", "S"};
    const KeyPart account_id{"account_id", "S"};
    const std::vector<TableShape> shapes = {
        // Sparse: only people who ever signed in carry locked_queue ("locked" while a lock
        // is set, "open" otherwise), only people ever disabled disabled_queue ("disabled",
        // "enabled"); /admin Queries the "locked" and "disabled" partitions, reading no
        // one else (DynamoDbUserCommands, DynamoDbSessionCommands). Keys only: a sign-in that
        // changes neither costs no index write.
        {users,
         user_id,
         std::nullopt,
         {{"EmailIndex", {"email", "S"}, std::nullopt},
          {"LockedIndex", {"locked_queue", "S"}, KeyPart{"locked_until", "N"}},
          {"DisabledIndex", {"disabled_queue", "S"}, std::nullopt}}},
        {accounts,
         account_id,
         std::nullopt,
         {{"UserIdIndex", user_id, std::nullopt},
          {"AccountNumberIndex", {"account_number", "S"}, std::nullopt}}},
        {transactions,
         {"transaction_id", "S"},
         std::nullopt,
         {{"AccountIdTimestampIndex", account_id, KeyPart{"timestamp", "N"}, Projection::all}}},
        {sessions,
         {"token_hash", "S"},
         std::nullopt,
         {{"UserIdIndex", user_id, std::nullopt, Projection::created_at}}},
        {idempotency_records, user_id, KeyPart{"idempotency_key", "S"}, {}},
        {rollups, account_id, KeyPart{"rollup_key", "S"}, {}},
        {payee_rollups, account_id, KeyPart{"payee_key", "S"}, {}},
        {category_rules, user_id, KeyPart{"rule_id", "S"}, {}},
        {unique_keys, {"unique_key", "S"}, std::nullopt, {}},
        {audit_events, user_id, KeyPart{"event_key", "S"}, {}},
        {second_factors, user_id, std::nullopt, {}},
        {passkeys, user_id, KeyPart{"credential_id", "S"}, {}},
        {standing_orders, user_id, KeyPart{"item_key", "S"}, {}},
        {proposals, {"proposal_id", "S"}, std::nullopt, {}},
        {budgets, user_id, KeyPart{"budget_key", "S"}, {}},
        {interest_rates, {"scope", "S"}, KeyPart{"item_key", "S"}, {}},
        {changes, {"shard", "S"}, KeyPart{"position", "S"}, {}},
        {recurring_decisions, user_id, KeyPart{"recurrence_key", "S"}, {}},
        {goals, user_id, KeyPart{"goal_id", "S"}, {}},
        {webhooks, user_id, KeyPart{"endpoint_id", "S"}, {}},
        // Sparse: only pending deliveries carry due_queue (DynamoDbWebhooks).
        {webhook_deliveries,
         {"endpoint_id", "S"},
         KeyPart{"delivery_id", "S"},
         {{"DueIndex", {"due_queue", "S"}, KeyPart{"next_attempt_at", "N"}, Projection::all}}},
        {alert_rules, user_id, KeyPart{"rule_id", "S"}, {}},
        {notifications, user_id, KeyPart{"notification_id", "S"}, {}},
        {bank_figures, {"figure_key", "S"}, KeyPart{"item_key", "S"}, {}},
    };
    std::vector<std::string> report;
    for (const TableShape& shape : shapes) {
        std::string line = shape.name + create_or_complete(client, shape);
        wait_until_active(client, shape.name);
        // bank_figures: only the largest-transfer items carry the attribute; counters and
        // activity markers never expire.
        if (shape.name == idempotency_records || shape.name == audit_events ||
            shape.name == bank_figures) {
            line += enable_expiry(client, shape.name);
        }
        report.push_back(line + ", ACTIVE");
    }
    return report;
}

}  // namespace bank
