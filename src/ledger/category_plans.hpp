#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "ledger/ledger_changes.hpp"
#include "ledger/model.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// A recategorisation: the row after the change and the rollup changes that move it from
// its old category's rollup to the new one's (none when the category stays).
struct RecategorizePlan {
    WriteStatus status = WriteStatus::ok;
    Transaction row;
    bool changed = false;
    std::vector<Rollup> rollups;
    // An outgoing transfer leg may be kept among its day's largest transfers (the bank
    // figures), with its category: that copy takes the new category too, where it is kept.
    bool recategorizes_kept_transfer = false;
};

// In a fixed order: the row exists on an account of the person (`owner_id` is the user
// who owns the row's account, as the store read it; empty when unknown). `row` as stored.
RecategorizePlan plan_recategorize(const std::optional<Transaction>& row, std::string_view owner_id,
                                   const Recategorize& command);

// For the invariant checks: rollup changes only (no balance moves, no row is added).
LedgerChanges changes_of(const RecategorizePlan& plan);

// In a fixed order: the person exists, they keep fewer rules than the limit.
WriteStatus plan_create_category_rule(bool user_exists, std::size_t rule_count,
                                      const CreateCategoryRule& command);

// `rule` is the person's rule with the command's id as the store read it, or nullopt.
WriteStatus plan_delete_category_rule(const std::optional<CategoryRule>& rule);

}  // namespace bank
