#include "storage/dynamodb/dynamodb_bank_figures.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <utility>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "core/bank_figure_limits.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_concurrent.hpp"
#include "storage/dynamodb/dynamodb_every_item.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_write_items.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

namespace {

constexpr std::string_view largest_prefix = "largest#";
constexpr std::string_view activity_prefix = "active_marker#";

std::string figure_key(std::string_view figure, std::size_t shard) {
    return fmt::format("{}#{}", figure, shard);
}

std::string item_key(std::string_view period, std::string_view item) {
    return fmt::format("{}#{}", period, item);
}

// Amounts are positive and below 10^19: padded, their text sorts as their value.
std::string amount_key(const Transaction& row) {
    return fmt::format("{:019}#{}", row.amount.cents(), row.transaction_id);
}

json::object counter_item(const BankFigure& figure, std::size_t shard) {
    return json::object{{"figure_key", string_value(figure_key(figure.figure, shard))},
                        {"item_key", string_value(item_key(figure.period, figure.item))},
                        {"figure", string_value(figure.figure)},
                        {"period", string_value(figure.period)},
                        {"item", string_value(figure.item)},
                        {"count", number_value(figure.count)},
                        {"total", number_value(figure.total.cents())}};
}

BankFigure read_counter(const json::object& item) {
    return BankFigure{text_of(item, "figure"), text_of(item, "period"), text_of(item, "item"),
                      number_of(item, "count"), Money::from_cents(number_of(item, "total"))};
}

Transaction read_largest(const json::object& item) {
    Transaction row;
    row.transaction_id = text_of(item, "transaction_id");
    row.transaction_type = TransactionType::transfer_out;
    row.amount = Money::from_cents(number_of(item, "amount"));
    row.timestamp = from_micros(number_of(item, "timestamp"));
    row.category = text_of(item, "category");
    return row;
}

// The first limits::bank_top_transfers_per_day of `rows`, largest first (equal amounts in
// the order of their ids, as one shard's Query gives them).
void keep_top(std::vector<Transaction>& rows) {
    const auto larger_first = [](const Transaction& left, const Transaction& right) {
        if (left.amount != right.amount) return left.amount > right.amount;
        return left.transaction_id > right.transaction_id;
    };
    const std::size_t kept = std::min(rows.size(), limits::bank_top_transfers_per_day);
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(kept), rows.end(),
                      larger_first);
    rows.resize(kept);
}

}  // namespace

// FNV-1a: the same shard for the same id in every process (std::hash promises no such thing).
std::size_t DynamoDbBankFigures::shard_of(std::string_view id) {
    std::uint64_t hash = 14'695'981'039'346'656'037ULL;
    for (const char c : id) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1'099'511'628'211ULL;
    }
    return static_cast<std::size_t>(hash % limits::bank_figure_shards);
}

void DynamoDbBankFigures::add_items(json::array& items, const std::string& table,
                                    const std::vector<BankFigure>& deltas,
                                    std::string_view shard_id) {
    BankFigureSums sums;
    for (const BankFigure& delta : deltas) add_figure(sums, delta);
    const std::size_t shard = shard_of(shard_id);
    for (const auto& [key, sum] : sums) {
        if (sum.count == 0 && sum.total.cents() == 0) continue;
        items.push_back(dynamodb_writes::update(
            table,
            {{"figure_key", string_value(figure_key(sum.figure, shard))},
             {"item_key", string_value(item_key(sum.period, sum.item))}},
            "ADD #count :count, #total :total SET #figure = :figure, #period = :period, "
            "#item = :item",
            {},
            {{"#count", "count"},
             {"#total", "total"},
             {"#figure", "figure"},
             {"#period", "period"},
             {"#item", "item"}},
            {{":count", number_value(sum.count)},
             {":total", number_value(sum.total.cents())},
             {":figure", string_value(sum.figure)},
             {":period", string_value(sum.period)},
             {":item", string_value(sum.item)}}));
    }
}

std::string DynamoDbBankFigures::largest_key(std::string_view day, std::size_t shard) {
    return fmt::format("{}{}#{}", largest_prefix, day, shard);
}

json::object DynamoDbBankFigures::largest_item(const std::string& table, const Transaction& row) {
    return dynamodb_writes::put(
        table,
        {{"figure_key",
          string_value(largest_key(format_date(row.timestamp), shard_of(row.transaction_id)))},
         {"item_key", string_value(amount_key(row))},
         {"transaction_id", string_value(row.transaction_id)},
         {"amount", number_value(row.amount.cents())},
         {"timestamp", number_value(to_micros(row.timestamp))},
         {"category", string_value(row.category)},
         // Time-to-live deletes it once no read needs it (bank_figure_limits.hpp).
         {"expires_at_seconds", number_value(largest_transfer_expiry_seconds(row.timestamp))}});
}

json::object DynamoDbBankFigures::activity_marker_key(std::string_view user_id,
                                                      std::string_view month) {
    return {{"figure_key", string_value(std::string(activity_prefix) + std::string(user_id))},
            {"item_key", string_value(month)}};
}

json::object DynamoDbBankFigures::activity_marker(const std::string& table,
                                                  std::string_view user_id,
                                                  std::string_view month) {
    return dynamodb_writes::put(table, activity_marker_key(user_id, month),
                                "attribute_not_exists(figure_key)");
}

