#pragma once

#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/ledger_writer.hpp"
#include "ledger/proposal_store.hpp"
#include "service/audit_log.hpp"
#include "service/auth_service.hpp"

namespace bank {

// A proposal as administrators see it: whether it can still be decided, and the account's
// number (what people read) beside its id.
struct ProposalView {
    Proposal proposal;
    bool expired = false;  // pending and past limits::proposal_lifetime
    std::string account_number;
};

// Bank operations with four eyes (maker-checker, as Fineract's): one administrator proposes
// freezing or unfreezing an account or reversing a posting, and another approves (carrying it
// out through the ledger writer) or rejects it. The proposer cannot decide their own proposal;
// a proposal expires after limits::proposal_lifetime. Every step (proposed, approved,
// rejected, refused) goes to the audit logs of the administrators and of the account's owner.
class BankOperationsService {
public:
    BankOperationsService(ProposalStore& proposals, LedgerReads& ledger, IdentityReads& identities,
                          LedgerWriter& writer, const Clock& clock);

    // `mode` is debits, credits or all.
    boost::asio::awaitable<Result<Proposal>> propose_freeze(const Identity& admin,
                                                            std::string account_id,
                                                            std::string mode, std::string reason,
                                                            std::string client_address);
    boost::asio::awaitable<Result<Proposal>> propose_unfreeze(const Identity& admin,
                                                              std::string account_id,
                                                              std::string reason,
                                                              std::string client_address);
    boost::asio::awaitable<Result<Proposal>> propose_reversal(const Identity& admin,
                                                              std::string transaction_id,
                                                              std::string reason,
                                                              std::string client_address);
    // Approving carries the operation out; refused when the ledger refuses it (a reversal that
    // would overdraw), and then the proposal stays pending.
    boost::asio::awaitable<Result<Proposal>> decide(const Identity& admin, std::string proposal_id,
                                                    bool approve, std::string client_address);
    // Pending ones first (oldest first), then the others newest first; at most
    // limits::proposals_listed_max.
    Result<std::vector<ProposalView>> list(const Identity& admin);
    // The account with this number, for the admin page's form (people read numbers, not ids).
    Result<std::string> account_id_of_number(const Identity& admin, std::string_view number);

    ProposalView view_of(const Proposal& proposal);

private:
    boost::asio::awaitable<Result<Proposal>> propose(const Identity& admin, Proposal request,
                                                     std::string client_address);
    boost::asio::awaitable<Result<WriteResult>> carry_out(const Proposal& proposal);
    // Records `kind` with `detail` for the acting administrator (awaited), and for the
    // proposer and the account's owner when they are other people.
    boost::asio::awaitable<void> audit(const Identity& admin, const Proposal& proposal,
                                       AuditEventKind kind, const std::string& detail,
                                       const std::string& client_address);
    std::string describe(const Proposal& proposal);

    ProposalStore& proposals_;
    LedgerReads& ledger_;
    LedgerWriter& writer_;
    const Clock& clock_;
    AuditLog audit_log_;
};

}  // namespace bank
