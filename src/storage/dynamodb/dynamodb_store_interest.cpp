// DynamoDbStore's InterestRateStore role, kept out of dynamodb_store.cpp.
#include "storage/dynamodb/dynamodb_interest_rates.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

bool DynamoDbStore::add_interest_rate(const InterestRate& rate) {
    return DynamoDbInterestRates(client_, tables_).add_rate(rate);
}

std::vector<InterestRate> DynamoDbStore::list_interest_rates(AccountType type) {
    return DynamoDbInterestRates(client_, tables_).rates(type);
}

std::optional<InterestAccrualRecord> DynamoDbStore::find_interest_accrual(
    std::string_view account_id, Month month) {
    return DynamoDbInterestRates(client_, tables_).find_accrual(account_id, month);
}

std::vector<InterestAccrualRecord> DynamoDbStore::list_interest_accruals(
    std::string_view account_id) {
    return DynamoDbInterestRates(client_, tables_).accruals(account_id);
}

bool DynamoDbStore::add_interest_accrual(const InterestAccrualRecord& record) {
    return DynamoDbInterestRates(client_, tables_).add_accrual(record);
}

std::vector<bool> DynamoDbStore::add_interest_accruals(
    const std::vector<InterestAccrualRecord>& records) {
    return DynamoDbInterestRates(client_, tables_).add_accruals(records);
}

}  // namespace bank
