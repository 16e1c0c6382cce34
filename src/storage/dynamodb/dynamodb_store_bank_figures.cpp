// DynamoDbStore's bank-wide figures (BankReads, VerificationScans) and their fill from the
// items there are, kept out of dynamodb_store.cpp.
#include <algorithm>
#include <map>
#include <tuple>

#include <boost/json.hpp>

#include "core/bank_figure_limits.hpp"
#include "ledger/bank_figure_tally.hpp"
#include "storage/dynamodb/dynamodb_bank_figures.hpp"
#include "storage/dynamodb/dynamodb_every_item.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

std::vector<BankFigure> DynamoDbStore::read_bank_figures(std::string_view figure,
                                                         const std::vector<std::string>& periods) {
    return DynamoDbBankFigures(client_, tables_).read(figure, periods);
}

std::vector<Transaction> DynamoDbStore::largest_transfers_of(const std::vector<std::string>& days) {
    return DynamoDbBankFigures(client_, tables_).largest_transfers_of(days);
}

std::string DynamoDbStore::largest_transfers_kept_since() {
    return bank::largest_transfers_kept_since(clock_.now());
}

// Queries one partition of a sparse index of the users (keys only) and reads each person it
// names, at most `limit`; true when none was left over.
bool DynamoDbStore::visit_indexed_users(json::object request, std::size_t limit,
                                        const std::function<void(const User&)>& visit) {
    request["TableName"] = tables_.users;
    request["Limit"] = static_cast<std::int64_t>(limit) + 1;
    const json::object answer = client_.call("Query", request);
    RetryBudget budget = client_.new_budget();
    std::size_t visited = 0;
    for (const auto& item : answer.at("Items").as_array()) {
        if (visited == limit) return false;
        const auto stored = reads_.user(text_of(item.as_object(), "user_id"), budget);
        if (!stored) continue;  // removed between the index and the read
        visit(stored->user);
        ++visited;
    }
    return !answer.contains("LastEvaluatedKey") || visited < limit;
}

bool DynamoDbStore::for_each_locked_user(Timestamp now, std::size_t limit,
                                         const std::function<void(const User&)>& visit) {
    json::object request{
        {"IndexName", "LockedIndex"},
        {"KeyConditionExpression", "locked_queue = :locked AND locked_until > :now"},
        {"ExpressionAttributeValues", json::object{{":locked", string_value("locked")},
                                                   {":now", number_value(to_micros(now))}}}};
    return visit_indexed_users(std::move(request), limit, visit);
}

bool DynamoDbStore::for_each_disabled_user(std::size_t limit,
                                           const std::function<void(const User&)>& visit) {
    json::object request{
        {"IndexName", "DisabledIndex"},
        {"KeyConditionExpression", "disabled_queue = :disabled"},
        {"ExpressionAttributeValues", json::object{{":disabled", string_value("disabled")}}}};
    return visit_indexed_users(std::move(request), limit, visit);
}

void DynamoDbStore::for_each_person(const std::function<void(const User&)>& visit) {
    scan(tables_.users, [&](const json::object& item) { visit(read_user(item)); });
}

void DynamoDbStore::for_each_bank_figure(const std::function<void(const BankFigure&)>& visit) {
    DynamoDbBankFigures(client_, tables_).for_each(visit);
}

void DynamoDbStore::for_each_activity_marker(
    const std::function<void(const std::string&, const std::string&)>& visit) {
    DynamoDbBankFigures(client_, tables_).for_each_activity_marker(visit);
}

// The figures made from the people, accounts and postings (BankFigureTally, as `bank verify`
// makes them), each day's largest transfers, and the index keys of the people locked or
// disabled before the users' indexes existed.
std::size_t DynamoDbStore::rebuild_bank_figures() {
    BankFigureTally tally;
    for_each_person([&](const User& user) {
        tally.add_person(user);
        const bool locked = to_micros(user.locked_until) > 0;
        if (!locked && !user.disabled) return;
        json::object values{{":locked", string_value(locked ? "locked" : "open")},
                            {":disabled", string_value(user.disabled ? "disabled" : "enabled")}};
        client_.call("UpdateItem",
                     json::object{{"TableName", tables_.users},
                                  {"Key", json::object{{"user_id", string_value(user.user_id)}}},
                                  {"UpdateExpression",
                                   "SET locked_queue = :locked, disabled_queue = :disabled"},
                                  {"ExpressionAttributeValues", std::move(values)}});
    });
    for_each_account([&](const Account& account) { tally.add_account(account); });
    std::map<std::string, std::vector<Transaction>> largest;
    for_each_transaction([&](const Transaction& row) {
        tally.add_row(row);
        if (row.transaction_type != TransactionType::transfer_out) return;
        std::vector<Transaction>& day = largest[format_date(row.timestamp)];
        day.push_back(row);
        std::sort(day.begin(), day.end(), [](const Transaction& left, const Transaction& right) {
            return left.amount > right.amount;
        });
        if (day.size() > limits::bank_top_transfers_per_day) day.pop_back();
    });
    std::vector<Transaction> transfers;
    for (auto& [day, rows] : largest) transfers.insert(transfers.end(), rows.begin(), rows.end());
    return DynamoDbBankFigures(client_, tables_).rebuild(tally, transfers);
}

}  // namespace bank
