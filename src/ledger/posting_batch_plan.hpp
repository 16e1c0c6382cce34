#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/posting_plan.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// What a bulk payment changes, decided before anything is written: one plan or refusal per
// item, in the items' order.
struct PostingBatchPlan {
    std::vector<PostingPlan> items;
};

// The accounts a batch names, which a store reads before planning it: the paying accounts by
// id and the payees by number, each once, sorted.
struct BatchAccountsNamed {
    std::vector<std::string> account_ids;
    std::vector<std::string> account_numbers;
};
BatchAccountsNamed accounts_named(const std::vector<Posting>& items);

// Plans each item with plan_posting exactly as if it were sent alone, in order: an item sees
// the balances the earlier items of the batch left (its running balances), and a refused
// item changes nothing for the ones after it. `accounts` holds every account the batch names
// that the store has, as it holds it now (an account missing from it is unknown).
PostingBatchPlan plan_posting_batch(const std::vector<Posting>& items,
                                    const std::vector<Account>& accounts, Timestamp now);

// An idempotency record of a batch keeps every item's outcome, so that a replay answers what
// was first decided (a refusal included) without moving money. Its text: "batch:" followed
// by one entry per item separated by ',': the payer's transaction id of a created transfer,
// or "!" and the refusal's status name.
struct BatchItemOutcome {
    WriteStatus status = WriteStatus::ok;
    std::string transaction_id;  // the payer's row, when ok
};
std::string encode_batch_outcomes(const std::vector<WriteResult>& items);
// nullopt when the text is not a batch record (a single posting's transaction id).
std::optional<std::vector<BatchItemOutcome>> decode_batch_outcomes(std::string_view text);

// The status a name of to_string(WriteStatus) stands for.
std::optional<WriteStatus> write_status_named(std::string_view name);

}  // namespace bank
