// DynamoDbLedgerCommands' bank operations (freeze, unfreeze, reversal), kept out of
// dynamodb_ledger_commands.cpp. Each reads its planner's state consistently, lets
// ledger/bank_operation_plans.hpp decide, and writes one TransactWriteItems conditioned on
// what it read, deciding again when another writer came first.
#include <boost/json.hpp>

#include <algorithm>

#include "ledger/bank_operation_plans.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_ledger_commands.hpp"
#include "storage/dynamodb/dynamodb_until_decided.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

WriteResult DynamoDbLedgerCommands::apply(const SetAccountFreeze& command, RetryBudget& budget) {
    return until_decided(budget, [&] { return try_freeze(command, budget); });
}

// The freeze moves the account's version (last_micros) on by one microsecond, so a posting
// decided on the account before the freeze fails its condition and is decided again.
std::optional<WriteResult> DynamoDbLedgerCommands::try_freeze(const SetAccountFreeze& command,
                                                              RetryBudget& budget) {
    const auto stored = reads_.account(command.account_id, budget);
    FreezePlan plan =
        plan_set_account_freeze(stored ? std::optional(stored->account) : std::nullopt, command);
    if (plan.status != WriteStatus::ok) return with_status(plan.status);
    const auto& freeze = plan.account.freeze;
    json::array items;
    items.push_back(dynamodb_writes::update(
        tables_.accounts, {{"account_id", string_value(plan.account.account_id)}},
        "SET freeze_mode = :mode, freeze_reason = :reason, last_micros = :next",
        "last_micros = :seen", {},
        {{":mode", string_value(freeze ? to_string(freeze->mode) : "")},
         {":reason", string_value(freeze ? freeze->reason : "")},
         {":seen", number_value(stored->last_micros)},
         {":next", number_value(stored->last_micros + 1)}}));
    WriteResult result;
    result.account = std::move(plan.account);
    return transact(std::move(items), budget, std::move(result));
}

WriteResult DynamoDbLedgerCommands::apply(const ReversePosting& command, RetryBudget& budget) {
    return until_decided(budget, [&] { return try_reverse(command, budget); });
}

// A transfer's other leg: on the counterparty's account at the same instant with the same
// transfer id (AccountIdTimestampIndex), then read consistently from the table.
std::optional<Transaction> DynamoDbLedgerCommands::other_leg(const Transaction& row,
                                                             RetryBudget& budget) {
    const auto counterparty = reads_.account_by_number(row.counterparty_account_number, budget);
    if (!counterparty) return std::nullopt;
    json::object request{{"TableName", tables_.transactions},
                         {"IndexName", "AccountIdTimestampIndex"},
                         {"KeyConditionExpression", "account_id = :account AND #ts = :ts"},
                         {"ExpressionAttributeNames", json::object{{"#ts", "timestamp"}}},
                         {"ExpressionAttributeValues",
                          json::object{{":account", string_value(counterparty->account.account_id)},
                                       {":ts", number_value(to_micros(row.timestamp))}}}};
    std::string leg_id;
    reads_.for_each_page_item(
        "Query", std::move(request),
        [&](const json::object& item) {
            if (text_of(item, "transfer_id") != row.transfer_id ||
                text_of(item, "transaction_id") == row.transaction_id) {
                return true;
            }
            leg_id = text_of(item, "transaction_id");
            return false;
        },
        budget);
    if (leg_id.empty()) return std::nullopt;
    return reads_.transaction(leg_id, budget);
}

std::optional<WriteResult> DynamoDbLedgerCommands::try_reverse(const ReversePosting& command,
                                                               RetryBudget& budget) {
    ReversalState state;
    std::optional<StoredAccount> account;
    std::optional<StoredAccount> other_account;
    state.row = reads_.transaction(command.transaction_id, budget);
    if (state.row) {
        account = reads_.account(state.row->account_id, budget);
        if (account) state.account = account->account;
        if (!state.row->transfer_id.empty()) {
            state.other_leg = other_leg(*state.row, budget);
            if (state.other_leg)
                other_account = reads_.account(state.other_leg->account_id, budget);
            if (other_account) state.other_account = other_account->account;
        }
    }
    ReversalPlan plan = plan_reversal(state, command, clock_.now());
    if (plan.posting.status != WriteStatus::ok) return with_status(plan.posting.status);

    // Which stored account is the plan's payer (money leaves it) and which its payee.
    const bool payer_is_row_account = plan.posting.payer->account_id == state.row->account_id;
    const StoredAccount& payer = payer_is_row_account ? *account : *other_account;
    std::optional<StoredAccount> payee;
    if (plan.posting.payee) payee = payer_is_row_account ? other_account : account;
    std::int64_t floor = payer.last_micros + 1;
    if (payee) floor = std::max(floor, payee->last_micros + 1);
    stamp(plan.posting, next_logical_micros(floor));
    const auto status =
        guard_.admit(plan.posting, "the reversal of transaction " + command.transaction_id);
    if (status != WriteStatus::ok) return with_status(status);

    Posting shape;  // what add_posting_items needs of a posting: its kind and amount
    shape.kind = plan.posting.payee                                      ? PostingKind::transfer
                 : is_credit(plan.posting.rows.front().transaction_type) ? PostingKind::deposit
                                                                         : PostingKind::withdrawal;
    shape.amount = plan.posting.rows.front().amount;
    json::array items;
    add_posting_items(items, plan.posting, payer, payee, shape);
    for (const Transaction& undone : plan.reversed) {
        // Exactly once: a row already naming a reversal fails the condition, and the command
        // reads again and is refused as already reversed.
        items.push_back(dynamodb_writes::update(
            tables_.transactions, {{"transaction_id", string_value(undone.transaction_id)}},
            "SET reversed_by = :by",
            "attribute_exists(transaction_id) AND (attribute_not_exists(reversed_by) OR "
            "reversed_by = :none)",
            {}, {{":by", string_value(undone.reversed_by)}, {":none", string_value("")}}));
    }
    WriteResult result;
    result.account = std::move(plan.posting.payer);
    result.transactions = std::move(plan.posting.rows);
    return transact(std::move(items), budget, std::move(result));
}

}  // namespace bank
