#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/idempotency_plan.hpp"
#include "ledger/model.hpp"
#include "ledger/store_unavailable.hpp"
#include "ledger/transaction_query.hpp"

namespace bank {

// A person's accounts, postings and category rules, one user (or one account) at a time.
// May be called from any thread at once; a read the backend cannot answer throws
// StoreUnavailable.
class LedgerReads {
public:
    virtual ~LedgerReads() = default;

    virtual std::vector<Account> list_accounts(std::string_view user_id) = 0;
    virtual std::optional<Account> find_account(std::string_view account_id) = 0;
    virtual std::optional<Account> find_account_by_number(std::string_view account_number) = 0;
    virtual std::vector<Transaction> list_transactions(const TransactionQuery& query) = 0;
    // A transaction of one of the user's accounts, or nullopt.
    virtual std::optional<Transaction> find_transaction(std::string_view user_id,
                                                        std::string_view transaction_id) = 0;
    virtual std::vector<CategoryRule> list_category_rules(std::string_view user_id) = 0;
    // What the person's earlier request with this Idempotency-Key was, however old, or
    // nullopt. Read before a step-up: a retry of a posted transfer replays without being
    // asked to approve it again (the writer decides the replay itself, in its transaction).
    virtual std::optional<RememberedRequest> find_remembered_request(
        std::string_view user_id, std::string_view idempotency_key) = 0;
};

}  // namespace bank
