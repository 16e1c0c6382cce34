#include "storage/dynamodb/dynamodb_ledger_commands.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <unordered_map>

#include "core/limits.hpp"
#include "core/random.hpp"
#include "ledger/account_plans.hpp"
#include "ledger/bank_figures.hpp"
#include "ledger/category_plans.hpp"
#include "ledger/idempotency_plan.hpp"
#include "storage/dynamodb/dynamodb_bank_figures.hpp"
#include "storage/dynamodb/dynamodb_change_feed.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_until_decided.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

namespace {

// True when the transaction was cancelled, so that trying again may succeed.
bool cancelled(const DynamoDbError& error) { return error.is_transaction_canceled(); }

json::object account_key(std::string_view account_id) {
    return {{"account_id", string_value(account_id)}};
}

json::object user_key(std::string_view user_id) { return {{"user_id", string_value(user_id)}}; }

json::object balance_update(const std::string& table, const Account& after,
                            const StoredAccount& seen, std::int64_t logical_micros,
                            std::optional<Money> debit, std::string_view active_month = {}) {
    std::string condition = "last_micros = :seen AND #status = :active";
    json::object values{{":seen", number_value(seen.last_micros)},
                        {":active", string_value(to_string(AccountStatus::active))},
                        {":balance", number_value(after.balance.cents())},
                        {":last", number_value(logical_micros)}};
    // Implied by the version check, and stated so the debit can never overdraw.
    if (debit) {
        condition += " AND balance >= :amount";
        values[":amount"] = number_value(debit->cents());
    }
    std::string update = "SET balance = :balance, last_micros = :last";
    if (!active_month.empty()) {
        update += ", active_month = :active_month";
        values[":active_month"] = string_value(active_month);
    }
    return dynamodb_writes::update(table, account_key(after.account_id), update, condition,
                                   {{"#status", "status"}}, std::move(values));
}

}  // namespace

// ---- postings ----

WriteResult DynamoDbLedgerCommands::apply(const Posting& command, RetryBudget& budget) {
    return until_decided(budget, [&] { return try_post(command, budget); });
}

std::optional<WriteResult> DynamoDbLedgerCommands::try_post(const Posting& command,
                                                            RetryBudget& budget) {
    if (!command.idempotency_key.empty()) {
        if (auto earlier = remembered_outcome(command, budget)) return earlier;
    }
    const auto payer = reads_.account(command.account_id, budget);
    std::optional<StoredAccount> payee;
    if (command.kind == PostingKind::transfer) {
        payee = reads_.account_by_number(command.to_account_number, budget);
    }
    const Timestamp now = clock_.now();
    PostingPlan plan = plan_posting(command, payer ? std::optional(payer->account) : std::nullopt,
                                    payee ? std::optional(payee->account) : std::nullopt, now);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);

    std::int64_t floor = payer->last_micros + 1;
    if (payee) floor = std::max(floor, payee->last_micros + 1);
    stamp(plan, next_logical_micros(floor));
    const auto status = guard_.admit(plan, command_ids(command));
    if (status != WriteStatus::ok) return with_status(status);
    const ActivityWrite activity = activity_write(plan, *payer, budget);
    json::array items;
    add_posting_items(items, plan, *payer, payee, command, activity);
    WriteResult result;
    result.account = std::move(plan.payer);
    result.transactions = std::move(plan.rows);
    return transact(std::move(items), budget, std::move(result));
}

std::optional<WriteResult> DynamoDbLedgerCommands::transact(json::array items, RetryBudget& budget,
                                                            WriteResult on_success) {
    try {
        dynamodb_writes::transact(client_, std::move(items), budget);
    } catch (const DynamoDbError& error) {
        if (cancelled(error)) return std::nullopt;
        throw;
    }
    return on_success;
}

