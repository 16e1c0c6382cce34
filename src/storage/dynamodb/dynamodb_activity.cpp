// DynamoDbLedgerCommands' part of active customers and cohorts (ledger/activity.hpp): the
// posting's person counted active in its month once, in the posting's own
// TransactWriteItems.
#include "ledger/activity.hpp"
#include "storage/dynamodb/dynamodb_bank_figures.hpp"
#include "storage/dynamodb/dynamodb_ledger_commands.hpp"

namespace bank {

// The payer account's active_month says its owner is counted in that month already, so the
// steady state (a person's second posting of a month from the same account) reads nothing
// and writes no item more. Otherwise the marker is read: present, the account's month only
// moves on; absent, its Put (conditional on absence) and the counters join the posting's
// transaction. Two servers counting the same person at once: one transaction fails its
// condition, decides again (until_decided), reads the marker and counts nothing; so never
// twice and, as the marker commits with the counters and the posting, never lost.
ActivityWrite DynamoDbLedgerCommands::activity_write(const PostingPlan& plan,
                                                     const StoredAccount& payer,
                                                     RetryBudget& budget) {
    ActivityWrite write;
    const auto activity = activity_of(plan);
    if (!activity || payer.active_month == activity->month) return write;
    // A back-dated posting (another server's clock behind) leaves the later month in place.
    if (activity->month > payer.active_month) write.account_month = activity->month;
    const bool already_counted =
        reads_
            .get_item(tables_.bank_figures,
                      DynamoDbBankFigures::activity_marker_key(activity->user_id, activity->month),
                      budget)
            .has_value();
    if (already_counted) return write;
    const auto person = reads_.user(activity->user_id, budget);
    const std::string signup_month = person ? format_month(person->user.created_at) : "";
    write.deltas = activity_deltas(signup_month, activity->month, already_counted);
    write.marker = DynamoDbBankFigures::activity_marker(tables_.bank_figures, activity->user_id,
                                                        activity->month);
    return write;
}

}  // namespace bank
