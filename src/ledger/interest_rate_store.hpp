#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/interest_rate.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// The interest rates of each account type and the record of each account's posted months.
// Like ProposalStore no money moves here (the posting goes through the LedgerWriter), so each
// change is one conditional write that never replaces what is stored. May be called from any
// thread at once; a backend that cannot answer throws StoreUnavailable.
class InterestRateStore {
public:
    virtual ~InterestRateStore() = default;

    // Adds a period; false, writing nothing, when the type already has one from that date.
    virtual bool add_interest_rate(const InterestRate& rate) = 0;
    // Every period of the type, oldest effective_from first. Strongly consistent.
    virtual std::vector<InterestRate> list_interest_rates(AccountType type) = 0;
    // Strongly consistent; nullopt when that month of the account has no record.
    virtual std::optional<InterestAccrualRecord> find_interest_accrual(std::string_view account_id,
                                                                       Month month) = 0;
    // Every record of the account, oldest month first.
    virtual std::vector<InterestAccrualRecord> list_interest_accruals(
        std::string_view account_id) = 0;
    // Adds a month's record; false, writing nothing, when that month has one already.
    virtual bool add_interest_accrual(const InterestAccrualRecord& record) = 0;
    // add_interest_accrual for each record, in one write where the engine can make it one
    // (SQLite: one transaction, so one commit for a whole batch of accounts): element i is
    // false when record i's month had one already. Each record keeps its own condition, so
    // one that exists changes nothing and the others are still added.
    virtual std::vector<bool> add_interest_accruals(
        const std::vector<InterestAccrualRecord>& records) {
        std::vector<bool> added;
        added.reserve(records.size());
        for (const InterestAccrualRecord& record : records) {
            added.push_back(add_interest_accrual(record));
        }
        return added;
    }
};

}  // namespace bank
