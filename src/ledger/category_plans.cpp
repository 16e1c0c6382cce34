#include "ledger/category_plans.hpp"

namespace bank {

RecategorizePlan plan_recategorize(const std::optional<Transaction>& row, std::string_view owner_id,
                                   const Recategorize& command) {
    RecategorizePlan plan;
    if (!row || owner_id.empty() || owner_id != command.user_id) {
        plan.status = WriteStatus::transaction_not_found;
        return plan;
    }
    plan.row = *row;
    if (row->category == command.category) return plan;
    plan.changed = true;
    Rollup taken_out = rollup_change_of(*row);
    taken_out.total = Money::from_cents(-row->amount.cents());
    taken_out.count = -1;
    plan.row.category = command.category;
    plan.rollups.push_back(std::move(taken_out));
    plan.rollups.push_back(rollup_change_of(plan.row));
    plan.recategorizes_kept_transfer = row->transaction_type == TransactionType::transfer_out;
    return plan;
}

LedgerChanges changes_of(const RecategorizePlan& plan) {
    LedgerChanges changes;
    changes.rollups = plan.rollups;
    return changes;
}

WriteStatus plan_create_category_rule(bool user_exists, std::size_t rule_count,
                                      const CreateCategoryRule& command) {
    if (!user_exists) return WriteStatus::user_not_found;
    if (rule_count >= command.rules_max) return WriteStatus::too_many_rules;
    return WriteStatus::ok;
}

WriteStatus plan_delete_category_rule(const std::optional<CategoryRule>& rule) {
    return rule ? WriteStatus::ok : WriteStatus::rule_not_found;
}

}  // namespace bank
