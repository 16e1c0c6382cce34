#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ledger/proposal.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace bank {

// The proposals table (schema 13) on one connection: a proposal read and written whole,
// decided only while it is pending.
class SqliteProposals {
public:
    explicit SqliteProposals(SqliteConnection& connection) : connection_(connection) {}

    // False when the id is taken.
    bool add(const Proposal& proposal);
    std::optional<Proposal> find(std::string_view proposal_id);
    // The newest `limit`, newest first.
    std::vector<Proposal> list(std::size_t limit);
    // False when the stored proposal is no longer pending (or missing).
    bool decide(const Proposal& decided);

private:
    SqliteConnection& connection_;
};

}  // namespace bank
