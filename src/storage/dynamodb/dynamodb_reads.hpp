#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ledger/idempotency_plan.hpp"
#include "ledger/model.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"
#include "storage/dynamodb/retry_budget.hpp"

namespace bank {

class DynamoDbClient;

// An account as stored, with the logical time of its last posting: every posting moves it
// forward and is conditioned on it, so it also serves as the account's version.
struct StoredAccount {
    Account account;
    std::int64_t last_micros = 0;
    // The latest UTC month its owner is known to be counted active in (ledger/activity.hpp),
    // set by this account's postings: a posting in that month needs no read of the marker.
    std::string active_month;
};

// The user item's bookkeeping next to the user.
struct StoredUser {
    User user;
    std::vector<std::string> account_ids;  // in the order the accounts were opened
    std::int64_t active_accounts = 0;
    std::int64_t rule_count = 0;
};

// Reads shared by the store and its commands. Every read of one item is a strongly
// consistent GetItem on the base table; only the history (an index query) may lag.
class DynamoDbReads {
public:
    DynamoDbReads(DynamoDbClient& client, const DynamoDbTables& tables)
        : client_(client), tables_(tables) {}

    std::optional<boost::json::object> get_item(const std::string& table, boost::json::object key,
                                                RetryBudget& budget);
    std::optional<StoredUser> user(std::string_view user_id, RetryBudget& budget);
    // The owner of a unique key ("email#...", "account_number#..."), or nullopt.
    std::optional<std::string> unique_owner(const std::string& unique_key, RetryBudget& budget);
    std::optional<StoredAccount> account(std::string_view account_id, RetryBudget& budget);
    std::optional<StoredAccount> account_by_number(std::string_view account_number,
                                                   RetryBudget& budget);
    std::optional<Transaction> transaction(std::string_view transaction_id, RetryBudget& budget);
    // The given items of a table with one string key, consistently, in any order.
    std::vector<boost::json::object> batch_get(const std::string& table,
                                               const std::string& key_name,
                                               const std::vector<std::string>& ids,
                                               RetryBudget& budget);
    // The transactions with these ids, by id (one BatchGetItem per 100; a missing id is absent).
    std::unordered_map<std::string, Transaction> transactions_by_id(
        const std::vector<std::string>& ids, RetryBudget& budget);
    // The idempotency record of this person and key (one item, whatever request it remembers:
    // a posting, a batch), or nullopt; `remembered_request` reads what it says of the request.
    std::optional<boost::json::object> idempotency_record(std::string_view user_id,
                                                          std::string_view idempotency_key,
                                                          RetryBudget& budget);
    static RememberedRequest remembered_request(const boost::json::object& record);
    // The user's accounts in the order they were opened.
    std::vector<Account> accounts_of(std::string_view user_id, RetryBudget& budget);
    // Every item of a query or scan, page after page (ExclusiveStartKey).
    void for_each_page_item(std::string_view operation, boost::json::object request,
                            const std::function<bool(const boost::json::object&)>& visit,
                            RetryBudget& budget);

    static std::string email_key(std::string_view email);
    static std::string account_number_key(std::string_view account_number);

private:
    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
};

}  // namespace bank
