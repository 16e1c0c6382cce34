// SqliteLedgerCommands' bulk payments: a PostingBatch is one command of the writer, so the
// whole batch is written in the batch's one transaction and committed (durably) once. Like a
// posting it has no savepoint of its own (SqliteStore::apply_batch): a failure rolls the group
// back and applies it again with a savepoint per command, which takes back the whole batch;
// it is answered `unavailable`, never half-written.
#include <stdexcept>
#include <string>

#include "ledger/idempotency_plan.hpp"
#include "ledger/posting_batch_plan.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_ledger_commands.hpp"
#include "storage/sqlite/sqlite_rows.hpp"

namespace bank {

WriteResult SqliteLedgerCommands::apply(const PostingBatch& command) {
    const Timestamp now = clock_.now();
    if (!command.idempotency_key.empty()) {
        if (auto earlier = find_earlier_batch(command, now)) return std::move(*earlier);
    }
    WriteResult batch;
    apply_batch_items(command, now, batch.items);
    if (command.idempotency_key.empty()) return batch;
    // As for a single posting, a batch that moved nothing is not remembered.
    for (const WriteResult& item : batch.items) {
        if (item.status != WriteStatus::ok) continue;
        remember_record(command.user_id, command.idempotency_key, command.request_fingerprint,
                        encode_batch_outcomes(batch.items), now);
        break;
    }
    return batch;
}

// Plans the items from `start` on against the accounts as this transaction holds them, and
// writes each plan the guard admits. A plan the guard refuses (a defect: its invariants are
// broken) is not written, and the items after it are planned again from the accounts as
// written, so that no later item stands on balances that did not happen.
void SqliteLedgerCommands::apply_batch_items(const PostingBatch& command, Timestamp now,
                                             std::vector<WriteResult>& results) {
    std::size_t start = 0;
    std::vector<Posting> tail;  // the items after a refused plan, copied only then
    while (start < command.items.size()) {
        if (start > 0) {
            tail.assign(command.items.begin() + static_cast<std::ptrdiff_t>(start),
                        command.items.end());
        }
        const std::vector<Posting>& rest = start == 0 ? command.items : tail;
        PostingBatchPlan plan = plan_posting_batch(rest, read_batch_accounts(rest), now);
        std::size_t index = 0;
        for (; index < plan.items.size(); ++index) {
            PostingPlan& item = plan.items[index];
            if (item.status != WriteStatus::ok) {
                results.push_back(with_status(item.status));
                continue;
            }
            const auto status = guard_.admit(item, rest[index]);
            if (status != WriteStatus::ok) {
                results.push_back(with_status(status));
                break;
            }
            results.push_back(write_plan(item));
        }
        start += index + 1;
    }
}

std::vector<Account> SqliteLedgerCommands::read_batch_accounts(const std::vector<Posting>& items) {
    const BatchAccountsNamed named = accounts_named(items);
    std::vector<Account> accounts;
    for (const std::string& account_id : named.account_ids) {
        if (auto account = select_account(connection_, account_id)) accounts.push_back(*account);
    }
    for (const std::string& number : named.account_numbers) {
        if (auto account = select_account_by_number(connection_, number)) {
            accounts.push_back(*account);
        }
    }
    return accounts;
}

// The batch this key was first used for: every item's outcome as first decided, each created
// transfer with its payer's row as written (so a replay answers the same body).
std::optional<WriteResult> SqliteLedgerCommands::find_earlier_batch(const PostingBatch& command,
                                                                    Timestamp now) {
    auto record = connection_.query(
        "SELECT request_fingerprint, transaction_id, created_at FROM idempotency_keys "
        "WHERE user_id = ? AND key = ?");
    record.bind(command.user_id).bind(command.idempotency_key);
    std::optional<RememberedRequest> earlier;
    if (record.step()) earlier = RememberedRequest{record.text(0), from_micros(record.integer(2))};
    switch (plan_idempotent_request(earlier, command.request_fingerprint, now)) {
        case IdempotencyDecision::new_request:
            return std::nullopt;
        case IdempotencyDecision::conflict:
            return with_status(WriteStatus::idempotency_conflict);
        case IdempotencyDecision::replay:
            break;
    }
    const auto outcomes = decode_batch_outcomes(record.text(1));
    // A key first used by a single posting is another request.
    if (!outcomes) return with_status(WriteStatus::idempotency_conflict);
    WriteResult batch = with_status(WriteStatus::duplicate);
    for (const BatchItemOutcome& outcome : *outcomes) {
        if (outcome.status != WriteStatus::ok) {
            batch.items.push_back(with_status(outcome.status));
            continue;
        }
        auto row = select_transaction(connection_, outcome.transaction_id);
        if (!row) {
            throw std::runtime_error("sqlite: idempotency key of user " + command.user_id +
                                     " names missing transaction " + outcome.transaction_id);
        }
        WriteResult item;
        item.transactions.push_back(std::move(*row));
        batch.items.push_back(std::move(item));
    }
    return batch;
}

}  // namespace bank
