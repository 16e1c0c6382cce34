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

// The bank-wide scan of DynamoDbStore (BankReads): accounts, stopping after `limit` items, in
// DynamoDB's order (none that means anything).
class DynamoDbBankReads {
public:
    DynamoDbBankReads(DynamoDbClient& client, const DynamoDbTables& tables, DynamoDbReads& reads)
        : client_(client), tables_(tables), reads_(reads) {}

    bool for_each_account(std::size_t limit, const std::function<void(const Account&)>& visit);

private:
    // Visits the table's items, at most `limit`; true when the Scan had none left over.
    bool scan_up_to(const std::string& table, std::size_t limit,
                    const std::function<void(const boost::json::object&)>& visit);

    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
    DynamoDbReads& reads_;
};

}  // namespace bank
