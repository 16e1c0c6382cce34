#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "ledger/bank_figure_tally.hpp"
#include "ledger/bank_figures.hpp"
#include "ledger/model.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace bank {

class DynamoDbClient;

// The bank-wide figures on DynamoDB (table bank_figures). A counter is spread over
// limits::bank_figure_shards items, figure_key "<figure>#<shard>" and item_key
// "<period>#<item>": a write ADDs to the shard its posting's id picks, so no one item (and
// no one partition) takes every posting of the bank; a read Queries each shard for the
// periods it wants and sums them. Each day's largest transfers are items of their own,
// figure_key "largest#<day>#<shard>" (the shard the leg's id picks: for a single transfer the
// one its counters go to, the outgoing leg being its first row) and item_key the zero-padded
// amount: a read takes each shard's top limits::bank_top_transfers_per_day and merges them,
// so no day's transfers all write one partition.
class DynamoDbBankFigures {
public:
    DynamoDbBankFigures(DynamoDbClient& client, const DynamoDbTables& tables)
        : client_(client), tables_(tables) {}

    // The shard of a write, from an id of it (a posting's, an account's, a person's).
    static std::size_t shard_of(std::string_view id);
    // Appends to a TransactWriteItems one ADD per figure key of `deltas` (summed first: a
    // transaction may name an item once), leaving out those that add nothing.
    static void add_items(boost::json::array& items, const std::string& table,
                          const std::vector<BankFigure>& deltas, std::string_view shard_id);
    // A Put of an outgoing transfer leg among its day's largest (one small item per
    // transfer, in the shard its id picks: the read takes the first
    // limits::bank_top_transfers_per_day of each shard and keeps the day's first of those).
    // Put again, in the same shard, when the leg is recategorised.
    static boost::json::object largest_item(const std::string& table, const Transaction& row);
    // The partition key of a day's largest transfers in one shard.
    static std::string largest_key(std::string_view day, std::size_t shard);
    // The marker of a person active in a month (ledger/activity.hpp): figure_key
    // "active_marker#<user id>", item_key the month, no counter attributes (so for_each and the
    // reads of figures never see it). The Put is conditional on its absence: a posting that
    // counts the person fails, and decides again, if another write counted them first.
    static boost::json::object activity_marker_key(std::string_view user_id,
                                                   std::string_view month);
    static boost::json::object activity_marker(const std::string& table, std::string_view user_id,
                                               std::string_view month);

    std::vector<BankFigure> read(std::string_view figure, const std::vector<std::string>& periods);
    std::vector<Transaction> largest_transfers_of(const std::vector<std::string>& days);
    // Every counter, its shards summed (for `bank verify`).
    void for_each(const std::function<void(const BankFigure&)>& visit);
    // Every activity marker: user id, month (for `bank verify`).
    void for_each_activity_marker(
        const std::function<void(const std::string&, const std::string&)>& visit);
    // Replaces every item with the figures of `tally` (in shard 0) and the largest transfers
    // of `transfers`: `bank setup-dynamodb` for postings made before the table existed.
    // Returns the number of items written.
    // The activity markers of the tally are put back too.
    std::size_t rebuild(const BankFigureTally& tally, const std::vector<Transaction>& transfers);

private:
    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
};

}  // namespace bank