// The row and its change feed item, in the same transaction: the feed has every posting
// that committed, and only those.
void DynamoDbLedgerCommands::add_transaction_items(json::array& items, const Transaction& row) {
    json::object stored = transaction_item(row);
    items.push_back(dynamodb_writes::put(tables_.changes, DynamoDbChangeFeed::item(stored, row)));
    items.push_back(dynamodb_writes::put(tables_.transactions, std::move(stored),
                                         "attribute_not_exists(transaction_id)"));
}

std::int64_t DynamoDbLedgerCommands::next_logical_micros(std::int64_t floor_micros) {
    std::int64_t last = last_logical_micros_.load();
    for (;;) {
        const std::int64_t next = std::max({floor_micros, to_micros(clock_.now()), last + 1});
        if (last_logical_micros_.compare_exchange_weak(last, next)) return next;
    }
}

void DynamoDbLedgerCommands::stamp(PostingPlan& plan, std::int64_t logical_micros) {
    restamp(plan, from_micros(logical_micros));
    const auto tie = static_cast<std::int64_t>(random_below(500)) * 2;
    std::int64_t leg = 0;
    for (Transaction& row : plan.rows) {
        row.sequence = logical_micros * sequence_ticks_per_micro + tie + leg;
        ++leg;
    }
}

void DynamoDbLedgerCommands::add_posting_items(json::array& items, const PostingPlan& plan,
                                               const StoredAccount& payer,
                                               const std::optional<StoredAccount>& payee,
                                               const Posting& command,
                                               const ActivityWrite& activity) {
    const std::int64_t logical = to_micros(plan.rows.front().timestamp);
    const bool debit = command.kind != PostingKind::deposit;
    items.push_back(balance_update(tables_.accounts, *plan.payer, payer, logical,
                                   debit ? std::optional(command.amount) : std::nullopt,
                                   activity.account_month));
    if (plan.payee) {
        items.push_back(
            balance_update(tables_.accounts, *plan.payee, *payee, logical, std::nullopt));
    }
    json::array transaction_ids;
    for (const Transaction& row : plan.rows) {
        add_transaction_items(items, row);
        add_payee_rollup_item(items, row);
        transaction_ids.push_back(string_value(row.transaction_id));
    }
    for (const Rollup& change : plan.rollups) add_rollup_item(items, change);
    std::vector<BankFigure> figures = bank_figure_deltas(plan);
    figures.insert(figures.end(), activity.deltas.begin(), activity.deltas.end());
    add_figure_items(items, plan, figures);
    if (activity.marker) items.push_back(*activity.marker);
    if (command.idempotency_key.empty()) return;
    const Timestamp now = clock_.now();
    const auto expires = now + limits::idempotency_window;
    json::object record{{"user_id", string_value(command.user_id)},
                        {"idempotency_key", string_value(command.idempotency_key)},
                        {"request_fingerprint", string_value(command.request_fingerprint)},
                        {"created_at", number_value(to_micros(now))},
                        {"expires_at_seconds", number_value(to_micros(expires) / 1'000'000)},
                        {"account_id", string_value(command.account_id)},
                        {"transaction_ids", json::object{{"L", std::move(transaction_ids)}}}};
    // A record the window no longer counts (plan_idempotent_request) may be replaced.
    items.push_back(dynamodb_writes::put(
        tables_.idempotency_records, std::move(record),
        "attribute_not_exists(user_id) OR created_at <= :window_start", {},
        {{":window_start", number_value(to_micros(idempotency_window_start(now)))}}));
}

// The posting's additions to the bank-wide figures, on the shard its first row's id picks,
// and each outgoing transfer leg among its day's largest: about four items more in the
// posting's own transaction.
void DynamoDbLedgerCommands::add_figure_items(json::array& items, const PostingPlan& plan,
                                              const std::vector<BankFigure>& deltas) {
    DynamoDbBankFigures::add_items(items, tables_.bank_figures, deltas,
                                   plan.rows.front().transaction_id);
    for (const Transaction& row : plan.rows) {
        if (row.transaction_type != TransactionType::transfer_out) continue;
        items.push_back(DynamoDbBankFigures::largest_item(tables_.bank_figures, row));
    }
}

