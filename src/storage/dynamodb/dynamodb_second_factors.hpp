#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ledger/second_factor.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"

namespace bank {

// The second-factor table: a person's record read with a strongly consistent GetItem and
// written with one PutItem whose condition is the version it was decided on.
class DynamoDbSecondFactors {
public:
    DynamoDbSecondFactors(DynamoDbClient& client, std::string table)
        : client_(client), table_(std::move(table)) {}

    std::optional<SecondFactor> find(std::string_view user_id);
    bool save(const SecondFactor& next);

private:
    DynamoDbClient& client_;
    std::string table_;
};

}  // namespace bank
