#pragma once

#include <functional>
#include <string>

#include "ledger/bank_figures.hpp"
#include "ledger/model.hpp"

namespace bank {

// Whole-store scans without a bound: what `bank verify` audits. Nothing that answers a
// request uses them (a request's reads are bounded; see BankReads).
class VerificationScans {
public:
    virtual ~VerificationScans() = default;

    virtual void for_each_account(const std::function<void(const Account&)>& visit) = 0;
    // In insertion order (by sequence).
    virtual void for_each_transaction(const std::function<void(const Transaction&)>& visit) = 0;
    virtual void for_each_rollup(const std::function<void(const Rollup&)>& visit) = 0;
    virtual void for_each_payee_rollup(const std::function<void(const PayeeRollup&)>& visit) = 0;
    virtual void for_each_person(const std::function<void(const User&)>& visit) = 0;
    // Every bank-wide figure, its shards summed (one per figure, period and item).
    virtual void for_each_bank_figure(const std::function<void(const BankFigure&)>& visit) = 0;
    // Every marker of a person counted active in a month (ledger/activity.hpp): user id, month.
    virtual void for_each_activity_marker(
        const std::function<void(const std::string&, const std::string&)>& visit) = 0;
};

}  // namespace bank
