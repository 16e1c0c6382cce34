#include "ledger/model.hpp"

namespace bank {

std::string_view to_string(Role role) { return role == Role::admin ? "admin" : "customer"; }

std::string_view to_string(AccountType type) {
    return type == AccountType::savings ? "savings" : "checking";
}

std::string_view to_string(AccountStatus status) {
    return status == AccountStatus::closed ? "closed" : "active";
}

std::string_view to_string(TransactionType type) {
    switch (type) {
        case TransactionType::deposit:
            return "deposit";
        case TransactionType::withdrawal:
            return "withdrawal";
        case TransactionType::transfer_in:
            return "transfer_in";
        case TransactionType::transfer_out:
            return "transfer_out";
    }
    return "deposit";
}

std::string_view to_string(SessionKind kind) {
    switch (kind) {
        case SessionKind::sign_in:
            return "sign_in";
        case SessionKind::access_token:
            return "access_token";
        case SessionKind::password_reset:
            return "password_reset";
    }
    return "sign_in";
}

std::optional<SessionKind> parse_session_kind(std::string_view text) {
    if (text == "sign_in") return SessionKind::sign_in;
    if (text == "access_token") return SessionKind::access_token;
    if (text == "password_reset") return SessionKind::password_reset;
    return std::nullopt;
}

std::string_view to_string(TokenScope scope) {
    switch (scope) {
        case TokenScope::full:
            return "full";
        case TokenScope::read:
            return "read";
        case TokenScope::payments:
            return "payments";
    }
    return "full";
}

std::optional<TokenScope> parse_token_scope(std::string_view text) {
    if (text == "full") return TokenScope::full;
    if (text == "read") return TokenScope::read;
    if (text == "payments") return TokenScope::payments;
    return std::nullopt;
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "customer") return Role::customer;
    if (text == "admin") return Role::admin;
    return std::nullopt;
}

std::optional<AccountType> parse_account_type(std::string_view text) {
    if (text == "checking") return AccountType::checking;
    if (text == "savings") return AccountType::savings;
    return std::nullopt;
}

std::optional<AccountStatus> parse_account_status(std::string_view text) {
    if (text == "active") return AccountStatus::active;
    if (text == "closed") return AccountStatus::closed;
    return std::nullopt;
}

std::optional<TransactionType> parse_transaction_type(std::string_view text) {
    if (text == "deposit") return TransactionType::deposit;
    if (text == "withdrawal") return TransactionType::withdrawal;
    if (text == "transfer_in") return TransactionType::transfer_in;
    if (text == "transfer_out") return TransactionType::transfer_out;
    return std::nullopt;
}

std::string_view display_name(AccountType type) {
    return type == AccountType::savings ? "Savings" : "Checking";
}

std::string_view display_name(TransactionType type) {
    switch (type) {
        case TransactionType::deposit:
            return "Deposit";
        case TransactionType::withdrawal:
            return "Withdrawal";
        case TransactionType::transfer_in:
            return "Transfer in";
        case TransactionType::transfer_out:
            return "Transfer out";
    }
    return "Deposit";
}

std::string_view to_string(FreezeMode mode) {
    switch (mode) {
        case FreezeMode::debits:
            return "debits";
        case FreezeMode::credits:
            return "credits";
        case FreezeMode::all:
            return "all";
    }
    return "all";
}

std::optional<FreezeMode> parse_freeze_mode(std::string_view text) {
    if (text == "debits") return FreezeMode::debits;
    if (text == "credits") return FreezeMode::credits;
    if (text == "all") return FreezeMode::all;
    return std::nullopt;
}

bool freeze_forbids(const AccountFreeze& freeze, bool debit) {
    if (freeze.mode == FreezeMode::all) return true;
    return debit ? freeze.mode == FreezeMode::debits : freeze.mode == FreezeMode::credits;
}

bool is_credit(TransactionType type) {
    return type == TransactionType::deposit || type == TransactionType::transfer_in;
}

namespace {

constexpr AuditEventKind audit_event_kinds[] = {
    AuditEventKind::registered,
    AuditEventKind::login_succeeded,
    AuditEventKind::login_failed,
    AuditEventKind::locked_out,
    AuditEventKind::logged_out,
    AuditEventKind::password_changed,
    AuditEventKind::profile_changed,
    AuditEventKind::role_granted,
    AuditEventKind::second_factor_enrolled,
    AuditEventKind::second_factor_removed,
    AuditEventKind::second_factor_used,
    AuditEventKind::second_factor_failed,
    AuditEventKind::recovery_codes_regenerated,
    AuditEventKind::session_ended,
    AuditEventKind::other_sessions_ended,
    AuditEventKind::token_created,
    AuditEventKind::token_revoked,
    AuditEventKind::account_disabled,
    AuditEventKind::account_enabled,
    AuditEventKind::admin_action,
    AuditEventKind::password_reset_requested,
    AuditEventKind::password_reset,
    AuditEventKind::passkey_added,
    AuditEventKind::passkey_removed,
    AuditEventKind::passkey_used,
    AuditEventKind::operation_proposed,
    AuditEventKind::operation_approved,
    AuditEventKind::operation_rejected,
    AuditEventKind::operation_refused,
    AuditEventKind::standing_order_posted,
    AuditEventKind::standing_order_retrying,
    AuditEventKind::standing_order_failed,
    AuditEventKind::standing_order_skipped,
};

}  // namespace

