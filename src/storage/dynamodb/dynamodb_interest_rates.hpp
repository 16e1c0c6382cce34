#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/interest_rate.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace bank {

// The interest table (BankingInterestRates: `scope` + `item_key`). A type's rate periods are
// `rate#<type>` + effective_from, an account's month records `accrual#<account id>` + month,
// so each list is one Query in key order. Every write is conditional on
// `attribute_not_exists(item_key)` (a PutItem, or a round's records in TransactWriteItems of
// up to 100): of two servers recording the same month one succeeds, and nothing stored is
// ever replaced.
class DynamoDbInterestRates {
public:
    DynamoDbInterestRates(DynamoDbClient& client, const DynamoDbTables& tables)
        : client_(client), tables_(tables) {}

    bool add_rate(const InterestRate& rate);
    std::vector<InterestRate> rates(AccountType type);
    bool add_accrual(const InterestAccrualRecord& record);
    // add_accrual for each record, in requests of up to 100 sent together; throws
    // StoreUnavailable after writing what it could when some could not be written.
    std::vector<bool> add_accruals(const std::vector<InterestAccrualRecord>& records);
    std::optional<InterestAccrualRecord> find_accrual(std::string_view account_id, Month month);
    std::vector<InterestAccrualRecord> accruals(std::string_view account_id);

private:
    bool put_if_absent(boost::json::object item);
    std::vector<boost::json::object> query(const std::string& scope);

    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
};

}  // namespace bank
