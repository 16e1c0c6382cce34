#pragma once

#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "core/result.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/second_factor_plans.hpp"
#include "service/auth_service.hpp"
#include "service/challenge_signer.hpp"
#include "service/second_factor_records.hpp"

namespace bank {

// A step-up the person must approve before the transfer goes: bound to this payee and amount.
struct StepUpChallenge {
    std::string challenge_id;
    std::string payee;  // the account number
    Money amount;
    Timestamp expires_at{};
};

// The answer the person sent with the retried transfer (X-Step-Up: challenge_id:code).
struct StepUpAnswer {
    std::string challenge_id;
    std::string code;
};

// Either the transfer may go (approved), or it waits for the challenge.
struct StepUpOutcome {
    std::optional<StepUpChallenge> challenge;
    bool approved() const { return !challenge; }
};

// Dynamic linking (EU Regulation 2018/389, Art. 5): a transfer to an account number the
// person never paid before, or above their threshold, needs a fresh TOTP code bound to that
// payee and amount, as the operator's policy (BANK_STEP_UP) says.
class StepUpService {
public:
    StepUpService(SecondFactorRecords& records, LedgerReads& ledger, AuthService& auth,
                  AuditLog audit_log, const ChallengeSigner& challenges, StepUpPolicy policy)
        : records_(records),
          ledger_(ledger),
          auth_(auth),
          audit_log_(std::move(audit_log)),
          challenges_(challenges),
          policy_(policy) {}

    StepUpPolicy policy() const { return policy_; }

    // Decides for a transfer as typed. Text that is not a valid amount or account number
    // is left to PaymentService to refuse (approved: nothing moves without its checks).
    // With an answer, checks it and spends the challenge; a wrong code counts towards the
    // sign-in lockout.
    boost::asio::awaitable<Result<StepUpOutcome>> check_transfer(const Identity& identity,
                                                                 std::string_view to_account_number,
                                                                 std::string_view amount,
                                                                 std::optional<StepUpAnswer> answer,
                                                                 std::string client_address);

    // "<challenge_id>:<code>" from the X-Step-Up header; nullopt when it is not that shape.
    static std::optional<StepUpAnswer> parse_header(std::string_view value);

private:
    boost::asio::awaitable<Result<StepUpOutcome>> answer_challenge(const Identity& identity,
                                                                   const StepUpChallenge& bound,
                                                                   const StepUpAnswer& answer,
                                                                   std::string client_address);

    SecondFactorRecords& records_;
    LedgerReads& ledger_;
    AuthService& auth_;
    AuditLog audit_log_;
    const ChallengeSigner& challenges_;
    StepUpPolicy policy_;
};

}  // namespace bank
