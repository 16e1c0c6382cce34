// DynamoDbLedgerCommands' bulk payments. DynamoDB has no transaction of 1,000 postings
// (TransactWriteItems takes 100 items, a transfer needs about nine), so a batch is not
// atomic here: its items are applied in order, each as the single posting it is (its own
// consistent reads, plan_posting, PlanGuard and one TransactWriteItems), which decides
// exactly what plan_posting_batch decides over the balances the earlier items left.
// Exactly once with an Idempotency-Key: each item is posted under a key of its own derived
// from the batch's (the key, a unit separator, the item's index: a person's own keys are
// printable text, so none can equal it) with the batch's fingerprint, in the same
// transaction as the item; once every item is decided, a record under the batch's key keeps
// every item's outcome. A retry after a failure in the middle finds no batch record, posts
// again, and each item already posted answers `duplicate` with its original rows instead of
// moving money twice.
#include <boost/json.hpp>

#include <spdlog/spdlog.h>

#include <unordered_map>

#include "core/limits.hpp"
#include "ledger/idempotency_plan.hpp"
#include "ledger/posting_batch_plan.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_error.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_ledger_commands.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

namespace {

constexpr std::string_view batch_outcomes_attribute = "batch_outcomes";

std::string item_key(const std::string& batch_key, std::size_t index) {
    return batch_key + '\x1f' + std::to_string(index);
}

}  // namespace

WriteResult DynamoDbLedgerCommands::apply(const PostingBatch& command, RetryBudget& budget) {
    if (!command.idempotency_key.empty()) {
        if (auto earlier = remembered_batch(command, budget)) return std::move(*earlier);
    }
    WriteResult batch;
    bool moved = false;
    for (std::size_t index = 0; index < command.items.size(); ++index) {
        Posting item = command.items[index];
        if (!command.idempotency_key.empty()) {
            item.idempotency_key = item_key(command.idempotency_key, index);
            item.request_fingerprint = command.request_fingerprint;
        }
        // Each item has a retry budget of its own, as if it were sent alone.
        RetryBudget item_budget = client_.new_budget();
        WriteResult result;
        try {
            result = apply(item, item_budget);
        } catch (const std::exception& error) {
            spdlog::error("dynamodb store: item {} of a batch failed: {}", index, error.what());
            result = with_status(WriteStatus::unavailable);
        }
        // Posted by an earlier try of this same batch: it is created, once.
        if (result.status == WriteStatus::duplicate) result.status = WriteStatus::ok;
        moved = moved || result.status == WriteStatus::ok;
        batch.items.push_back(std::move(result));
    }
    if (moved && !command.idempotency_key.empty()) remember_batch(command, batch.items, budget);
    return batch;
}

void DynamoDbLedgerCommands::remember_batch(const PostingBatch& command,
                                            const std::vector<WriteResult>& items,
                                            RetryBudget& budget) {
    const Timestamp now = clock_.now();
    const auto expires = now + limits::idempotency_window;
    json::object record{{"user_id", string_value(command.user_id)},
                        {"idempotency_key", string_value(command.idempotency_key)},
                        {"request_fingerprint", string_value(command.request_fingerprint)},
                        {"created_at", number_value(to_micros(now))},
                        {"expires_at_seconds", number_value(to_micros(expires) / 1'000'000)},
                        {batch_outcomes_attribute, string_value(encode_batch_outcomes(items))}};
    json::array writes;
    writes.push_back(dynamodb_writes::put(
        tables_.idempotency_records, std::move(record),
        "attribute_not_exists(user_id) OR created_at <= :window_start", {},
        {{":window_start", number_value(to_micros(idempotency_window_start(now)))}}));
    try {
        dynamodb_writes::transact(client_, std::move(writes), budget);
    } catch (const DynamoDbError& error) {
        // The same batch, sent twice at once, was remembered by the other: its items are
        // the same postings (their own keys), so either record tells the same story.
        if (!error.is_transaction_canceled()) throw;
    }
}

// The batch this key was first used for, as remembered_outcome does for one posting.
std::optional<WriteResult> DynamoDbLedgerCommands::remembered_batch(const PostingBatch& command,
                                                                    RetryBudget& budget) {
    const auto record = reads_.idempotency_record(command.user_id, command.idempotency_key, budget);
    std::optional<RememberedRequest> earlier;
    if (record) earlier = DynamoDbReads::remembered_request(*record);
    switch (plan_idempotent_request(earlier, command.request_fingerprint, clock_.now())) {
        case IdempotencyDecision::new_request:
            return std::nullopt;
        case IdempotencyDecision::conflict:
            return with_status(WriteStatus::idempotency_conflict);
        case IdempotencyDecision::replay:
            break;
    }
    const auto outcomes = decode_batch_outcomes(text_of(*record, batch_outcomes_attribute));
    if (!outcomes) return with_status(WriteStatus::idempotency_conflict);
    std::vector<std::string> ids;
    for (const BatchItemOutcome& outcome : *outcomes) {
        if (outcome.status == WriteStatus::ok) ids.push_back(outcome.transaction_id);
    }
    const auto rows = reads_.transactions_by_id(ids, budget);
    WriteResult batch = with_status(WriteStatus::duplicate);
    for (const BatchItemOutcome& outcome : *outcomes) {
        const auto found = rows.find(outcome.transaction_id);
        if (outcome.status != WriteStatus::ok || found == rows.end()) {
            batch.items.push_back(with_status(
                outcome.status == WriteStatus::ok ? WriteStatus::unavailable : outcome.status));
            continue;
        }
        WriteResult item;
        item.transactions.push_back(found->second);
        batch.items.push_back(std::move(item));
    }
    return batch;
}

}  // namespace bank
