#include "storage/dynamodb/dynamodb_store.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <tuple>

#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_limits.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

namespace {

WriteResult unavailable() {
    WriteResult result;
    result.status = WriteStatus::unavailable;
    return result;
}

void complete(Store::Completion& done, WriteResult result) {
    try {
        done(std::move(result));
    } catch (const std::exception& error) {
        spdlog::error("dynamodb store: a write completion threw: {}", error.what());
    }
}

struct Pending {
    WriteCommand command;
    Store::Completion done;
};

bool is_time_ordered(TransactionSort sort) {
    return sort == TransactionSort::newest || sort == TransactionSort::oldest;
}

// The key condition of one account's history on AccountIdTimestampIndex: the time range
// of the query, narrowed by the keyset cursor when the order is by time. False when the
// range is empty.
bool history_key_condition(const TransactionQuery& query, std::string& condition,
                           json::object& values) {
    condition = "account_id = :account";
    std::optional<std::int64_t> low;
    std::optional<std::int64_t> high;  // inclusive
    if (query.from) low = to_micros(*query.from);
    if (query.to) high = to_micros(*query.to) - 1;
    if (query.before_sequence > 0 && is_time_ordered(query.sort)) {
        const std::int64_t cursor =
            query.before_sequence / DynamoDbLedgerCommands::sequence_ticks_per_micro;
        if (query.sort == TransactionSort::newest) {
            high = high ? std::min(*high, cursor) : cursor;
        } else {
            low = low ? std::max(*low, cursor) : cursor;
        }
    }
    if (low && high && *low > *high) return false;
    if (low && high) {
        condition += " AND #ts BETWEEN :low AND :high";
    } else if (low) {
        condition += " AND #ts >= :low";
    } else if (high) {
        condition += " AND #ts <= :high";
    }
    if (low) values[":low"] = number_value(*low);
    if (high) values[":high"] = number_value(*high);
    return true;
}

std::string history_filter(const TransactionQuery& query, json::object& values) {
    std::vector<std::string> parts;
    if (query.type) {
        parts.emplace_back("transaction_type = :type");
        values[":type"] = string_value(to_string(*query.type));
    }
    if (query.category) {
        parts.emplace_back("category = :category");
        values[":category"] = string_value(*query.category);
    }
    if (query.min_amount) {
        parts.emplace_back("amount >= :min_amount");
        values[":min_amount"] = number_value(query.min_amount->cents());
    }
    if (query.max_amount) {
        parts.emplace_back("amount <= :max_amount");
        values[":max_amount"] = number_value(query.max_amount->cents());
    }
    if (!query.text.empty()) {
        // contains() is a literal substring test: % and _ mean nothing special.
        parts.emplace_back("contains(description_folded, :text)");
        values[":text"] = string_value(fold_case(query.text));
    }
    if (query.before_sequence > 0 && is_time_ordered(query.sort)) {
        parts.emplace_back(query.sort == TransactionSort::newest ? "#seq < :cursor"
                                                                 : "#seq > :cursor");
        values[":cursor"] = number_value(query.before_sequence);
    }
    std::string filter;
    for (const auto& part : parts) filter += (filter.empty() ? "" : " AND ") + part;
    return filter;
}

// True when `left` comes before `right` in the query's order; sequence breaks ties.
bool comes_before(TransactionSort sort, const Transaction& left, const Transaction& right) {
    switch (sort) {
        case TransactionSort::newest:
            return left.sequence > right.sequence;
        case TransactionSort::oldest:
            return left.sequence < right.sequence;
        case TransactionSort::largest:
            return std::tie(left.amount, left.sequence) > std::tie(right.amount, right.sequence);
        case TransactionSort::smallest:
            return std::tie(left.amount, left.sequence) < std::tie(right.amount, right.sequence);
    }
    return false;
}

// Whether a row lies after the keyset cursor of an amount order.
bool after_amount_cursor(const TransactionQuery& query, const Transaction& row) {
    if (query.before_sequence <= 0) return true;
    Transaction cursor;
    cursor.amount = query.cursor_amount;
    cursor.sequence = query.before_sequence;
    return comes_before(query.sort, cursor, row);
}

}  // namespace

DynamoDbStore::DynamoDbStore(DynamoDbConfig config, const Clock& clock)
    : clock_(clock),
      client_(std::move(config)),
      tables_(client_.config().table_prefix),
      reads_(client_, tables_),
      bank_reads_(client_, tables_, reads_),
      user_commands_(client_, tables_, reads_),
      ledger_commands_(client_, tables_, reads_, clock_, plan_guard_),
      writers_(dynamodb_limits::write_threads, dynamodb_limits::write_queue_depth_max) {}

DynamoDbStore::~DynamoDbStore() { shutdown(); }