void DynamoDbLedgerCommands::add_rollup_item(json::array& items, const Rollup& change) {
    items.push_back(dynamodb_writes::update(
        tables_.rollups,
        {{"account_id", string_value(change.account_id)},
         {"rollup_key",
          string_value(rollup_key(change.month, change.category, change.transaction_type))}},
        "ADD #total :amount, #count :one SET #month = :month, #category = :category, "
        "#type = :type",
        {},
        {{"#total", "total"},
         {"#count", "count"},
         {"#month", "month"},
         {"#category", "category"},
         {"#type", "transaction_type"}},
        {{":amount", number_value(change.total.cents())},
         {":one", number_value(change.count)},
         {":month", string_value(change.month)},
         {":category", string_value(change.category)},
         {":type", string_value(to_string(change.transaction_type))}}));
}

void DynamoDbLedgerCommands::add_payee_rollup_item(json::array& items, const Transaction& row) {
    if (is_credit(row.transaction_type)) return;
    const std::string month = format_month(row.timestamp);
    items.push_back(dynamodb_writes::update(
        tables_.payee_rollups,
        {{"account_id", string_value(row.account_id)},
         {"payee_key", string_value(payee_key(month, row.description))}},
        "ADD #total :amount, #count :one SET #month = :month, #description = :description", {},
        {{"#total", "total"},
         {"#count", "count"},
         {"#month", "month"},
         {"#description", "description"}},
        {{":amount", number_value(row.amount.cents())},
         {":one", number_value(1)},
         {":month", string_value(month)},
         {":description", string_value(row.description)}}));
}

// The outcome of an earlier request with the same key of the same user within the window:
// `duplicate` with its rows when it was the same request, else `idempotency_conflict`.
std::optional<WriteResult> DynamoDbLedgerCommands::remembered_outcome(const Posting& command,
                                                                      RetryBudget& budget) {
    const auto record = reads_.idempotency_record(command.user_id, command.idempotency_key, budget);
    std::optional<RememberedRequest> earlier;
    if (record) earlier = DynamoDbReads::remembered_request(*record);
    switch (plan_idempotent_request(earlier, command, clock_.now())) {
        case IdempotencyDecision::new_request:
            return std::nullopt;
        case IdempotencyDecision::conflict:
            return with_status(WriteStatus::idempotency_conflict);
        case IdempotencyDecision::replay:
            break;
    }
    std::vector<std::string> ids;
    for (const auto& id : record->at("transaction_ids").at("L").as_array()) {
        ids.emplace_back(id.at("S").as_string());
    }
    const auto rows = reads_.transactions_by_id(ids, budget);
    WriteResult result = with_status(WriteStatus::duplicate);
    for (const std::string& id : ids) {
        if (auto found = rows.find(id); found != rows.end()) {
            result.transactions.push_back(found->second);
        }
    }
    if (auto account = reads_.account(text_of(*record, "account_id"), budget)) {
        result.account = std::move(account->account);
    }
    return result;
}

// ---- accounts ----

WriteResult DynamoDbLedgerCommands::apply(const OpenAccount& command, RetryBudget& budget) {
    return until_decided(budget, [&] { return try_open(command, budget); });
}

