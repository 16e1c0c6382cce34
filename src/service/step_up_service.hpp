#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/result.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/second_factor_plans.hpp"
#include "service/auth_service.hpp"
#include "service/challenge_signer.hpp"
#include "service/passkey_service.hpp"
#include "service/second_factor_records.hpp"

namespace bank {

// A step-up the person must approve before the transfer goes: bound to this payee and amount.
// It can be answered with a TOTP code (when `totp`) or with one of the passkeys named (the
// WebAuthn challenge is the challenge id itself, which commits to payee and amount).
// For a bulk payment, bound to its count, total and payees' digest (StepUpBatchBinding): then
// `count` is not zero, `amount` is the total and `payee` the binding's text.
struct StepUpChallenge {
    std::string challenge_id;
    std::string payee;  // the account number
    Money amount;
    Timestamp expires_at{};
    bool totp = false;
    std::vector<std::string> passkey_credential_ids;  // base64url; empty: no passkey answers
    std::size_t count = 0;
    std::string payees_digest;
};

// What a bulk payment's approval is bound to: how many transfers, their total, and the
// SHA-256 (hex) of their payees and amounts: one line "<to_account_number> <cents>" per
// transfer, sorted, joined by "\n". Another count, total, payee or amount gives another binding.
struct StepUpBatchBinding {
    std::size_t count = 0;
    Money total;
    std::string payees_digest;
    // The text the challenge signs in the payee's place: "batch:<count>:<digest>" (an account
    // number is ten digits, so no single transfer's binding equals it).
    std::string bound_text() const;
};

// One transfer of a bulk payment as typed.
struct StepUpBatchItem {
    std::string to_account_number;
    std::string amount;
};

// The binding of the items that are a valid account number and amount (the others are
// refused by PaymentService and move nothing); nullopt when no item is, or the total
// overflows.
std::optional<StepUpBatchBinding> bind_batch(const std::vector<StepUpBatchItem>& items);

// The answer the person sent with the retried transfer: X-Step-Up: challenge_id:code, or a
// passkey's assertion over the challenge id (X-Step-Up-Passkey on the API).
struct StepUpAnswer {
    std::string challenge_id;
    std::string code;
    std::optional<WebAuthnAssertionResponse> passkey;
};

// Either the transfer may go (approved), or it waits for the challenge.
struct StepUpOutcome {
    std::optional<StepUpChallenge> challenge;
    bool approved() const { return !challenge; }
};

// Dynamic linking (EU Regulation 2018/389, Art. 5): a transfer to an account number the
// person never paid before, or above their threshold, needs a fresh TOTP code or passkey
// assertion bound to that payee and amount, as the operator's policy (BANK_STEP_UP) says.
class StepUpService {
public:
    StepUpService(SecondFactorRecords& records, LedgerReads& ledger, AuthService& auth,
                  PasskeyService& passkeys, AuditLog audit_log, const ChallengeSigner& challenges,
                  StepUpPolicy policy)
        : records_(records),
          ledger_(ledger),
          auth_(auth),
          passkeys_(passkeys),
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

    // step_up_batch.cpp: the same for a bulk payment, once for the whole batch: approval is
    // needed when any item would need it alone, and is bound to bind_batch of the items.
    boost::asio::awaitable<Result<StepUpOutcome>> check_batch(
        const Identity& identity, const std::vector<StepUpBatchItem>& items,
        std::optional<StepUpAnswer> answer, std::string client_address);

    // "<challenge_id>:<code>" from the X-Step-Up header; nullopt when it is not that shape.
    static std::optional<StepUpAnswer> parse_header(std::string_view value);
    // A passkey's assertion as the answer: the challenge id is the challenge it signed.
    static std::optional<StepUpAnswer> passkey_answer(WebAuthnAssertionResponse response);

    // True when the person already sent a request with this Idempotency-Key within the
    // window: the retry answers the remembered outcome (or a conflict) and moves no money,
    // so it is not asked to approve the transfer again.
    bool is_remembered_request(std::string_view user_id, std::string_view idempotency_key);

private:
    boost::asio::awaitable<Result<StepUpOutcome>> answer_challenge(const Identity& identity,
                                                                   const StepUpChallenge& bound,
                                                                   const StepUpAnswer& answer,
                                                                   std::string client_address);
    boost::asio::awaitable<Result<StepUpOutcome>> answer_with_code(const User& user,
                                                                   const StepUpChallenge& bound,
                                                                   Timestamp issued_at,
                                                                   const StepUpAnswer& answer,
                                                                   std::string client_address);
    boost::asio::awaitable<Error> refuse_code(const User& user, SecondFactorStatus status,
                                              std::string client_address);

    SecondFactorRecords& records_;
    LedgerReads& ledger_;
    AuthService& auth_;
    PasskeyService& passkeys_;
    AuditLog audit_log_;
    const ChallengeSigner& challenges_;
    StepUpPolicy policy_;
};

}  // namespace bank
