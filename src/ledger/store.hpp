#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/report_queries.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// The orders a history can be listed in. Ties (same amount) are broken by `sequence`, so
// every order is total and keyset paging is exact.
enum class TransactionSort {
    newest,    // sequence descending
    oldest,    // sequence ascending
    largest,   // amount descending, then sequence descending
    smallest,  // amount ascending, then sequence ascending
};

inline std::string_view to_string(TransactionSort sort) {
    switch (sort) {
        case TransactionSort::newest:
            return "newest";
        case TransactionSort::oldest:
            return "oldest";
        case TransactionSort::largest:
            return "largest";
        case TransactionSort::smallest:
            return "smallest";
    }
    return "newest";
}

inline std::optional<TransactionSort> parse_transaction_sort(std::string_view text) {
    for (auto sort : {TransactionSort::newest, TransactionSort::oldest, TransactionSort::largest,
                      TransactionSort::smallest}) {
        if (to_string(sort) == text) return sort;
    }
    return std::nullopt;
}

// Which of a user's transactions to list, and in which order. Paging is by keyset: pass the
// last row of a page to `continue_after` to ask for the next one. Every filter below must be
// honoured by every store.
struct TransactionQuery {
    std::string user_id;     // required: only this user's accounts are searched
    std::string account_id;  // empty: every account of the user
    std::optional<TransactionType> type;
    std::optional<std::string> category;  // exact category; nullopt: any
    std::optional<Timestamp> from;        // inclusive
    std::optional<Timestamp> to;          // exclusive
    std::optional<Money> min_amount;      // inclusive
    std::optional<Money> max_amount;      // inclusive
    std::string text;                     // case-insensitive substring of the description
    TransactionSort sort = TransactionSort::newest;
    // The keyset cursor: the (amount, sequence) of the last row already seen, in `sort`'s
    // order. before_sequence 0: start from the first row. The name is kept from when newest
    // first was the only order; for `oldest` and `smallest` the next rows come after it.
    std::int64_t before_sequence = 0;
    Money cursor_amount;  // read only by the amount sorts
    std::size_t limit = 25;

    void continue_after(const Transaction& row) {
        before_sequence = row.sequence;
        cursor_amount = row.amount;
    }
};

struct SessionAndUser {
    Session session;
    User user;
};

struct MonthlyTotal {
    std::string month;  // "2026-11"
    TransactionType transaction_type = TransactionType::deposit;
    Money total;
    std::int64_t count = 0;
};

// Thrown by a store whose backend cannot be reached or keeps refusing (after its own
// retries): the request is answered 503 "try again", never 500.
class StoreUnavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The storage engine behind the ledger. Reads may be called from any thread at once.
// Writes are commands handed to `submit`; `done` runs once the outcome is durable, on a
// thread of the store's choosing, and must not block.
class Store {
public:
    using Completion = std::function<void(WriteResult)>;

    virtual ~Store() = default;

    virtual void submit(WriteCommand command, Completion done) = 0;
    // True when a read may wait on the network (DynamoDB): the server then runs requests
    // that read the store on a pool of its own, never on an I/O thread.
    virtual bool reads_block() const { return false; }
    // Stops taking writes, finishes the queued ones and waits until they are durable.
    virtual void shutdown() = 0;
    // For caches of what a person sees (the dashboard): a number that grows whenever a
    // committed write may have changed anything of `ids` (user and account ids), including
    // writes by other processes. Read it before reading the data it guards, and keep what was
    // read only while it stays the same. nullopt: this store cannot tell (DynamoDB, where
    // other servers write the same tables), so nothing may be cached.
    virtual std::optional<std::uint64_t> data_version(const std::vector<std::string>& ids) {
        static_cast<void>(ids);
        return std::nullopt;
    }