std::optional<WriteResult> DynamoDbLedgerCommands::try_open(const OpenAccount& command,
                                                            RetryBudget& budget) {
    const auto user = reads_.user(command.user_id, budget);
    OpenAccountState state;
    state.user_exists = user.has_value();
    if (user)
        state.active_accounts =
            static_cast<std::size_t>(std::max<std::int64_t>(user->active_accounts, 0));
    OpenAccountPlan plan = plan_open_account(state, command, clock_.now());
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    PostingPlan& deposit = plan.opening_deposit;
    std::int64_t last_micros = 0;
    if (deposit.payer) {
        last_micros = next_logical_micros(0);
        stamp(deposit, last_micros);
        const auto status = guard_.admit(deposit, command_ids(command));
        if (status != WriteStatus::ok) return with_status(status);
    }
    json::object stored = account_item(plan.account);
    stored["last_micros"] = number_value(last_micros);
    ActivityWrite activity;
    if (deposit.payer) activity = activity_write(deposit, StoredAccount{plan.account}, budget);
    if (!activity.account_month.empty()) {
        stored["active_month"] = string_value(activity.account_month);
    }

    json::array items;
    items.push_back(dynamodb_writes::update(
        tables_.users, user_key(command.user_id),
        "SET account_ids = list_append(if_not_exists(account_ids, :none), :ids) "
        "ADD active_accounts :one",
        "attribute_exists(user_id) AND active_accounts < :max", {},
        {{":none", json::object{{"L", json::array{}}}},
         {":ids", json::object{{"L", json::array{string_value(plan.account.account_id)}}}},
         {":one", number_value(1)},
         {":max", number_value(static_cast<std::int64_t>(command.accounts_max))}}));
    items.push_back(dynamodb_writes::put(tables_.accounts, std::move(stored),
                                         "attribute_not_exists(account_id)"));
    // The same number drawn twice fails here and is drawn again on the next try.
    items.push_back(dynamodb_writes::put(
        tables_.unique_keys,
        {{"unique_key",
          string_value(DynamoDbReads::account_number_key(plan.account.account_number))},
         {"owner_id", string_value(plan.account.account_id)}},
        "attribute_not_exists(unique_key)"));
    for (const Transaction& row : deposit.rows) add_transaction_items(items, row);
    for (const Rollup& change : deposit.rollups) add_rollup_item(items, change);
    std::vector<BankFigure> figures = account_opening_deltas(plan.account);
    if (deposit.payer) {
        for (BankFigure& delta : bank_figure_deltas(deposit)) figures.push_back(std::move(delta));
    }
    figures.insert(figures.end(), activity.deltas.begin(), activity.deltas.end());
    DynamoDbBankFigures::add_items(items, tables_.bank_figures, figures, plan.account.account_id);
    if (activity.marker) items.push_back(*activity.marker);
    WriteResult result;
    result.account = std::move(plan.account);
    result.transactions = std::move(deposit.rows);
    return transact(std::move(items), budget, std::move(result));
}

WriteResult DynamoDbLedgerCommands::apply(const CloseAccount& command, RetryBudget& budget) {
    return until_decided(budget, [&] { return try_close(command, budget); });
}

std::optional<WriteResult> DynamoDbLedgerCommands::try_close(const CloseAccount& command,
                                                             RetryBudget& budget) {
    const auto stored = reads_.account(command.account_id, budget);
    CloseAccountPlan plan =
        plan_close_account(stored ? std::optional(stored->account) : std::nullopt, command);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    json::array items;
    items.push_back(dynamodb_writes::update(
        tables_.accounts, account_key(plan.account.account_id), "SET #status = :closed",
        "last_micros = :seen AND #status = :active AND balance = :zero", {{"#status", "status"}},
        {{":closed", string_value(to_string(plan.account.status))},
         {":active", string_value(to_string(AccountStatus::active))},
         {":seen", number_value(stored->last_micros)},
         {":zero", number_value(0)}}));
    items.push_back(dynamodb_writes::update(
        tables_.users, user_key(command.user_id), "ADD active_accounts :minus_one",
        "attribute_exists(user_id)", {}, {{":minus_one", number_value(-1)}}));
    WriteResult result;
    result.account = std::move(plan.account);
    return transact(std::move(items), budget, std::move(result));
}

// ---- categories ----

WriteResult DynamoDbLedgerCommands::apply(const Recategorize& command, RetryBudget& budget) {
    return until_decided(budget, [&] { return try_recategorize(command, budget); });
}

