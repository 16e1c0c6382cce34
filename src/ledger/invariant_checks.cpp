#include "ledger/invariant_checks.hpp"

#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/clock.hpp"

namespace bank {

namespace {

// Sums of int64 cents over one command's changes cannot overflow 128 bits, so a wrong plan
// is reported as wrong instead of wrapping around into an accidental match.
__extension__ using Int128 = __int128;
__extension__ using UInt128 = unsigned __int128;

std::string cents_text(Int128 cents) {
    const bool negative = cents < 0;
    auto magnitude = static_cast<UInt128>(negative ? -cents : cents);
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
        magnitude /= 10;
    } while (magnitude != 0);
    return (negative ? "-" : "") + digits + " cents";
}

Int128 signed_amount(const Transaction& row) {
    return is_credit(row.transaction_type) ? Int128{row.amount.cents()}
                                           : -Int128{row.amount.cents()};
}

std::optional<InvariantViolation> violation(std::string_view checker, std::string detail) {
    return InvariantViolation{checker, std::move(detail)};
}

std::optional<InvariantViolation> check_amounts_positive(const LedgerChanges& changes) {
    for (const Transaction& row : changes.rows) {
        if (!row.amount.is_positive()) {
            return violation("amounts_positive", "transaction " + row.transaction_id + " moves " +
                                                     cents_text(row.amount.cents()));
        }
    }
    return std::nullopt;
}

std::optional<InvariantViolation> check_no_negative_balance(const LedgerChanges& changes) {
    for (const BalanceChange& change : changes.balances) {
        if (change.after.is_negative()) {
            return violation("no_negative_balance", "account " + change.account_id + " left at " +
                                                        cents_text(change.after.cents()));
        }
    }
    return std::nullopt;
}

std::optional<InvariantViolation> check_row_balance(const Transaction& row,
                                                    const BalanceChange* change) {
    if (change == nullptr) {
        return violation("balance_follows_rows", "transaction " + row.transaction_id +
                                                     " posts to account " + row.account_id +
                                                     " whose balance does not change");
    }
    return std::nullopt;
}

std::optional<InvariantViolation> check_balance_follows_rows(const LedgerChanges& changes) {
    // Keyed by views of the changes' own ids: the checks run on every plan, and copying the
    // ids into keys was most of their cost.
    std::map<std::string_view, const BalanceChange*> by_account;
    for (const BalanceChange& change : changes.balances) by_account[change.account_id] = &change;
    std::map<std::string_view, Int128> moved;
    std::map<std::string_view, const Transaction*> last_row;
    for (const Transaction& row : changes.rows) {
        const auto found = by_account.find(row.account_id);
        const BalanceChange* change = found == by_account.end() ? nullptr : found->second;
        if (auto broken = check_row_balance(row, change)) return broken;
        moved[row.account_id] += signed_amount(row);
        last_row[row.account_id] = &row;
    }
    for (const BalanceChange& change : changes.balances) {
        const Int128 difference = Int128{change.after.cents()} - Int128{change.before.cents()};
        if (difference != moved[change.account_id]) {
            return violation("balance_follows_rows", "account " + change.account_id +
                                                         " changes by " + cents_text(difference) +
                                                         " but its rows move " +
                                                         cents_text(moved[change.account_id]));
        }
        const auto last = last_row.find(change.account_id);
        if (last != last_row.end() && last->second->balance_after != change.after) {
            return violation("balance_follows_rows",
                             "transaction " + last->second->transaction_id + " says balance " +
                                 cents_text(last->second->balance_after.cents()) + " but account " +
                                 change.account_id + " is left at " +
                                 cents_text(change.after.cents()));
        }
    }
    return std::nullopt;
}

std::optional<InvariantViolation> check_money_conserved(const LedgerChanges& changes) {
    Int128 balances = 0;
    for (const BalanceChange& change : changes.balances) {
        balances += Int128{change.after.cents()} - Int128{change.before.cents()};
    }
    Int128 external = 0;
    for (const Transaction& row : changes.rows) {
        if (row.transaction_type == TransactionType::deposit) external += row.amount.cents();
        if (row.transaction_type == TransactionType::withdrawal) external -= row.amount.cents();
    }
    if (balances != external) {
        return violation("money_conserved", "balances change by " + cents_text(balances) +
                                                " but deposits minus withdrawals are " +
                                                cents_text(external));
    }
    return std::nullopt;
}

struct TransferLegs {
    const Transaction* out = nullptr;
    const Transaction* in = nullptr;
    int count = 0;
};

std::optional<InvariantViolation> check_transfer(std::string_view transfer_id,
                                                 const TransferLegs& legs) {
    if (legs.count != 2 || legs.out == nullptr || legs.in == nullptr) {
        return violation("transfer_legs_paired",
                         "transfer " + std::string(transfer_id) + " has " +
                             std::to_string(legs.count) +
                             " legs instead of one outgoing and one incoming");
    }
    if (legs.out->amount != legs.in->amount || legs.out->account_id == legs.in->account_id) {
        return violation("transfer_legs_paired",
                         "transfer " + std::string(transfer_id) +
                             "'s legs differ in amount or are on the same account");
    }
    return std::nullopt;
}

std::optional<InvariantViolation> check_transfer_legs_paired(const LedgerChanges& changes) {
    std::map<std::string_view, TransferLegs> transfers;
    for (const Transaction& row : changes.rows) {
        const bool is_leg = row.transaction_type == TransactionType::transfer_in ||
                            row.transaction_type == TransactionType::transfer_out;
        if (is_leg != !row.transfer_id.empty()) {
            return violation("transfer_legs_paired",
                             "transaction " + row.transaction_id + " of type " +
                                 std::string(to_string(row.transaction_type)) +
                                 (is_leg ? " names no transfer" : " names a transfer"));
        }
        if (!is_leg) continue;
        TransferLegs& legs = transfers[row.transfer_id];
        ++legs.count;
        (row.transaction_type == TransactionType::transfer_out ? legs.out : legs.in) = &row;
    }
    for (const auto& [transfer_id, legs] : transfers) {
        if (auto broken = check_transfer(transfer_id, legs)) return broken;
    }
    return std::nullopt;
}

struct RollupSum {
    Int128 total = 0;
    Int128 count = 0;
};

std::optional<InvariantViolation> check_rollups_follow_rows(const LedgerChanges& changes) {
    // account_id, month, type: a recategorisation moves a row between categories, so the
    // sums are compared across categories.
    // Views of the changes' ids and months, and of the rows' months kept here.
    using Key = std::tuple<std::string_view, std::string_view, TransactionType>;
    std::vector<std::string> row_months;
    row_months.reserve(changes.rows.size());
    for (const Transaction& row : changes.rows) row_months.push_back(format_month(row.timestamp));
    std::map<Key, RollupSum> difference;
    for (const Rollup& change : changes.rollups) {
        RollupSum& sum = difference[Key{change.account_id, change.month, change.transaction_type}];
        sum.total += change.total.cents();
        sum.count += change.count;
    }
    for (std::size_t index = 0; index < changes.rows.size(); ++index) {
        const Transaction& row = changes.rows[index];
        RollupSum& sum = difference[Key{row.account_id, row_months[index], row.transaction_type}];
        sum.total -= row.amount.cents();
        sum.count -= 1;
    }
    for (const auto& [key, sum] : difference) {
        if (sum.total != 0 || sum.count != 0) {
            const auto& [account_id, month, type] = key;
            std::string detail = "the ";
            detail += to_string(type);
            detail += " rollups of account ";
            detail += account_id;
            detail += " for ";
            detail += month;
            detail += " change by ";
            detail += cents_text(sum.total);
            detail += " and ";
            // One command's counts are tiny: they fit in a long long.
            detail += std::to_string(static_cast<long long>(sum.count));
            detail += " rows more than its rows do";
            return violation("rollups_follow_rows", std::move(detail));
        }
    }
    return std::nullopt;
}

}  // namespace

Rollup rollup_change_of(const Transaction& row) {
    Rollup change;
    change.account_id = row.account_id;
    change.month = format_month(row.timestamp);
    change.category = row.category;
    change.transaction_type = row.transaction_type;
    change.total = row.amount;
    change.count = 1;
    return change;
}

std::optional<InvariantViolation> check_invariants(const LedgerChanges& changes) {
    using Checker = std::optional<InvariantViolation> (*)(const LedgerChanges&);
    static constexpr Checker checkers[] = {
        check_amounts_positive, check_no_negative_balance,  check_balance_follows_rows,
        check_money_conserved,  check_transfer_legs_paired, check_rollups_follow_rows,
    };
    for (const Checker checker : checkers) {
        if (auto broken = checker(changes)) return broken;
    }
    return std::nullopt;
}

}  // namespace bank
