#include "storage/dynamodb/dynamodb_reads.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <unordered_map>

#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_limits.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

std::string DynamoDbReads::email_key(std::string_view email) { return "email#" + fold_case(email); }

std::string DynamoDbReads::account_number_key(std::string_view account_number) {
    return "account_number#" + std::string(account_number);
}

std::optional<json::object> DynamoDbReads::get_item(const std::string& table, json::object key,
                                                    RetryBudget& budget) {
    json::object answer = client_.call(
        "GetItem",
        json::object{{"TableName", table}, {"Key", std::move(key)}, {"ConsistentRead", true}},
        budget);
    auto* item = answer.if_contains("Item");
    if (item == nullptr || !item->is_object()) return std::nullopt;
    return std::move(item->get_object());
}

std::optional<StoredUser> DynamoDbReads::user(std::string_view user_id, RetryBudget& budget) {
    if (user_id.empty()) return std::nullopt;
    auto item = get_item(tables_.users, {{"user_id", string_value(user_id)}}, budget);
    if (!item) return std::nullopt;
    StoredUser stored;
    stored.user = read_user(*item);
    stored.active_accounts = number_of(*item, "active_accounts");
    stored.rule_count = number_of(*item, "rule_count");
    if (const auto* ids = item->if_contains("account_ids")) {
        for (const auto& id : ids->at("L").as_array()) {
            stored.account_ids.emplace_back(id.at("S").as_string());
        }
    }
    return stored;
}

std::optional<std::string> DynamoDbReads::unique_owner(const std::string& unique_key,
                                                       RetryBudget& budget) {
    auto item = get_item(tables_.unique_keys, {{"unique_key", string_value(unique_key)}}, budget);
    if (!item) return std::nullopt;
    return text_of(*item, "owner_id");
}

std::optional<StoredAccount> DynamoDbReads::account(std::string_view account_id,
                                                    RetryBudget& budget) {
    if (account_id.empty()) return std::nullopt;
    auto item = get_item(tables_.accounts, {{"account_id", string_value(account_id)}}, budget);
    if (!item) return std::nullopt;
    return StoredAccount{read_account(*item), number_of(*item, "last_micros"),
                         text_of(*item, "active_month")};
}

std::optional<StoredAccount> DynamoDbReads::account_by_number(std::string_view account_number,
                                                              RetryBudget& budget) {
    if (account_number.empty()) return std::nullopt;
    const auto owner = unique_owner(account_number_key(account_number), budget);
    if (!owner) return std::nullopt;
    return account(*owner, budget);
}

std::optional<Transaction> DynamoDbReads::transaction(std::string_view transaction_id,
                                                      RetryBudget& budget) {
    if (transaction_id.empty()) return std::nullopt;
    auto item =
        get_item(tables_.transactions, {{"transaction_id", string_value(transaction_id)}}, budget);
    if (!item) return std::nullopt;
    return read_transaction(*item);
}

std::vector<json::object> DynamoDbReads::batch_get(const std::string& table,
                                                   const std::string& key_name,
                                                   const std::vector<std::string>& ids,
                                                   RetryBudget& budget) {
    std::vector<json::object> items;
    std::vector<std::string> pending = ids;
    while (!pending.empty()) {
        const std::size_t count = std::min(pending.size(), dynamodb_limits::batch_get_items_max);
        json::array keys;
        for (std::size_t index = 0; index < count; ++index) {
            keys.push_back(json::object{{key_name, string_value(pending[index])}});
        }
        pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(count));
        json::object request{
            {"RequestItems", json::object{{table, json::object{{"Keys", std::move(keys)},
                                                               {"ConsistentRead", true}}}}}};
        json::object answer = client_.call("BatchGetItem", request, budget);
        for (auto& item : answer.at("Responses").at(table).as_array()) {
            items.push_back(std::move(item.as_object()));
        }
        // Keys the service did not get to this time come back as UnprocessedKeys.
        if (const auto* unprocessed = answer.if_contains("UnprocessedKeys");
            unprocessed != nullptr && unprocessed->as_object().contains(table)) {
            for (const auto& key : unprocessed->at(table).at("Keys").as_array()) {
                pending.push_back(text_of(key.as_object(), key_name));
            }
            if (!budget.retry())
                throw DynamoDbError("RetryBudgetSpent", "BatchGetItem: keys left unprocessed", 0);
        }
    }
    return items;
}

std::unordered_map<std::string, Transaction> DynamoDbReads::transactions_by_id(
    const std::vector<std::string>& ids, RetryBudget& budget) {
    std::unordered_map<std::string, Transaction> rows;
    for (const auto& item : batch_get(tables_.transactions, "transaction_id", ids, budget)) {
        Transaction row = read_transaction(item);
        rows.emplace(row.transaction_id, std::move(row));
    }
    return rows;
}

std::optional<json::object> DynamoDbReads::idempotency_record(std::string_view user_id,
                                                              std::string_view idempotency_key,
                                                              RetryBudget& budget) {
    return get_item(
        tables_.idempotency_records,
        {{"user_id", string_value(user_id)}, {"idempotency_key", string_value(idempotency_key)}},
        budget);
}

RememberedRequest DynamoDbReads::remembered_request(const json::object& record) {
    return RememberedRequest{text_of(record, "request_fingerprint"),
                             from_micros(number_of(record, "created_at"))};
}

std::vector<Account> DynamoDbReads::accounts_of(std::string_view user_id, RetryBudget& budget) {
    const auto stored = user(user_id, budget);
    if (!stored || stored->account_ids.empty()) return {};
    std::unordered_map<std::string, Account> by_id;
    for (const auto& item :
         batch_get(tables_.accounts, "account_id", stored->account_ids, budget)) {
        Account account = read_account(item);
        by_id.emplace(account.account_id, std::move(account));
    }
    std::vector<Account> accounts;
    for (const std::string& id : stored->account_ids) {
        if (auto found = by_id.find(id); found != by_id.end()) accounts.push_back(found->second);
    }
    return accounts;
}

void DynamoDbReads::for_each_page_item(std::string_view operation, json::object request,
                                       const std::function<bool(const json::object&)>& visit,
                                       RetryBudget& budget) {
    for (;;) {
        const json::object answer = client_.call(operation, request, budget);
        for (const auto& item : answer.at("Items").as_array()) {
            if (!visit(item.as_object())) return;
        }
        const auto* last = answer.if_contains("LastEvaluatedKey");
        if (last == nullptr || !last->is_object() || last->get_object().empty()) return;
        request["ExclusiveStartKey"] = *last;
    }
}

}  // namespace bank
