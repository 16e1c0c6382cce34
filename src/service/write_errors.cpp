#include "service/write_errors.hpp"

#include <optional>
#include <stdexcept>
#include <string>

#include "core/limits.hpp"

namespace bank {

namespace {

using C = ErrorCode;

// The refusals about people and accounts; nullopt for the others.
std::optional<Error> account_error(WriteStatus status) {
    switch (status) {
        case WriteStatus::email_taken:
            return make_error(C::conflict,
                              "An account with this email already exists. Sign in instead.",
                              "email");
        case WriteStatus::user_not_found:
            return make_error(C::not_found, "That person was not found.");
        case WriteStatus::account_not_found:
            return make_error(C::not_found, "That account was not found.", "account_id");
        case WriteStatus::account_closed:
            return make_error(C::account_closed, "That account is closed.", "account_id");
        case WriteStatus::too_many_accounts:
            return make_error(C::validation_failed,
                              "You already have the most accounts one person may open (" +
                                  std::to_string(limits::accounts_per_user_max) + ").",
                              "account_type");
        case WriteStatus::time_zone_invalid:
            return make_error(C::validation_failed,
                              "Choose a time zone of the list: an IANA name such as Europe/Paris.",
                              "time_zone");
        case WriteStatus::balance_not_zero:
            return make_error(
                C::validation_failed,
                "Only an account with a zero balance can be closed. Move the money out first.",
                "account_id");
        default:
            return std::nullopt;
    }
}

// The refusals about money and what a person keeps; nullopt for the others.
std::optional<Error> money_error(WriteStatus status) {
    switch (status) {
        case WriteStatus::insufficient_funds:
            return make_error(C::insufficient_funds,
                              "Insufficient funds: the account's balance is less than the amount.",
                              "amount");
        case WriteStatus::amount_invalid:
            return make_error(C::validation_failed,
                              "The amount must be between $0.01 and " +
                                  Money::from_cents(limits::amount_cents_max).display() + ".",
                              "amount");
        case WriteStatus::balance_overflow:
            return make_error(C::validation_failed,
                              "That amount would take the balance past what an account can hold.",
                              "amount");
        case WriteStatus::counterparty_not_found:
            return make_error(C::not_found, "No account in this bank has that number.",
                              "to_account_number");
        case WriteStatus::counterparty_closed:
            return make_error(C::account_closed, "The receiving account is closed.",
                              "to_account_number");
        case WriteStatus::same_account:
            return make_error(C::validation_failed,
                              "You cannot transfer money to the same account.",
                              "to_account_number");
        case WriteStatus::duplicate:
            return make_error(C::conflict, "This request was already made.");
        case WriteStatus::idempotency_conflict:
            return make_error(C::idempotency_conflict,
                              "This Idempotency-Key was already used for a different request.");
        case WriteStatus::transaction_not_found:
            return make_error(C::not_found, "That transaction was not found.", "transaction_id");
        case WriteStatus::rule_not_found:
            return make_error(C::not_found, "That rule was not found.", "rule_id");
        case WriteStatus::too_many_rules:
            return make_error(C::validation_failed,
                              "You already have the most category rules one person may keep (" +
                                  std::to_string(limits::category_rules_per_user_max) + ").",
                              "pattern");
        default:
            return std::nullopt;
    }
}

// The refusals of the bank's operations (freezes and reversals); nullopt for the others.
std::optional<Error> operation_error(WriteStatus status) {
    switch (status) {
        case WriteStatus::account_frozen:
            return make_error(C::account_frozen,
                              "This account is frozen by the bank and cannot make this payment. "
                              "Your accounts page says why.",
                              "account_id");
        case WriteStatus::counterparty_frozen:
            return make_error(C::account_frozen,
                              "The receiving account is frozen by the bank and cannot receive "
                              "money.",
                              "to_account_number");
        case WriteStatus::account_not_frozen:
            return make_error(C::conflict, "That account is not frozen.", "account_id");
        case WriteStatus::already_reversed:
            return make_error(C::conflict, "That posting was already reversed.", "transaction_id");
        case WriteStatus::not_reversible:
            return make_error(C::conflict, "A reversal cannot itself be reversed.",
                              "transaction_id");
        default:
            return std::nullopt;
    }
}

}  // namespace

Error to_error(WriteStatus status) {
    if (status == WriteStatus::invariant_violated) {
        // A defect, not the person's mistake: the store logged it with the command's ids and
        // wrote nothing; the request ends as any internal failure does (500).
        throw std::logic_error("the store refused a write that broke a ledger invariant");
    }
    if (auto error = account_error(status)) return *error;
    if (auto error = money_error(status)) return *error;
    if (auto error = operation_error(status)) return *error;
    return make_error(C::unavailable,
                      "The bank cannot take this request right now. Nothing was changed; please "
                      "try again in a moment.");
}

}  // namespace bank
