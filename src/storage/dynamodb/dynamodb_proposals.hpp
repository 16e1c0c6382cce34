#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/proposal.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace bank {

// The proposals table (BankingProposals: proposal_id). A proposal is written whole once and
// decided by one conditional UpdateItem (`status = pending`), so two administrators approving
// at once on two servers decide it once. The list is a Scan bounded by its limit: proposals
// are an administrators' queue, a handful a day.
class DynamoDbProposals {
public:
    DynamoDbProposals(DynamoDbClient& client, const DynamoDbTables& tables)
        : client_(client), tables_(tables) {}

    bool add(const Proposal& proposal);
    std::optional<Proposal> find(std::string_view proposal_id);
    std::vector<Proposal> list(std::size_t limit);
    bool decide(const Proposal& decided);

private:
    DynamoDbClient& client_;
    const DynamoDbTables& tables_;
};

}  // namespace bank
