#include "storage/sqlite/sqlite_rollup_batch.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "core/bank_figure_limits.hpp"
#include "core/clock.hpp"
#include "storage/sqlite/sqlite_bank_figures.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_rollups.hpp"

namespace bank {

void SqliteRollupBatch::stage(const std::vector<Transaction>& rows,
                              const std::vector<Rollup>& rollup_changes) {
    staged_.insert(staged_.end(), rows.begin(), rows.end());
    staged_rollups_.insert(staged_rollups_.end(), rollup_changes.begin(), rollup_changes.end());
}

void SqliteRollupBatch::stage_figures(const std::vector<BankFigure>& deltas) {
    staged_figures_.insert(staged_figures_.end(), deltas.begin(), deltas.end());
}

void SqliteRollupBatch::stage_activity(Activity activity) {
    staged_activity_.push_back(std::move(activity));
}

void SqliteRollupBatch::keep_staged() {
    for (const BankFigure& delta : staged_figures_) add_figure(figures_, delta);
    for (Activity& activity : staged_activity_) {
        activity_.emplace(std::move(activity.user_id), std::move(activity.month));
    }
    for (const Transaction& row : staged_) {
        if (row.transaction_type == TransactionType::transfer_out) keep_largest(row);
        if (is_credit(row.transaction_type)) continue;
        add(payee_rollups_[PayeeKey{row.account_id, format_month(row.timestamp), row.description}],
            row.amount, 1);
    }
    for (const Rollup& change : staged_rollups_) {
        add(rollups_[RollupKey{change.account_id, change.month, change.category,
                               change.transaction_type}],
            change.total, change.count);
    }
    drop_staged();
}

void SqliteRollupBatch::drop_staged() {
    staged_.clear();
    staged_rollups_.clear();
    staged_figures_.clear();
    staged_activity_.clear();
}

void SqliteRollupBatch::keep_largest(const Transaction& row) {
    std::vector<Transaction>& day = largest_[format_date(row.timestamp)];
    day.push_back(row);
    if (day.size() <= limits::bank_top_transfers_per_day) return;
    const auto smallest = std::min_element(
        day.begin(), day.end(), [](const Transaction& left, const Transaction& right) {
            return std::tie(left.amount, left.timestamp) < std::tie(right.amount, right.timestamp);
        });
    day.erase(smallest);
}

void SqliteRollupBatch::write(SqliteConnection& connection) {
    for (const auto& [key, sum] : rollups_) {
        const auto& [account_id, month, category, type] = key;
        add_to_rollup(connection, account_id, month, category, type, sum.total, sum.count);
    }
    for (const auto& [key, sum] : payee_rollups_) {
        const auto& [account_id, month, description] = key;
        add_to_payee_rollup(connection, account_id, month, description, sum.total, sum.count);
    }
    write_activity(connection);
    SqliteBankFigures figures(connection);
    for (const auto& [key, delta] : figures_) figures.add(delta);
    for (const auto& [day, transfers] : largest_) figures.add_largest_transfers(transfers);
    clear();
}

void SqliteRollupBatch::clear() {
    drop_staged();
    rollups_.clear();
    payee_rollups_.clear();
    figures_.clear();
    largest_.clear();
    activity_.clear();
}

// The marker of (person, month) is inserted only if absent, in the batch's own transaction,
// and the person counted only when this insert added it: once per (person, month), whatever
// month the posting falls in.
void SqliteRollupBatch::write_activity(SqliteConnection& connection) {
    for (const auto& [user_id, month] : activity_) {
        connection.query("INSERT OR IGNORE INTO bank_active_months (user_id, month) VALUES (?, ?)")
            .bind(user_id)
            .bind(month)
            .run();
        const bool already_counted = connection.changes() == 0;
        if (already_counted) continue;
        auto signup = connection.query("SELECT created_at FROM users WHERE user_id = ?");
        signup.bind(user_id);
        const std::string signup_month =
            signup.step() ? format_month(from_micros(signup.integer(0))) : std::string();
        for (const BankFigure& delta : activity_deltas(signup_month, month, already_counted)) {
            add_figure(figures_, delta);
        }
    }
}

void SqliteRollupBatch::add(Sum& sum, Money amount, std::int64_t count) {
    const auto total = Money::from_cents(sum.total).checked_add(amount);
    if (!total) throw std::overflow_error("sqlite: a rollup total does not fit in 64 bits");
    sum.total = total->cents();
    sum.count += count;
}

}  // namespace bank