    virtual std::optional<User> find_user(std::string_view user_id) = 0;
    virtual std::optional<User> find_user_by_email(std::string_view email) = 0;
    virtual std::optional<Session> find_session(std::string_view token_hash) = 0;
    // The session and the person it belongs to, as every authenticated request needs them;
    // nullopt when either is missing. The generic implementation reads one, then the other;
    // an engine reads both at once.
    virtual std::optional<SessionAndUser> find_session_and_user(std::string_view token_hash);
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
    // The user's payee rollups (or one account's), for months in [from_month, to_month]
    // ("YYYY-MM"; empty means unbounded).
    virtual std::vector<PayeeRollup> list_payee_rollups(std::string_view user_id,
                                                        std::string_view account_id,
                                                        std::string_view from_month,
                                                        std::string_view to_month) = 0;
    // A transaction of one of the user's accounts, or nullopt.
    virtual std::optional<Transaction> find_transaction(std::string_view user_id,
                                                        std::string_view transaction_id) = 0;
    virtual std::vector<CategoryRule> list_category_rules(std::string_view user_id) = 0;
    // The user's audit log, newest first (ties in time: the larger event_id first), at most
    // `limit` events.
    virtual std::vector<AuditEvent> list_audit_events(std::string_view user_id,
                                                      std::size_t limit) = 0;

    // Whole-store scans for `bank verify`.
    virtual void for_each_account(const std::function<void(const Account&)>& visit) = 0;
    // In insertion order.
    virtual void for_each_transaction(const std::function<void(const Transaction&)>& visit) = 0;
    virtual void for_each_rollup(const std::function<void(const Rollup&)>& visit) = 0;
    virtual void for_each_payee_rollup(const std::function<void(const PayeeRollup&)>& visit) = 0;

    // Reads for analytics that rollups cannot answer. Each has a correct generic
    // implementation in terms of the methods above (store.cpp), bounded by the period where
    // the interface allows it; an engine overrides it with an indexed query.

    // Like rollups, but of the postings in [from, to): for the partial months at the edges
    // of a custom period.
    virtual std::vector<Rollup> period_rollups(const PeriodQuery& query);
    // Like payee rollups, but of the postings in [from, to): for the partial months at the
    // edges of a custom period.
    virtual std::vector<PayeeRollup> period_payee_rollups(const PeriodQuery& query);
    // The largest outgoing postings, largest first (ties: newest first), at most `limit`.
    // `counts` is what the rollups say about the period (see PeriodCounts): an engine may
    // use it to choose how to read, and skip the categories it gives no outflows.
    virtual std::vector<Transaction> largest_outflows(const PeriodQuery& query,
                                                      const PeriodCounts& counts,
                                                      std::size_t limit);
    // Outgoing postings above their category's threshold, newest first, at most `limit`.
    // `counts` as for largest_outflows.
    virtual std::vector<Transaction> outflows_above(
        const PeriodQuery& query, const PeriodCounts& counts,
        const std::vector<CategoryThreshold>& thresholds, std::size_t limit);
    // The total balance of the user's accounts (or one of them) at each instant: the
    // balance_after of each account's last posting before it. `at` is in ascending order.
    virtual std::vector<Money> balances_at(std::string_view user_id, std::string_view account_id,
                                           const std::vector<Timestamp>& at);

    // Bank-wide reads for the admin pages.
    // Every user. The generic implementation throws std::runtime_error: the interface has no
    // other way to list users.
    virtual void for_each_user(const std::function<void(const User&)>& visit);
    // Postings per UTC day in [from, to), oldest first, days without postings left out.
    virtual std::vector<DailyVolume> daily_volume(Timestamp from, Timestamp to);
    // The largest transfers (their outgoing legs) in [from, to), largest first.
    virtual std::vector<Transaction> largest_transfers(Timestamp from, Timestamp to,
                                                       std::size_t limit);
    // Gives the user with this email the role; false when there is no such user. Not a
    // ledger write (it moves no money), so it is not a WriteCommand. The generic
    // implementation throws std::runtime_error: no other method can change a user's role.
    virtual bool set_role(std::string_view email, Role role);
};

}  // namespace bank
