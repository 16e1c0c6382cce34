// SqliteStore's ProposalStore role, kept out of sqlite_store.cpp.
#include "storage/sqlite/sqlite_proposals.hpp"
#include "storage/sqlite/sqlite_rows.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank {

// As the passkeys: each write borrows a side writer (side_writers_.with), which takes SQLite's
// write lock for this one conditional statement, outside the ledger writer's queue (no money
// moves).

bool SqliteStore::add_proposal(const Proposal& proposal) {
    return side_writers_.with<SqliteProposals>(
        [&](SqliteProposals& proposals) { return proposals.add(proposal); });
}

std::optional<Proposal> SqliteStore::find_proposal(std::string_view proposal_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return SqliteProposals(connection).find(proposal_id);
    });
}

std::vector<Proposal> SqliteStore::list_proposals(std::size_t limit) {
    return readers_.with_connection(
        [&](SqliteConnection& connection) { return SqliteProposals(connection).list(limit); });
}

bool SqliteStore::decide_proposal(const Proposal& decided) {
    return side_writers_.with<SqliteProposals>(
        [&](SqliteProposals& proposals) { return proposals.decide(decided); });
}

std::optional<Transaction> SqliteStore::find_posting(std::string_view transaction_id) {
    return readers_.with_connection([&](SqliteConnection& connection) {
        return select_transaction(connection, transaction_id);
    });
}

}  // namespace bank
