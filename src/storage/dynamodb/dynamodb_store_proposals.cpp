// DynamoDbStore's ProposalStore role, kept out of dynamodb_store.cpp.
#include "storage/dynamodb/dynamodb_proposals.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"

namespace bank {

bool DynamoDbStore::add_proposal(const Proposal& proposal) {
    return DynamoDbProposals(client_, tables_).add(proposal);
}

std::optional<Proposal> DynamoDbStore::find_proposal(std::string_view proposal_id) {
    return DynamoDbProposals(client_, tables_).find(proposal_id);
}

std::vector<Proposal> DynamoDbStore::list_proposals(std::size_t limit) {
    return DynamoDbProposals(client_, tables_).list(limit);
}

bool DynamoDbStore::decide_proposal(const Proposal& decided) {
    return DynamoDbProposals(client_, tables_).decide(decided);
}

std::optional<Transaction> DynamoDbStore::find_posting(std::string_view transaction_id) {
    RetryBudget budget = client_.new_budget();
    return reads_.transaction(transaction_id, budget);
}

}  // namespace bank
