#include "storage/sqlite/sqlite_proposals.hpp"

#include <stdexcept>
#include <string>

#include "ledger/proposal_plans.hpp"

namespace bank {

namespace {

constexpr const char* proposal_columns =
    "proposal_id, kind, status, account_id, owner_user_id, transaction_id, freeze_mode, reason, "
    "proposed_by, proposed_at, decided_by, decided_at";

template <class T>
T known_in_proposals(std::optional<T> value, const std::string& text) {
    if (!value) throw std::runtime_error("sqlite: unknown value '" + text + "' in proposals");
    return *value;
}

Proposal read_proposal(const SqliteQuery& query) {
    Proposal proposal;
    proposal.proposal_id = query.text(0);
    proposal.kind = known_in_proposals(parse_proposal_kind(query.text(1)), query.text(1));
    proposal.status = known_in_proposals(parse_proposal_status(query.text(2)), query.text(2));
    proposal.account_id = query.text(3);
    proposal.owner_user_id = query.text(4);
    proposal.transaction_id = query.text(5);
    proposal.freeze_mode = known_in_proposals(parse_freeze_mode(query.text(6)), query.text(6));
    proposal.reason = query.text(7);
    proposal.proposed_by = query.text(8);
    proposal.proposed_at = from_micros(query.integer(9));
    proposal.decided_by = query.text(10);
    proposal.decided_at = from_micros(query.integer(11));
    return proposal;
}

}  // namespace

bool SqliteProposals::add(const Proposal& proposal) {
    connection_
        .query(std::string("INSERT INTO proposals (") + proposal_columns +
               ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (proposal_id) DO NOTHING")
        .bind(proposal.proposal_id)
        .bind(to_string(proposal.kind))
        .bind(to_string(proposal.status))
        .bind(proposal.account_id)
        .bind(proposal.owner_user_id)
        .bind(proposal.transaction_id)
        .bind(to_string(proposal.freeze_mode))
        .bind(proposal.reason)
        .bind(proposal.proposed_by)
        .bind(to_micros(proposal.proposed_at))
        .bind(proposal.decided_by)
        .bind(to_micros(proposal.decided_at))
        .run();
    return connection_.changes() == 1;
}

std::optional<Proposal> SqliteProposals::find(std::string_view proposal_id) {
    auto query = connection_.query(std::string("SELECT ") + proposal_columns +
                                   " FROM proposals WHERE proposal_id = ?");
    query.bind(proposal_id);
    if (!query.step()) return std::nullopt;
    return read_proposal(query);
}

std::vector<Proposal> SqliteProposals::list(std::size_t limit) {
    auto query = connection_.query(std::string("SELECT ") + proposal_columns +
                                   " FROM proposals ORDER BY proposed_at DESC LIMIT ?");
    query.bind(static_cast<std::int64_t>(limit));
    std::vector<Proposal> proposals;
    while (query.step()) proposals.push_back(read_proposal(query));
    return proposals;
}

bool SqliteProposals::decide(const Proposal& decided) {
    connection_
        .query(
            "UPDATE proposals SET status = ?, decided_by = ?, decided_at = ? "
            "WHERE proposal_id = ? AND status = 'pending'")
        .bind(to_string(decided.status))
        .bind(decided.decided_by)
        .bind(to_micros(decided.decided_at))
        .bind(decided.proposal_id)
        .run();
    return connection_.changes() == 1;
}

}  // namespace bank
