#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/bank_figures.hpp"
#include "ledger/model.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// Bank-wide reads. The admin pages read the figures kept with every write
// (ledger/bank_figures.hpp), whose cost does not grow with the bank. for_each_bank_account is
// a bounded scan for the interest poster: it visits at most `limit` accounts and returns true
// when it visited every one there was, false when it stopped at `limit`. Whole-store
// scans without a bound are VerificationScans', for `bank verify` alone. A read the backend
// cannot answer throws StoreUnavailable.
class BankReads {
public:
    virtual ~BankReads() = default;

    // Accounts, oldest first where the engine keeps an order (SQLite).
    virtual bool for_each_bank_account(std::size_t limit,
                                       const std::function<void(const Account&)>& visit) = 0;

    // The figures named `figure` of these periods, every item of each, summed over the
    // store's shards; none for a period nothing was counted in. Reads about one item per
    // period and item, however large the bank.
    virtual std::vector<BankFigure> read_bank_figures(std::string_view figure,
                                                      const std::vector<std::string>& periods) = 0;
    // The largest transfers (outgoing legs) of these UTC days, at most
    // limits::bank_top_transfers_per_day each, in no particular order.
    virtual std::vector<Transaction> largest_transfers_of(const std::vector<std::string>& days) = 0;
    // The first day (YYYY-MM-DD) whose largest transfers the store still keeps whole: empty
    // where every day is kept (SQLite: ten rows a day); on a store that lets them expire
    // (DynamoDB, limits::bank_largest_transfers_retention) older days may be gone, in part
    // or whole, and `bank verify` leaves them out.
    virtual std::string largest_transfers_kept_since() { return {}; }
    // People whose sign-in is locked at `now`, and people an administrator disabled, read
    // through an index that holds only those; at most `limit`, true when none was left over.
    virtual bool for_each_locked_user(Timestamp now, std::size_t limit,
                                      const std::function<void(const User&)>& visit) = 0;
    virtual bool for_each_disabled_user(std::size_t limit,
                                        const std::function<void(const User&)>& visit) = 0;
};

}  // namespace bank
