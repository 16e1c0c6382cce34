#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ledger/ledger_changes.hpp"

namespace bank {

// A broken invariant: which checker found it, and what it saw (ids and amounts, never a
// secret), for the error log.
struct InvariantViolation {
    std::string_view checker;
    std::string detail;
};

// The ledger's invariants (DESIGN.md, "Money and invariants"), checked over one command's
// changes before a store writes them, as rippled runs its invariant checkers after each
// apply. `bank verify` audits a whole store; these guard every write. In a fixed order:
//   amounts_positive      every added row moves a positive amount
//   no_negative_balance   no balance is left below zero
//   balance_follows_rows  each account's balance change equals its added rows (credits minus
//                         debits), and its last added row's balance_after is the new balance
//   money_conserved       the balances change in total by deposits minus withdrawals
//   transfer_legs_paired  each transfer has exactly one outgoing and one incoming leg of
//                         the same amount, on different accounts; other rows name none
//   rollups_follow_rows   per account, month and type, the rollup changes add up to the
//                         added rows' amounts and count
// nullopt when every invariant holds.
std::optional<InvariantViolation> check_invariants(const LedgerChanges& changes);

}  // namespace bank
