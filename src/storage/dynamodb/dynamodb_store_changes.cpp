// DynamoDbStore's ChangeFeedReads role and the change feed's fill, kept out of
// dynamodb_store.cpp.
#include <boost/json.hpp>

#include "storage/dynamodb/dynamodb_change_feed.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

namespace json = boost::json;

bool DynamoDbStore::is_change_position(std::string_view position) const {
    return DynamoDbChangeFeed::is_position(position);
}

ChangePage DynamoDbStore::read_changes(std::string_view after, std::size_t limit) {
    return DynamoDbChangeFeed(client_, tables_, clock_).read(after, limit);
}

// The items keep the position each posting had (its sequence), so the filled feed is in the
// same order as if the feed had always been written.
std::size_t DynamoDbStore::backfill_change_feed() {
    std::size_t written = 0;
    scan(tables_.transactions, [&](const json::object& item) {
        const Transaction row = dynamodb_items::read_transaction(item);
        client_.call("PutItem", json::object{{"TableName", tables_.changes},
                                             {"Item", DynamoDbChangeFeed::item(item, row)}});
        ++written;
    });
    return written;
}

}  // namespace bank