std::vector<BankFigure> DynamoDbBankFigures::read(std::string_view figure,
                                                  const std::vector<std::string>& periods) {
    if (periods.empty()) return {};
    const auto [first, last] = std::minmax_element(periods.begin(), periods.end());
    BankFigureSums sums;
    for (std::size_t shard = 0; shard < limits::bank_figure_shards; ++shard) {
        // '$' follows '#': the range holds every item of the periods from first to last.
        json::object request{
            {"TableName", tables_.bank_figures},
            {"KeyConditionExpression", "figure_key = :key AND item_key BETWEEN :from AND :to"},
            {"ExpressionAttributeValues",
             json::object{{":key", string_value(figure_key(figure, shard))},
                          {":from", string_value(*first + "#")},
                          {":to", string_value(*last + "$")}}},
            {"ConsistentRead", true}};
        for (const auto& item : every_item(client_, "Query", std::move(request))) {
            const BankFigure counter = read_counter(item);
            if (std::find(periods.begin(), periods.end(), counter.period) == periods.end()) {
                continue;
            }
            add_figure(sums, counter);
        }
    }
    std::vector<BankFigure> figures;
    for (auto& [key, sum] : sums) figures.push_back(std::move(sum));
    return figures;
}

// Each shard's own top N, largest first: the day's top N is among them (a transfer outside
// its shard's top N has N larger ones in that shard alone), so merging them and keeping the
// first N is the day's top N. The Queries (one per day and shard: 240 for the overview's 30
// days) are independent, so they go out together rather than one round trip after another.
std::vector<Transaction> DynamoDbBankFigures::largest_transfers_of(
    const std::vector<std::string>& days) {
    const std::size_t shards = limits::bank_figure_shards;
    std::vector<std::vector<Transaction>> found(days.size() * shards);
    run_concurrently(found.size(), [&](std::size_t index) {
        json::object request{
            {"TableName", tables_.bank_figures},
            {"KeyConditionExpression", "figure_key = :key"},
            {"ExpressionAttributeValues",
             json::object{
                 {":key", string_value(largest_key(days[index / shards], index % shards))}}},
            {"ScanIndexForward", false},
            {"Limit", static_cast<std::int64_t>(limits::bank_top_transfers_per_day)},
            {"ConsistentRead", true}};
        const json::object answer = client_.call("Query", request);
        for (const auto& value : answer.at("Items").as_array()) {
            found[index].push_back(read_largest(value.as_object()));
        }
    });
    std::vector<Transaction> transfers;
    for (std::size_t day = 0; day < days.size(); ++day) {
        std::vector<Transaction> merged;
        for (std::size_t shard = 0; shard < shards; ++shard) {
            auto& rows = found[day * shards + shard];
            std::move(rows.begin(), rows.end(), std::back_inserter(merged));
        }
        keep_top(merged);
        std::move(merged.begin(), merged.end(), std::back_inserter(transfers));
    }
    return transfers;
}

void DynamoDbBankFigures::for_each(const std::function<void(const BankFigure&)>& visit) {
    BankFigureSums sums;
    json::object request{{"TableName", tables_.bank_figures}, {"ConsistentRead", true}};
    for (const auto& item : every_item(client_, "Scan", std::move(request))) {
        if (!item.contains("figure")) continue;  // a largest transfer
        add_figure(sums, read_counter(item));
    }
    for (const auto& [key, sum] : sums) visit(sum);
}

void DynamoDbBankFigures::for_each_activity_marker(
    const std::function<void(const std::string&, const std::string&)>& visit) {
    json::object request{{"TableName", tables_.bank_figures},
                         {"FilterExpression", "begins_with(figure_key, :marker)"},
                         {"ExpressionAttributeValues",
                          json::object{{":marker", string_value(std::string(activity_prefix))}}},
                         {"ConsistentRead", true}};
    for (const auto& item : every_item(client_, "Scan", std::move(request))) {
        const std::string key = text_of(item, "figure_key");
        visit(key.substr(activity_prefix.size()), text_of(item, "item_key"));
    }
}

std::size_t DynamoDbBankFigures::rebuild(const BankFigureTally& tally,
                                         const std::vector<Transaction>& transfers) {
    json::object request{{"TableName", tables_.bank_figures},
                         {"ProjectionExpression", "figure_key, item_key"}};
    for (const auto& item : every_item(client_, "Scan", std::move(request))) {
        client_.call("DeleteItem",
                     json::object{{"TableName", tables_.bank_figures},
                                  {"Key", json::object{{"figure_key", item.at("figure_key")},
                                                       {"item_key", item.at("item_key")}}}});
    }
    std::size_t written = 0;
    for (const auto& [key, figure] : tally.sums()) {
        client_.call("PutItem", json::object{{"TableName", tables_.bank_figures},
                                             {"Item", counter_item(figure, 0)}});
        ++written;
    }
    for (const auto& [user_id, month] : tally.activity()) {
        client_.call("PutItem", json::object{{"TableName", tables_.bank_figures},
                                             {"Item", activity_marker_key(user_id, month)}});
        ++written;
    }
    for (const Transaction& row : transfers) {
        json::object put = largest_item(tables_.bank_figures, row);
        client_.call("PutItem", put.at("Put").as_object());
        ++written;
    }
    return written;
}

}  // namespace bank