void DynamoDbStore::submit(WriteCommand command, Completion done) {
    auto pending = std::make_shared<Pending>(Pending{std::move(command), std::move(done)});
    auto job = [this, pending] { complete(pending->done, apply(pending->command)); };
    if (!writers_.post(std::move(job))) complete(pending->done, unavailable());
}

void DynamoDbStore::shutdown() { writers_.shutdown(); }

WriteResult DynamoDbStore::apply(const WriteCommand& command) {
    RetryBudget budget = client_.new_budget();
    try {
        return std::visit(
            [&](const auto& typed) {
                if constexpr (requires { ledger_commands_.apply(typed, budget); }) {
                    return ledger_commands_.apply(typed, budget);
                } else {
                    return user_commands_.apply(typed, budget);
                }
            },
            command);
    } catch (const std::exception& error) {
        // Each command is one atomic write, so a failure leaves nothing half-applied.
        spdlog::error("dynamodb store: write command failed after {} retries: {}", budget.retries(),
                      error.what());
        return unavailable();
    }
}

std::optional<User> DynamoDbStore::find_user(std::string_view user_id) {
    RetryBudget budget = client_.new_budget();
    auto stored = reads_.user(user_id, budget);
    if (!stored) return std::nullopt;
    return std::move(stored->user);
}

std::optional<User> DynamoDbStore::find_user_by_email(std::string_view email) {
    RetryBudget budget = client_.new_budget();
    const auto owner = reads_.unique_owner(DynamoDbReads::email_key(email), budget);
    if (!owner) return std::nullopt;
    auto stored = reads_.user(*owner, budget);
    if (!stored) return std::nullopt;
    return std::move(stored->user);
}

std::optional<Session> DynamoDbStore::find_session(std::string_view token_hash) {
    if (token_hash.empty()) return std::nullopt;
    RetryBudget budget = client_.new_budget();
    auto item =
        reads_.get_item(tables_.sessions, {{"token_hash", string_value(token_hash)}}, budget);
    if (!item) return std::nullopt;
    return read_session(*item);
}

std::vector<Account> DynamoDbStore::list_accounts(std::string_view user_id) {
    RetryBudget budget = client_.new_budget();
    return reads_.accounts_of(user_id, budget);
}

std::optional<Account> DynamoDbStore::find_account(std::string_view account_id) {
    RetryBudget budget = client_.new_budget();
    auto stored = reads_.account(account_id, budget);
    if (!stored) return std::nullopt;
    return std::move(stored->account);
}

std::optional<Account> DynamoDbStore::find_account_by_number(std::string_view account_number) {
    RetryBudget budget = client_.new_budget();
    auto stored = reads_.account_by_number(account_number, budget);
    if (!stored) return std::nullopt;
    return std::move(stored->account);
}

std::vector<std::string> DynamoDbStore::account_ids_for(std::string_view user_id,
                                                        std::string_view account_id,
                                                        RetryBudget& budget) {
    if (!account_id.empty()) {
        const auto account = reads_.account(account_id, budget);
        if (!account || account->account.user_id != user_id) return {};
        return {std::string(account_id)};
    }
    const auto user = reads_.user(user_id, budget);
    return user ? user->account_ids : std::vector<std::string>{};
}

// One account's rows for the query. In time order the index gives them in that order and
// at most query.limit are read; an amount order needs every row of the period (filtered by
// DynamoDB), sorted here.
std::vector<Transaction> DynamoDbStore::account_history(const std::string& account_id,
                                                        const TransactionQuery& query,
                                                        RetryBudget& budget) {
    json::object values{{":account", string_value(account_id)}};
    std::string key_condition;
    if (!history_key_condition(query, key_condition, values)) return {};
    const std::string filter = history_filter(query, values);
    json::object names;
    if (key_condition.find("#ts") != std::string::npos) names["#ts"] = "timestamp";
    if (filter.find("#seq") != std::string::npos) names["#seq"] = "sequence";
    const bool time_ordered = is_time_ordered(query.sort);
    json::object request{{"TableName", tables_.transactions},
                         {"IndexName", "AccountIdTimestampIndex"},
                         {"KeyConditionExpression", key_condition},
                         {"ScanIndexForward", query.sort == TransactionSort::oldest},
                         {"ExpressionAttributeValues", std::move(values)}};
    if (time_ordered) {
        request["Limit"] = static_cast<std::int64_t>(std::max<std::size_t>(query.limit, 10));
    }
    if (!names.empty()) request["ExpressionAttributeNames"] = std::move(names);
    if (!filter.empty()) request["FilterExpression"] = filter;
    std::vector<Transaction> rows;
    reads_.for_each_page_item(
        "Query", std::move(request),
        [&](const json::object& item) {
            Transaction row = read_transaction(item);
            if (!time_ordered && !after_amount_cursor(query, row)) return true;
            rows.push_back(std::move(row));
            return !time_ordered || rows.size() < query.limit;
        },
        budget);
    return rows;
}

