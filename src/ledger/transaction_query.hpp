#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/model.hpp"

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

}  // namespace bank
