#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "ledger/activity.hpp"
#include "ledger/bank_figures.hpp"
#include "ledger/model.hpp"

namespace bank {

class SqliteConnection;

// The rollup and payee rollup additions of one writer batch, summed in memory and written
// with one upsert per key just before the batch commits, instead of one upsert per posted row
// (under transfers between a few accounts, nearly every row of a batch adds to the same few
// rollups). A command's additions stay staged until its savepoint is released, so a command
// rolled back leaves nothing behind. The bank-wide figures (ledger/bank_figures.hpp) and
// each day's largest transfers are staged, summed and written the same way. Whatever reads or
// changes rollups on the writer's connection during a batch (a recategorisation) must `write`
// first.
class SqliteRollupBatch {
public:
    // A posting's rows (each outgoing one adds to its payee rollup) and its planned rollup
    // changes.
    void stage(const std::vector<Transaction>& rows, const std::vector<Rollup>& rollup_changes);
    // A command's additions to the bank-wide figures (a posting's, an account opening's).
    void stage_figures(const std::vector<BankFigure>& deltas);
    // The activity a posting shows (ledger/activity.hpp): its marker of (person, month) is
    // inserted once per batch, at `write`, rather than tried for every posting; the person
    // is counted active then, only if the marker was absent.
    void stage_activity(Activity activity);
    // The staged rows' command was applied (its savepoint released) or rolled back.
    void keep_staged();
    void drop_staged();
    // Upserts every kept sum and empties the batch. Throws (failing the batch) on a SQLite
    // error, as a total beyond int64 would be: the STRICT tables refuse the REAL it turns into.
    void write(SqliteConnection& connection);
    // Forgets everything, after the batch's transaction was rolled back.
    void clear();

private:
    struct Sum {
        std::int64_t total = 0;
        std::int64_t count = 0;
    };
    // account_id, month, category, transaction type
    using RollupKey = std::tuple<std::string, std::string, std::string, TransactionType>;
    // account_id, month, description
    using PayeeKey = std::tuple<std::string, std::string, std::string>;

    static void add(Sum& sum, Money amount, std::int64_t count);
    // Keeps a transfer's outgoing leg among its day's largest of this batch.
    void keep_largest(const Transaction& row);
    // Inserts the batch's markers; adds the activity figures of each that was absent.
    void write_activity(SqliteConnection& connection);

    std::vector<Transaction> staged_;
    std::vector<Rollup> staged_rollups_;
    std::map<RollupKey, Sum> rollups_;
    std::map<PayeeKey, Sum> payee_rollups_;
    std::vector<BankFigure> staged_figures_;
    std::vector<Activity> staged_activity_;
    std::set<std::pair<std::string, std::string>> activity_;  // user_id, month
    BankFigureSums figures_;
    // Per day, at most limits::bank_top_transfers_per_day: no other of the batch can be among
    // the day's largest.
    std::map<std::string, std::vector<Transaction>> largest_;
};

}  // namespace bank
