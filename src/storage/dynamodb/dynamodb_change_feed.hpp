#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "ledger/change_feed_reads.hpp"

namespace bank {

class DynamoDbClient;
struct DynamoDbTables;

// The change feed on DynamoDB (BankingChanges: `shard` + `position`). DynamoDB has no order
// across items, so each posting's own TransactWriteItems also puts a copy of each of its rows
// here, keyed by
// - shard: its account's hash modulo change_feed_shards (fixed), so that postings spread over
//   that many partition keys and no partition takes every posting's write;
// - position: its sequence (logical micros * 1000 + a tie breaker, strictly increasing per
//   account along the accounts' last_micros chain) zero-padded to 19 digits, '#', its id.
// A reader merges the shards in position order and serves only positions stamped at least
// change_feed_settle_lag ago: a posting is stamped before it commits, and commits within the
// operation deadline, so no posting can commit behind a position already served.
class DynamoDbChangeFeed {
public:
    DynamoDbChangeFeed(DynamoDbClient& client, const DynamoDbTables& tables, const Clock& clock)
        : client_(client), tables_(tables), clock_(clock) {}

    // The feed item of one posting row (what the posting's transaction puts).
    static boost::json::object item(const boost::json::object& transaction_item,
                                    const Transaction& row);
    static std::string position_of(const Transaction& row);
    static std::string shard_of(std::string_view account_id);
    static bool is_position(std::string_view position);

    ChangePage read(std::string_view after, std::size_t limit);

private:
    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
    const Clock& clock_;
};

}  // namespace bank
