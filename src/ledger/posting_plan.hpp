#pragma once

#include <optional>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// What a posting changes, decided before anything is written: the accounts after the
// change and the transaction rows to add. A store applies it as one atomic write.
struct PostingPlan {
    WriteStatus status = WriteStatus::ok;
    std::optional<Account> payer;   // the account acted on, after the change
    std::optional<Account> payee;   // a transfer's receiving account, after the change
    std::vector<Transaction> rows;  // the acted-on account's row first
};

// Checks a posting in a fixed order (amount, account, ownership, status, payee, funds,
// overflow) and plans it. `account` and `payee` are as the store holds them now;
// `payee` is ignored unless the posting is a transfer.
PostingPlan plan_posting(const Posting& posting, const std::optional<Account>& account,
                         const std::optional<Account>& payee, Timestamp now);

// The stateless checks alone, for callers that want to refuse early.
WriteStatus check_amount(Money amount);

}  // namespace bank