std::string_view to_string(AuditEventKind kind) {
    switch (kind) {
        case AuditEventKind::registered:
            return "registered";
        case AuditEventKind::login_succeeded:
            return "login_succeeded";
        case AuditEventKind::login_failed:
            return "login_failed";
        case AuditEventKind::locked_out:
            return "locked_out";
        case AuditEventKind::logged_out:
            return "logged_out";
        case AuditEventKind::password_changed:
            return "password_changed";
        case AuditEventKind::profile_changed:
            return "profile_changed";
        case AuditEventKind::role_granted:
            return "role_granted";
        case AuditEventKind::second_factor_enrolled:
            return "second_factor_enrolled";
        case AuditEventKind::second_factor_removed:
            return "second_factor_removed";
        case AuditEventKind::second_factor_used:
            return "second_factor_used";
        case AuditEventKind::second_factor_failed:
            return "second_factor_failed";
        case AuditEventKind::recovery_codes_regenerated:
            return "recovery_codes_regenerated";
        case AuditEventKind::session_ended:
            return "session_ended";
        case AuditEventKind::other_sessions_ended:
            return "other_sessions_ended";
        case AuditEventKind::token_created:
            return "token_created";
        case AuditEventKind::token_revoked:
            return "token_revoked";
        case AuditEventKind::account_disabled:
            return "account_disabled";
        case AuditEventKind::account_enabled:
            return "account_enabled";
        case AuditEventKind::admin_action:
            return "admin_action";
        case AuditEventKind::password_reset_requested:
            return "password_reset_requested";
        case AuditEventKind::password_reset:
            return "password_reset";
        case AuditEventKind::passkey_added:
            return "passkey_added";
        case AuditEventKind::passkey_removed:
            return "passkey_removed";
        case AuditEventKind::passkey_used:
            return "passkey_used";
        case AuditEventKind::operation_proposed:
            return "operation_proposed";
        case AuditEventKind::operation_approved:
            return "operation_approved";
        case AuditEventKind::operation_rejected:
            return "operation_rejected";
        case AuditEventKind::operation_refused:
            return "operation_refused";
        case AuditEventKind::standing_order_posted:
            return "standing_order_posted";
        case AuditEventKind::standing_order_retrying:
            return "standing_order_retrying";
        case AuditEventKind::standing_order_failed:
            return "standing_order_failed";
        case AuditEventKind::standing_order_skipped:
            return "standing_order_skipped";
    }
    return "login_succeeded";
}

std::optional<AuditEventKind> parse_audit_event_kind(std::string_view text) {
    for (AuditEventKind kind : audit_event_kinds) {
        if (to_string(kind) == text) return kind;
    }
    return std::nullopt;
}

std::string_view display_name(AuditEventKind kind) {
    switch (kind) {
        case AuditEventKind::registered:
            return "Registered";
        case AuditEventKind::login_succeeded:
            return "Signed in";
        case AuditEventKind::login_failed:
            return "Failed sign-in";
        case AuditEventKind::locked_out:
            return "Sign-in locked";
        case AuditEventKind::logged_out:
            return "Signed out";
        case AuditEventKind::password_changed:
            return "Password changed";
        case AuditEventKind::profile_changed:
            return "Profile changed";
        case AuditEventKind::role_granted:
            return "Role granted";
        case AuditEventKind::second_factor_enrolled:
            return "Authenticator app added";
        case AuditEventKind::second_factor_removed:
            return "Authenticator app removed";
        case AuditEventKind::second_factor_used:
            return "Second factor used";
        case AuditEventKind::second_factor_failed:
            return "Wrong second-factor code";
        case AuditEventKind::recovery_codes_regenerated:
            return "Recovery codes replaced";
        case AuditEventKind::session_ended:
            return "Session signed out";
        case AuditEventKind::other_sessions_ended:
            return "Signed out everywhere else";
        case AuditEventKind::token_created:
            return "Access token created";
        case AuditEventKind::token_revoked:
            return "Access token revoked";
        case AuditEventKind::account_disabled:
            return "Account disabled";
        case AuditEventKind::account_enabled:
            return "Account enabled";
        case AuditEventKind::admin_action:
            return "Administrator action";
        case AuditEventKind::password_reset_requested:
            return "Password reset requested";
        case AuditEventKind::password_reset:
            return "Password reset";
        case AuditEventKind::passkey_added:
            return "Passkey added";
        case AuditEventKind::passkey_removed:
            return "Passkey removed";
        case AuditEventKind::passkey_used:
            return "Passkey used";
        case AuditEventKind::operation_proposed:
            return "Bank operation proposed";
        case AuditEventKind::operation_approved:
            return "Bank operation approved";
        case AuditEventKind::operation_rejected:
            return "Bank operation rejected";
        case AuditEventKind::operation_refused:
            return "Bank operation refused";
        case AuditEventKind::standing_order_posted:
            return "Standing order paid";
        case AuditEventKind::standing_order_retrying:
            return "Standing order short of funds";
        case AuditEventKind::standing_order_failed:
            return "Standing order failed";
        case AuditEventKind::standing_order_skipped:
            return "Standing order skipped";
    }
    return "Signed in";
}

}  // namespace bank
