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

bool DynamoDbBankReads::for_each_account(std::size_t limit,
                                         const std::function<void(const Account&)>& visit) {
    return scan_up_to(tables_.accounts, limit,
                      [&](const json::object& item) { visit(read_account(item)); });
}

}  // namespace bank
