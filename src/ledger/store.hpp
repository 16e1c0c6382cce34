#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// Which of a user's transactions to list, newest first. Paging is by keyset: pass the
// `sequence` of the last row of a page as `before_sequence` to get the next one.
struct TransactionQuery {
    std::string user_id;                  // required: only this user's accounts are searched
    std::string account_id;               // empty: every account of the user
    std::optional<TransactionType> type;
    std::optional<Timestamp> from;        // inclusive
    std::optional<Timestamp> to;          // exclusive
    std::string text;                     // case-insensitive substring of the description
    std::int64_t before_sequence = 0;     // 0: start from the newest
    std::size_t limit = 25;
};

struct MonthlyTotal {
    std::string month;  // "2026-11"
    TransactionType transaction_type = TransactionType::deposit;
    Money total;
    std::int64_t count = 0;
};

// The storage engine behind the ledger. Reads may be called from any thread at once.
// Writes are commands handed to `submit`; `done` runs once the outcome is durable, on a
// thread of the store's choosing, and must not block.
class Store {
public:
    using Completion = std::function<void(WriteResult)>;

    virtual ~Store() = default;

    virtual void submit(WriteCommand command, Completion done) = 0;
    // Stops taking writes, finishes the queued ones and waits until they are durable.
    virtual void shutdown() = 0;

    virtual std::optional<User> find_user(std::string_view user_id) = 0;
    virtual std::optional<User> find_user_by_email(std::string_view email) = 0;
    virtual std::optional<Session> find_session(std::string_view token_hash) = 0;
    virtual std::vector<Account> list_accounts(std::string_view user_id) = 0;
    virtual std::optional<Account> find_account(std::string_view account_id) = 0;
    virtual std::optional<Account> find_account_by_number(std::string_view account_number) = 0;
    virtual std::vector<Transaction> list_transactions(const TransactionQuery& query) = 0;
    // Sums and counts per month and type over the user's accounts (or one of them).
    virtual std::vector<MonthlyTotal> monthly_totals(std::string_view user_id,
                                                     std::string_view account_id) = 0;

    // The user's rollups (or one account's), for months in [from_month, to_month]
    // ("YYYY-MM"; empty means unbounded).
    virtual std::vector<Rollup> list_rollups(std::string_view user_id, std::string_view account_id,
                                             std::string_view from_month,
                                             std::string_view to_month) = 0;
    // A transaction of one of the user's accounts, or nullopt.
    virtual std::optional<Transaction> find_transaction(std::string_view user_id,
                                                        std::string_view transaction_id) = 0;
    virtual std::vector<CategoryRule> list_category_rules(std::string_view user_id) = 0;

    // Whole-store scans for `bank verify`.
    virtual void for_each_account(const std::function<void(const Account&)>& visit) = 0;
    // In insertion order.
    virtual void for_each_transaction(const std::function<void(const Transaction&)>& visit) = 0;
    virtual void for_each_rollup(const std::function<void(const Rollup&)>& visit) = 0;
};

}  // namespace bank
