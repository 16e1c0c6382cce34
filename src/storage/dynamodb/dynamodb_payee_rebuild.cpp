// DynamoDbStore::rebuild_payee_rollups: the payee rollups made again from the postings, for
// a deployment whose postings predate the payee rollups table (`bank setup-dynamodb`).
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "ledger/model.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

PayeeRebuild DynamoDbStore::rebuild_payee_rollups() {
    using Key = std::tuple<std::string, std::string, std::string>;  // account, month, payee
    std::map<Key, PayeeRollup> wanted;
    for_each_transaction([&](const Transaction& row) {
        if (is_credit(row.transaction_type)) return;
        const std::string month = format_month(row.timestamp);
        PayeeRollup& rollup = wanted[Key(row.account_id, month, row.description)];
        if (rollup.count == 0) {
            rollup.account_id = row.account_id;
            rollup.month = month;
            rollup.description = row.description;
        }
        const auto total = rollup.total.checked_add(row.amount);
        if (!total) throw std::overflow_error("dynamodb: a payee rollup does not fit in 64 bits");
        rollup.total = *total;
        ++rollup.count;
    });

    PayeeRebuild outcome;
    // Items that no posting accounts for go first, so a rebuild run twice ends the same.
    std::vector<std::pair<std::string, std::string>> extra;
    scan(tables_.payee_rollups, [&](const json::object& item) {
        const PayeeRollup stored = read_payee_rollup(item);
        if (wanted.count(Key(stored.account_id, stored.month, stored.description)) == 0) {
            extra.emplace_back(stored.account_id, payee_key(stored.month, stored.description));
        }
    });
    for (const auto& [account_id, key] : extra) {
        client_.call("DeleteItem",
                     json::object{{"TableName", tables_.payee_rollups},
                                  {"Key", json::object{{"account_id", string_value(account_id)},
                                                       {"payee_key", string_value(key)}}}});
        ++outcome.removed;
    }
    // Each item is written whole (a Put, not an ADD), so the result is the same however
    // often this runs; the same attributes as DynamoDbLedgerCommands::add_payee_rollup_item.
    for (const auto& [key, rollup] : wanted) {
        json::object item{{"account_id", string_value(rollup.account_id)},
                          {"payee_key", string_value(payee_key(rollup.month, rollup.description))},
                          {"month", string_value(rollup.month)},
                          {"description", string_value(rollup.description)},
                          {"total", number_value(rollup.total.cents())},
                          {"count", number_value(rollup.count)}};
        client_.call("PutItem",
                     json::object{{"TableName", tables_.payee_rollups}, {"Item", std::move(item)}});
        ++outcome.written;
    }
    return outcome;
}

}  // namespace bank
