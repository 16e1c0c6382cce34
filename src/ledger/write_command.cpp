#include "ledger/write_command.hpp"

namespace bank {

std::string_view to_string(WriteStatus status) {
    switch (status) {
        case WriteStatus::ok:
            return "ok";
        case WriteStatus::email_taken:
            return "email_taken";
        case WriteStatus::user_not_found:
            return "user_not_found";
        case WriteStatus::account_not_found:
            return "account_not_found";
        case WriteStatus::account_closed:
            return "account_closed";
        case WriteStatus::too_many_accounts:
            return "too_many_accounts";
        case WriteStatus::balance_not_zero:
            return "balance_not_zero";
        case WriteStatus::insufficient_funds:
            return "insufficient_funds";
        case WriteStatus::amount_invalid:
            return "amount_invalid";
        case WriteStatus::balance_overflow:
            return "balance_overflow";
        case WriteStatus::counterparty_not_found:
            return "counterparty_not_found";
        case WriteStatus::counterparty_closed:
            return "counterparty_closed";
        case WriteStatus::same_account:
            return "same_account";
        case WriteStatus::duplicate:
            return "duplicate";
        case WriteStatus::idempotency_conflict:
            return "idempotency_conflict";
        case WriteStatus::transaction_not_found:
            return "transaction_not_found";
        case WriteStatus::rule_not_found:
            return "rule_not_found";
        case WriteStatus::too_many_rules:
            return "too_many_rules";
        case WriteStatus::session_not_found:
            return "session_not_found";
        case WriteStatus::too_many_tokens:
            return "too_many_tokens";
        case WriteStatus::reset_link_invalid:
            return "reset_link_invalid";
        case WriteStatus::time_zone_invalid:
            return "time_zone_invalid";
        case WriteStatus::unavailable:
            return "unavailable";
        case WriteStatus::invariant_violated:
            return "invariant_violated";
        case WriteStatus::account_frozen:
            return "account_frozen";
        case WriteStatus::counterparty_frozen:
            return "counterparty_frozen";
        case WriteStatus::account_not_frozen:
            return "account_not_frozen";
        case WriteStatus::already_reversed:
            return "already_reversed";
        case WriteStatus::not_reversible:
            return "not_reversible";
    }
    return "unavailable";
}

}  // namespace bank
