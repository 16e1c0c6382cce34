#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/proposal.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// The proposals of bank operations (freeze, unfreeze, reversal) awaiting a second
// administrator. Like PasskeyStore, no money moves here, so nothing waits in the writer's
// queue: each change is one conditional write; the operation itself, once approved, is a
// ledger command. May be called from any thread at once; a backend that cannot answer throws
// StoreUnavailable.
class ProposalStore {
public:
    virtual ~ProposalStore() = default;

    // Stores a new proposal; false, writing nothing, when its id is taken.
    virtual bool add_proposal(const Proposal& proposal) = 0;
    // Strongly consistent; nullopt when there is none.
    virtual std::optional<Proposal> find_proposal(std::string_view proposal_id) = 0;
    // At most `limit` proposals, in no particular order (the service sorts them).
    virtual std::vector<Proposal> list_proposals(std::size_t limit) = 0;
    // Writes the decided proposal only while the stored one is still pending; false
    // otherwise (another administrator decided it first), writing nothing.
    virtual bool decide_proposal(const Proposal& decided) = 0;
    // The posting a reversal names, on whoever's account (LedgerReads::find_transaction
    // answers only the owner; this is for administrators), strongly consistent.
    virtual std::optional<Transaction> find_posting(std::string_view transaction_id) = 0;
};

}  // namespace bank
