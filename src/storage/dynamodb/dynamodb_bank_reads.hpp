#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include <boost/json/object.hpp>

#include "ledger/model.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace bank {

class DynamoDbClient;
class DynamoDbReads;

// The bank-wide reads of DynamoDbStore (BankReads): Scans that stop after `limit` items, in
// DynamoDB's order (none that means anything). No table has an index by time across
// accounts, so the postings of a period are the matching ones among the first `limit`
// postings scanned.
class DynamoDbBankReads {
public:
    DynamoDbBankReads(DynamoDbClient& client, const DynamoDbTables& tables, DynamoDbReads& reads)
        : client_(client), tables_(tables), reads_(reads) {}

    bool for_each_user(std::size_t limit, const std::function<void(const User&)>& visit);
    bool for_each_account(std::size_t limit, const std::function<void(const Account&)>& visit);
    bool for_each_rollup(std::size_t limit, const std::function<void(const Rollup&)>& visit);
    bool for_each_posting_between(Timestamp from, Timestamp to, std::size_t limit,
                                  const std::function<void(const Transaction&)>& visit);

private:
    // Visits the table's items, at most `limit`; true when the Scan had none left over.
    bool scan_up_to(const std::string& table, std::size_t limit,
                    const std::function<void(const boost::json::object&)>& visit);

    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
    DynamoDbReads& reads_;
};

}  // namespace bank
