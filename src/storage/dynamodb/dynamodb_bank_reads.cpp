#include "storage/dynamodb/dynamodb_bank_reads.hpp"

#include <cstdint>

#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_items.hpp"
#include "storage/dynamodb/dynamodb_reads.hpp"

namespace bank {

namespace json = boost::json;
using namespace dynamodb_items;

bool DynamoDbBankReads::scan_up_to(const std::string& table, std::size_t limit,
                                   const std::function<void(const json::object&)>& visit) {
    RetryBudget budget = client_.new_budget();
    std::size_t visited = 0;
    bool complete = true;
    // A page of limit + 1 items at most: one more than may be visited tells whether the read
    // was cut without reading a page beyond it.
    reads_.for_each_page_item(
        "Scan",
        json::object{{"TableName", table},
                     {"ConsistentRead", true},
                     {"Limit", static_cast<std::int64_t>(limit) + 1}},
        [&](const json::object& item) {
            if (visited == limit) {
                complete = false;
                return false;
            }
            visit(item);
            ++visited;
            return true;
        },
        budget);
    return complete;
}

bool DynamoDbBankReads::for_each_user(std::size_t limit,
                                      const std::function<void(const User&)>& visit) {
    return scan_up_to(tables_.users, limit,
                      [&](const json::object& item) { visit(read_user(item)); });
}

bool DynamoDbBankReads::for_each_account(std::size_t limit,
                                         const std::function<void(const Account&)>& visit) {
    return scan_up_to(tables_.accounts, limit,
                      [&](const json::object& item) { visit(read_account(item)); });
}

bool DynamoDbBankReads::for_each_rollup(std::size_t limit,
                                        const std::function<void(const Rollup&)>& visit) {
    return scan_up_to(tables_.rollups, limit, [&](const json::object& item) {
        Rollup rollup = read_rollup(item);
        // A recategorisation can take a rollup back to nothing.
        if (rollup.count != 0) visit(rollup);
    });
}

bool DynamoDbBankReads::for_each_posting_between(
    Timestamp from, Timestamp to, std::size_t limit,
    const std::function<void(const Transaction&)>& visit) {
    return scan_up_to(tables_.transactions, limit, [&](const json::object& item) {
        const Transaction row = read_transaction(item);
        if (row.timestamp >= from && row.timestamp < to) visit(row);
    });
}

}  // namespace bank
