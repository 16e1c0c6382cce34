#include "storage/dynamodb/dynamodb_change_feed.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>

#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_limits.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

namespace {

constexpr std::size_t sequence_digits = 19;     // every positive int64 fits
constexpr std::size_t id_digits = 32;           // new_time_ordered_id: 32 hex digits
constexpr std::int64_t ticks_per_micro = 1000;  // as DynamoDbLedgerCommands' sequence

std::string padded(std::int64_t number) {
    std::string digits = std::to_string(std::max<std::int64_t>(number, 0));
    return std::string(sequence_digits - std::min(sequence_digits, digits.size()), '0') + digits;
}

bool all_of_class(std::string_view text, bool (*in_class)(char)) {
    return std::all_of(text.begin(), text.end(), in_class);
}

// What one shard holds between the bounds, in position order, at most `limit` of them;
// `cut` when it may hold more.
struct ShardRead {
    std::vector<Change> changes;
    bool cut = false;
};

ShardRead read_shard(DynamoDbClient& client, const std::string& table, const std::string& shard,
                     const std::string& low, const std::string& high, std::size_t limit) {
    json::object request{
        {"TableName", table},
        {"KeyConditionExpression", "#shard = :shard AND #position BETWEEN :low AND :high"},
        {"ExpressionAttributeNames", json::object{{"#shard", "shard"}, {"#position", "position"}}},
        {"ExpressionAttributeValues", json::object{{":shard", string_value(shard)},
                                                   {":low", string_value(low)},
                                                   {":high", string_value(high)}}},
        {"ConsistentRead", true},
        {"Limit", static_cast<std::int64_t>(limit)}};
    const json::object answer = client.call("Query", request);
    ShardRead read;
    for (const auto& value : answer.at("Items").as_array()) {
        const json::object& item = value.as_object();
        read.changes.push_back(Change{text_of(item, "position"), read_transaction(item)});
    }
    read.cut = answer.contains("LastEvaluatedKey");
    return read;
}

}  // namespace

json::object DynamoDbChangeFeed::item(const json::object& transaction_item,
                                      const Transaction& row) {
    json::object feed_item = transaction_item;
    feed_item["shard"] = string_value(shard_of(row.account_id));
    feed_item["position"] = string_value(position_of(row));
    return feed_item;
}

std::string DynamoDbChangeFeed::position_of(const Transaction& row) {
    return padded(row.sequence) + "#" + row.transaction_id;
}

// FNV-1a: the same shard on every build and platform (std::hash promises neither).
std::string DynamoDbChangeFeed::shard_of(std::string_view account_id) {
    std::uint32_t hash = 2166136261u;
    for (const char c : account_id) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    const auto shard = hash % dynamodb_limits::change_feed_shards;
    return (shard < 10 ? "0" : "") + std::to_string(shard);
}

bool DynamoDbChangeFeed::is_position(std::string_view position) {
    if (position.size() != sequence_digits + 1 + id_digits) return false;
    if (position[sequence_digits] != '#') return false;
    const auto sequence = position.substr(0, sequence_digits);
    const auto id = position.substr(sequence_digits + 1);
    return sequence <= std::string_view("9223372036854775807") &&
           all_of_class(sequence, [](char c) { return c >= '0' && c <= '9'; }) &&
           all_of_class(id,
                        [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Each shard is read up to `per_shard` items; the merge is certain only up to the lowest last
// position of a shard that was cut (beyond it that shard may hold earlier items than the
// others' next), so a page serves the merged items up to there, at most `limit`.
ChangePage DynamoDbChangeFeed::read(std::string_view after, std::size_t limit) {
    const std::int64_t settled_micros =
        to_micros(clock_.now()) - std::chrono::duration_cast<std::chrono::microseconds>(
                                      dynamodb_limits::change_feed_settle_lag)
                                      .count();
    // Every position below this 19-digit text was stamped before the settled instant.
    const std::string high = padded(settled_micros * ticks_per_micro);
    // Past `after` itself: no position is `after` and one more character.
    const std::string low = after.empty() ? std::string("0") : std::string(after) + "0";
    ChangePage page;
    if (low >= high) return page;
    const std::size_t shards = dynamodb_limits::change_feed_shards;
    const std::size_t per_shard = std::min(limit, std::max<std::size_t>(2 * limit / shards, 8));
    std::vector<Change> merged;
    std::optional<std::string> certain_up_to;
    for (std::size_t shard = 0; shard < shards; ++shard) {
        const std::string name = (shard < 10 ? "0" : "") + std::to_string(shard);
        ShardRead read = read_shard(client_, tables_.changes, name, low, high, per_shard);
        if (read.cut && !read.changes.empty()) {
            const std::string& last = read.changes.back().position;
            if (!certain_up_to || last < *certain_up_to) certain_up_to = last;
        }
        page.has_more = page.has_more || read.cut;
        std::move(read.changes.begin(), read.changes.end(), std::back_inserter(merged));
    }
    std::sort(merged.begin(), merged.end(), [](const Change& left, const Change& right) {
        return left.position < right.position;
    });
    for (Change& change : merged) {
        if (certain_up_to && change.position > *certain_up_to) break;
        if (page.changes.size() == limit) {
            page.has_more = true;
            break;
        }
        page.changes.push_back(std::move(change));
    }
    return page;
}

}  // namespace bank