// Each account's first matching rows in the query's order, merged: the user's first rows.
// The index may lag a write by a moment; balances never come from here.
std::vector<Transaction> DynamoDbStore::list_transactions(const TransactionQuery& query) {
    if (query.limit == 0) return {};
    RetryBudget budget = client_.new_budget();
    std::vector<Transaction> rows;
    for (const std::string& account_id : account_ids_for(query.user_id, query.account_id, budget)) {
        auto history = account_history(account_id, query, budget);
        rows.insert(rows.end(), std::make_move_iterator(history.begin()),
                    std::make_move_iterator(history.end()));
    }
    std::sort(rows.begin(), rows.end(), [&](const Transaction& left, const Transaction& right) {
        return comes_before(query.sort, left, right);
    });
    if (rows.size() > query.limit) rows.resize(query.limit);
    return rows;
}

std::vector<MonthlyTotal> DynamoDbStore::monthly_totals(std::string_view user_id,
                                                        std::string_view account_id) {
    std::map<std::pair<std::string, std::string_view>, MonthlyTotal> totals;
    for (const Rollup& rollup : list_rollups(user_id, account_id, "", "")) {
        MonthlyTotal& total = totals[{rollup.month, to_string(rollup.transaction_type)}];
        total.month = rollup.month;
        total.transaction_type = rollup.transaction_type;
        total.total = total.total.checked_add(rollup.total).value_or(total.total);
        total.count += rollup.count;
    }
    std::vector<MonthlyTotal> result;
    for (auto& [key, total] : totals) result.push_back(std::move(total));
    return result;
}

void DynamoDbStore::for_each_month_item(const std::string& table, std::string_view sort_key,
                                        std::string_view user_id, std::string_view account_id,
                                        std::string_view from_month, std::string_view to_month,
                                        const std::function<void(const json::object&)>& visit) {
    RetryBudget budget = client_.new_budget();
    // Keys are "MONTH#..." and '$' sorts right after '#', so "MONTH$" bounds a month from
    // above.
    const std::string key(sort_key);
    std::string condition = "account_id = :account";
    json::object bounds;
    if (!from_month.empty()) bounds[":from"] = string_value(from_month);
    if (!to_month.empty()) bounds[":to"] = string_value(std::string(to_month) + "$");
    if (!from_month.empty() && !to_month.empty()) {
        condition += " AND " + key + " BETWEEN :from AND :to";
    } else if (!from_month.empty()) {
        condition += " AND " + key + " >= :from";
    } else if (!to_month.empty()) {
        condition += " AND " + key + " <= :to";
    }
    for (const std::string& id : account_ids_for(user_id, account_id, budget)) {
        json::object values = bounds;
        values[":account"] = string_value(id);
        reads_.for_each_page_item(
            "Query",
            json::object{{"TableName", table},
                         {"KeyConditionExpression", condition},
                         {"ExpressionAttributeValues", std::move(values)},
                         {"ConsistentRead", true}},
            [&](const json::object& item) {
                visit(item);
                return true;
            },
            budget);
    }
}

std::vector<Rollup> DynamoDbStore::list_rollups(std::string_view user_id,
                                                std::string_view account_id,
                                                std::string_view from_month,
                                                std::string_view to_month) {
    std::vector<Rollup> rollups;
    for_each_month_item(tables_.rollups, "rollup_key", user_id, account_id, from_month, to_month,
                        [&](const json::object& item) {
                            Rollup rollup = read_rollup(item);
                            // A recategorisation can take a rollup back to nothing.
                            if (rollup.count != 0) rollups.push_back(std::move(rollup));
                        });
    std::sort(rollups.begin(), rollups.end(), [](const Rollup& left, const Rollup& right) {
        return std::tie(left.month, left.account_id, left.category) <
                   std::tie(right.month, right.account_id, right.category) ||
               (std::tie(left.month, left.account_id, left.category) ==
                    std::tie(right.month, right.account_id, right.category) &&
                to_string(left.transaction_type) < to_string(right.transaction_type));
    });
    return rollups;
}

std::vector<PayeeRollup> DynamoDbStore::list_payee_rollups(std::string_view user_id,
                                                           std::string_view account_id,
                                                           std::string_view from_month,
                                                           std::string_view to_month) {
    std::vector<PayeeRollup> rollups;
    for_each_month_item(
        tables_.payee_rollups, "payee_key", user_id, account_id, from_month, to_month,
        [&](const json::object& item) { rollups.push_back(read_payee_rollup(item)); });
    std::sort(rollups.begin(), rollups.end(),
              [](const PayeeRollup& left, const PayeeRollup& right) {
                  return std::tie(left.month, left.account_id, left.description) <
                         std::tie(right.month, right.account_id, right.description);
              });
    return rollups;
}

