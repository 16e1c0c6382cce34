#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "ledger/model.hpp"

namespace bank {

// A bank operation one administrator proposes and another carries out (four eyes, as
// Fineract's maker-checker).
enum class ProposalKind { freeze, unfreeze, reversal };
enum class ProposalStatus { pending, approved, rejected };

std::string_view to_string(ProposalKind kind);
std::optional<ProposalKind> parse_proposal_kind(std::string_view text);
std::string_view to_string(ProposalStatus status);
std::optional<ProposalStatus> parse_proposal_status(std::string_view text);

struct Proposal {
    std::string proposal_id;
    ProposalKind kind = ProposalKind::freeze;
    ProposalStatus status = ProposalStatus::pending;
    std::string account_id;      // the account frozen, unfrozen, or the reversed row's
    std::string owner_user_id;   // that account's owner, whose audit log hears of every step
    std::string transaction_id;  // reversal: the posting undone; empty otherwise
    FreezeMode freeze_mode = FreezeMode::all;  // freeze only
    std::string reason;
    std::string proposed_by;  // administrator's user id
    Timestamp proposed_at{};
    std::string decided_by;  // empty while pending
    Timestamp decided_at{};
};

}  // namespace bank
