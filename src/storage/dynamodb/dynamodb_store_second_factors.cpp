// DynamoDbStore's SecondFactorStore role, kept out of dynamodb_store.cpp.
#include "storage/dynamodb/dynamodb_second_factors.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

std::optional<SecondFactor> DynamoDbStore::find_second_factor(std::string_view user_id) {
    return DynamoDbSecondFactors(client_, tables_.second_factors).find(user_id);
}

bool DynamoDbStore::save_second_factor(const SecondFactor& next) {
    return DynamoDbSecondFactors(client_, tables_.second_factors).save(next);
}

}  // namespace bank