std::optional<Transaction> DynamoDbStore::find_transaction(std::string_view user_id,
                                                           std::string_view transaction_id) {
    RetryBudget budget = client_.new_budget();
    auto row = reads_.transaction(transaction_id, budget);
    if (!row) return std::nullopt;
    const auto account = reads_.account(row->account_id, budget);
    if (!account || account->account.user_id != user_id) return std::nullopt;
    return row;
}

std::vector<CategoryRule> DynamoDbStore::list_category_rules(std::string_view user_id) {
    if (user_id.empty()) return {};
    RetryBudget budget = client_.new_budget();
    std::vector<CategoryRule> rules;
    reads_.for_each_page_item(
        "Query",
        json::object{{"TableName", tables_.category_rules},
                     {"KeyConditionExpression", "user_id = :user"},
                     {"ExpressionAttributeValues", json::object{{":user", string_value(user_id)}}},
                     {"ConsistentRead", true}},
        [&](const json::object& item) {
            rules.push_back(read_rule(item));
            return true;
        },
        budget);
    std::sort(rules.begin(), rules.end(), [](const CategoryRule& left, const CategoryRule& right) {
        return std::tie(left.created_at, left.rule_id) < std::tie(right.created_at, right.rule_id);
    });
    return rules;
}

// Newest first straight from the table's sort key ("<at>#<event_id>"), `limit` items read.
std::vector<AuditEvent> DynamoDbStore::list_audit_events(std::string_view user_id,
                                                         std::size_t limit) {
    std::vector<AuditEvent> events;
    if (user_id.empty() || limit == 0) return events;
    RetryBudget budget = client_.new_budget();
    reads_.for_each_page_item(
        "Query",
        json::object{{"TableName", tables_.audit_events},
                     {"KeyConditionExpression", "user_id = :user"},
                     {"ExpressionAttributeValues", json::object{{":user", string_value(user_id)}}},
                     {"ScanIndexForward", false},
                     {"Limit", static_cast<std::int64_t>(limit)},
                     {"ConsistentRead", true}},
        [&](const json::object& item) {
            events.push_back(read_audit_event(item));
            return events.size() < limit;
        },
        budget);
    return events;
}

void DynamoDbStore::scan(const std::string& table,
                         const std::function<void(const json::object&)>& visit) {
    RetryBudget budget = client_.new_budget();
    reads_.for_each_page_item(
        "Scan", json::object{{"TableName", table}, {"ConsistentRead", true}},
        [&](const json::object& item) {
            visit(item);
            return true;
        },
        budget);
}

void DynamoDbStore::for_each_account(const std::function<void(const Account&)>& visit) {
    scan(tables_.accounts, [&](const json::object& item) { visit(read_account(item)); });
}

// A scan has no order; the rows are sorted by sequence, which orders each account's rows
// as their balances changed. They are held in memory meanwhile (`bank verify` only).
void DynamoDbStore::for_each_transaction(const std::function<void(const Transaction&)>& visit) {
    std::vector<Transaction> rows;
    scan(tables_.transactions,
         [&](const json::object& item) { rows.push_back(read_transaction(item)); });
    std::sort(rows.begin(), rows.end(), [](const Transaction& left, const Transaction& right) {
        return left.sequence < right.sequence;
    });
    for (const Transaction& row : rows) visit(row);
}

bool DynamoDbStore::set_role(std::string_view email, Role role) {
    RetryBudget budget = client_.new_budget();
    const auto owner = reads_.unique_owner(DynamoDbReads::email_key(email), budget);
    if (!owner) return false;
    try {
        client_.call("UpdateItem",
                     json::object{{"TableName", tables_.users},
                                  {"Key", json::object{{"user_id", string_value(*owner)}}},
                                  {"UpdateExpression", "SET #role = :role"},
                                  {"ConditionExpression", "attribute_exists(user_id)"},
                                  {"ExpressionAttributeNames", json::object{{"#role", "role"}}},
                                  {"ExpressionAttributeValues",
                                   json::object{{":role", string_value(to_string(role))}}}},
                     budget);
    } catch (const DynamoDbError& error) {
        if (error.is_conditional_check_failed()) return false;
        throw;
    }
    return true;
}

void DynamoDbStore::for_each_rollup(const std::function<void(const Rollup&)>& visit) {
    scan(tables_.rollups, [&](const json::object& item) {
        Rollup rollup = read_rollup(item);
        if (rollup.count != 0) visit(rollup);
    });
}

void DynamoDbStore::for_each_payee_rollup(const std::function<void(const PayeeRollup&)>& visit) {
    scan(tables_.payee_rollups, [&](const json::object& item) { visit(read_payee_rollup(item)); });
}

}  // namespace bank
