#pragma once

#include <string>
#include <vector>

namespace bank {

class DynamoDbClient;

// The tables of the DynamoDB store, named with the configured prefix. The first three and
// their indexes are the original design's; the others hold what that design kept
// elsewhere (sessions, idempotency records, rollups, payee rollups, category rules), the items that
// make emails and account numbers unique, and each person's audit log of security events.
struct DynamoDbTables {
    explicit DynamoDbTables(const std::string& prefix);

    std::string users;                // user_id; GSI EmailIndex (email)
    std::string accounts;             // account_id; GSIs UserIdIndex, AccountNumberIndex
    std::string transactions;         // transaction_id; GSI AccountIdTimestampIndex
    std::string sessions;             // token_hash; GSI UserIdIndex
    std::string idempotency_records;  // user_id + idempotency_key
    std::string rollups;              // account_id + rollup_key
    std::string payee_rollups;        // account_id + payee_key
    std::string category_rules;       // user_id + rule_id
    std::string unique_keys;          // unique_key ("email#...", "account_number#...")
    std::string audit_events;         // user_id + event_key ("<at>#<event_id>"); expiring
    std::string second_factors;       // user_id; one versioned record per person
    std::string passkeys;             // user_id + credential_id (unique_keys "passkey#...")
    std::string standing_orders;      // user_id + item_key ("order#...", "occurrence#...")
    std::string proposals;            // proposal_id: bank operations awaiting a second admin
    std::string budgets;              // user_id + budget_key ("<category>#<month or every>")
    std::string interest_rates;       // scope + item_key ("rate#<type>", "accrual#<account>")
    std::string changes;              // shard + position: the change feed (DynamoDbChangeFeed)
    std::string recurring_decisions;  // user_id + recurrence_key ("<payee>#<interval>")
    std::string goals;                // user_id + goal_id: savings goals
    std::string webhooks;             // user_id + endpoint_id
    std::string webhook_deliveries;   // endpoint_id + delivery_id; sparse GSI DueIndex
    std::string alert_rules;          // user_id + rule_id
    std::string notifications;        // user_id + notification_id; the "#alert-cursor" item
    std::string bank_figures;         // figure_key + item_key: bank-wide counters, sharded

    std::vector<std::string> all() const;

    // `bank setup-dynamodb`: creates every missing table (PAY_PER_REQUEST), waits until
    // each table and index is ACTIVE and turns on expiry of idempotency records and audit
    // events. Tables
    // that exist are left as they are, so a second run changes nothing. Returns one line
    // per table saying what was done; throws DynamoDbError or std::runtime_error (an
    // existing table without an index this design needs, or a timeout).
    std::vector<std::string> create_missing(DynamoDbClient& client) const;
};

}  // namespace bank