std::optional<WriteResult> DynamoDbLedgerCommands::try_recategorize(const Recategorize& command,
                                                                    RetryBudget& budget) {
    const auto row = reads_.transaction(command.transaction_id, budget);
    std::string owner_id;
    if (row) {
        if (auto account = reads_.account(row->account_id, budget)) {
            owner_id = std::move(account->account.user_id);
        }
    }
    RecategorizePlan plan = plan_recategorize(row, owner_id, command);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    const auto status = guard_.admit(changes_of(plan), command_ids(command));
    if (status != WriteStatus::ok) return with_status(status);
    WriteResult result;
    result.transactions.push_back(plan.row);
    if (!plan.changed) return result;
    json::array items;
    items.push_back(dynamodb_writes::update(
        tables_.transactions, {{"transaction_id", string_value(plan.row.transaction_id)}},
        "SET category = :new", "category = :old", {},
        {{":new", string_value(plan.row.category)}, {":old", string_value(row->category)}}));
    for (const Rollup& change : plan.rollups) add_rollup_item(items, change);
    // Every outgoing leg posted since the figures were set up has an item among its day's
    // largest (a rebuild keeps only the top ones; putting a smaller one back is harmless, as
    // the read takes the day's top), so the whole item is put again with the new category.
    if (plan.recategorizes_kept_transfer) {
        items.push_back(DynamoDbBankFigures::largest_item(tables_.bank_figures, plan.row));
    }
    return transact(std::move(items), budget, std::move(result));
}

WriteResult DynamoDbLedgerCommands::apply(const CreateCategoryRule& command, RetryBudget& budget) {
    return until_decided(budget, [&] { return try_create_rule(command, budget); });
}

std::optional<WriteResult> DynamoDbLedgerCommands::try_create_rule(
    const CreateCategoryRule& command, RetryBudget& budget) {
    const auto user = reads_.user(command.rule.user_id, budget);
    const auto rule_count =
        user ? static_cast<std::size_t>(std::max<std::int64_t>(user->rule_count, 0)) : 0;
    const auto status = plan_create_category_rule(user.has_value(), rule_count, command);
    if (status != WriteStatus::ok) return with_status(status);
    json::array items;
    items.push_back(dynamodb_writes::update(
        tables_.users, user_key(command.rule.user_id), "ADD rule_count :one",
        "attribute_exists(user_id) AND (attribute_not_exists(rule_count) OR rule_count < :max)", {},
        {{":one", number_value(1)},
         {":max", number_value(static_cast<std::int64_t>(command.rules_max))}}));
    items.push_back(dynamodb_writes::put(tables_.category_rules, rule_item(command.rule),
                                         "attribute_not_exists(rule_id)"));
    return transact(std::move(items), budget, with_status(WriteStatus::ok));
}

WriteResult DynamoDbLedgerCommands::apply(const DeleteCategoryRule& command, RetryBudget& budget) {
    return until_decided(budget, [&] { return try_delete_rule(command, budget); });
}

std::optional<WriteResult> DynamoDbLedgerCommands::try_delete_rule(
    const DeleteCategoryRule& command, RetryBudget& budget) {
    json::object key{{"user_id", string_value(command.user_id)},
                     {"rule_id", string_value(command.rule_id)}};
    const auto item = reads_.get_item(tables_.category_rules, key, budget);
    const auto status =
        plan_delete_category_rule(item ? std::optional(read_rule(*item)) : std::nullopt);
    if (status != WriteStatus::ok) return with_status(status);
    json::array items;
    items.push_back(dynamodb_writes::remove(tables_.category_rules, std::move(key),
                                            "attribute_exists(rule_id)"));
    items.push_back(dynamodb_writes::update(
        tables_.users, user_key(command.user_id), "ADD rule_count :minus_one",
        "attribute_exists(user_id)", {}, {{":minus_one", number_value(-1)}}));
    return transact(std::move(items), budget, with_status(WriteStatus::ok));
}

}  // namespace bank
