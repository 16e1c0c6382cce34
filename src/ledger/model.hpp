#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/money.hpp"

namespace bank {

enum class Role { customer, admin };
enum class AccountType { checking, savings };
enum class AccountStatus { active, closed };
enum class TransactionType { deposit, withdrawal, transfer_in, transfer_out };
// What an administrator's freeze of an account refuses: money leaving it, money reaching it,
// or both.
enum class FreezeMode { debits, credits, all };

std::string_view to_string(Role role);
std::string_view to_string(AccountType type);
std::string_view to_string(AccountStatus status);
std::string_view to_string(TransactionType type);
std::optional<Role> parse_role(std::string_view text);
std::optional<AccountType> parse_account_type(std::string_view text);
std::optional<AccountStatus> parse_account_status(std::string_view text);
std::optional<TransactionType> parse_transaction_type(std::string_view text);
std::string_view to_string(FreezeMode mode);
std::optional<FreezeMode> parse_freeze_mode(std::string_view text);
// "Checking", "Transfer in": the labels pages show.
std::string_view display_name(AccountType type);
std::string_view display_name(TransactionType type);
// Deposits and incoming transfers add to a balance; the others take from it.
bool is_credit(TransactionType type);

struct User {
    std::string user_id;
    std::string email;  // case-folded
    std::string password_hash;
    std::string full_name;
    std::string phone;
    Timestamp created_at{};
    int failed_logins = 0;
    Timestamp locked_until{};  // the epoch when not locked
    Role role = Role::customer;
    // Set by an administrator: signing in is refused and no session or token of the person
    // is accepted until enabled again.
    bool disabled = false;
    // The IANA name of the zone the person's pages and daily and monthly figures follow
    // (core/time_zone.hpp); stored instants stay UTC.
    std::string time_zone = "UTC";
};

// An account's freeze, set and lifted by two administrators (ledger/proposal_plans.hpp); the
// reason is the administrators' text, shown to the owner.
struct AccountFreeze {
    FreezeMode mode = FreezeMode::all;
    std::string reason;
};

// Whether a freeze refuses a posting that takes money from (`debit`) or brings money to the
// account.
bool freeze_forbids(const AccountFreeze& freeze, bool debit);

struct Account {
    std::string account_id;
    std::string account_number;
    std::string user_id;
    AccountType account_type = AccountType::checking;
    Money balance;
    AccountStatus status = AccountStatus::active;
    Timestamp created_at{};
    std::optional<AccountFreeze> freeze;  // none: not frozen
};

struct Transaction {
    std::string transaction_id;
    std::string account_id;
    TransactionType transaction_type = TransactionType::deposit;
    Money amount;         // always positive
    Money balance_after;  // the account's balance right after this posting
    std::string counterparty_account_number;
    std::string description;
    std::string category;
    Timestamp timestamp{};
    std::string transfer_id;      // links the two legs of a transfer; empty otherwise
    std::string idempotency_key;  // empty when the client sent none
    std::int64_t sequence = 0;    // the store's insertion order, used for paging
    // A reversal's row names the row it undoes; the undone row names its reversal (the only
    // thing ever written to a posted row: amounts and balances never change).
    std::string reversal_of;
    std::string reversed_by;
};

// Per account, month, category and type: the sum and count of postings, kept in the same
// atomic write as every posting so that analytics never scans the history.
struct Rollup {
    std::string account_id;
    std::string month;     // "2026-11", UTC
    std::string category;  // empty: uncategorised
    TransactionType transaction_type = TransactionType::deposit;
    Money total;
    std::int64_t count = 0;
};

// Per account, month and description (the payee): the sum and count of the outgoing
// postings (withdrawals and outgoing transfers), kept in the same atomic write as every
// posting so that the top payees of a period never scan its postings.
struct PayeeRollup {
    std::string account_id;
    std::string month;  // "2026-11", UTC
    std::string description;
    Money total;
    std::int64_t count = 0;
};

// A person's rule for inferring a category: a description containing `pattern`
// (case-insensitive) gets `category`.
struct CategoryRule {
    std::string rule_id;
    std::string user_id;
    std::string pattern;
    std::string category;
    Timestamp created_at{};
};

// What a row of the sessions table is. Each is a random token the person holds, of which
// only the hash is stored; each ends when the person's password is reset or an administrator
// disables them.
enum class SessionKind {
    sign_in,         // a password sign-in (the page's cookie or the API's bearer token)
    access_token,    // a personal access token: bearer only, named, scoped, no idle timeout
    password_reset,  // an emailed single-use link; never authenticates a request
};

// What an access token may do. Sign-ins and reset links are `full` (reset links do nothing).
enum class TokenScope {
    full,
    read,      // accounts, history and analytics: GET requests only
    payments,  // also moves money
};

std::string_view to_string(SessionKind kind);
std::optional<SessionKind> parse_session_kind(std::string_view text);
std::string_view to_string(TokenScope scope);
std::optional<TokenScope> parse_token_scope(std::string_view text);

struct Session {
    std::string token_hash;  // SHA-256 of the cookie token; the token itself is never stored
    std::string user_id;
    std::string csrf_secret;
    Timestamp created_at{};
    Timestamp last_seen{};
    Timestamp expires_at{};  // the absolute timeout
    // The public name of the session, shown to the person and used to end it: random, and
    // unrelated to the token, so knowing it grants nothing.
    std::string session_id;
    SessionKind kind = SessionKind::sign_in;
    TokenScope scope = TokenScope::full;
    std::string name;            // access_token: the person's name for it
    std::string user_agent;      // the User-Agent of the request that created it
    std::string client_address;  // the address of the request that created it
};

// What happened in a security event of a person's audit log.
enum class AuditEventKind {
    registered,
    login_succeeded,
    login_failed,  // a wrong password for an existing user (unknown emails leave no trace)
    locked_out,    // the failure that locked signing in
    logged_out,
    password_changed,  // every other session ended with it
    profile_changed,
    role_granted,
    second_factor_enrolled,      // a TOTP factor confirmed with its first code
    second_factor_removed,       // with a current code
    second_factor_used,          // a sign-in or step-up approved (TOTP or recovery code)
    second_factor_failed,        // a wrong, replayed or spent code; counts towards the lockout
    recovery_codes_regenerated,  // the old ones no longer work
    session_ended,               // one session or token ended by the person
    other_sessions_ended,        // "sign out everywhere else"
    token_created,
    token_revoked,
    account_disabled,  // by an administrator: every session and token ended
    account_enabled,
    admin_action,  // in an administrator's own log: what they did to whom
    password_reset_requested,
    password_reset,  // by an emailed link: every session and token ended
    passkey_added,
    passkey_removed,
    passkey_used,  // a sign-in (second factor or passwordless) or a step-up approved
    // A bank operation (freeze, unfreeze, reversal) with four eyes, in the log of both
    // administrators and of the account's owner.
    operation_proposed,
    operation_approved,
    operation_rejected,
    operation_refused,  // approving failed: expired, decided, the proposer, or the ledger refused
    // An occurrence of a standing order, in its owner's log: posted, short of funds (at its
    // first try only, not at every pass), failed after the retry window, or skipped.
    standing_order_posted,
    standing_order_retrying,
    standing_order_failed,
    standing_order_skipped,
};

std::string_view to_string(AuditEventKind kind);
std::optional<AuditEventKind> parse_audit_event_kind(std::string_view text);
// "Signed in", "Wrong password": what the profile page shows.
std::string_view display_name(AuditEventKind kind);

// One entry of a person's audit log. `detail` is short text written by the service, never
// a password, token or anything the person typed.
struct AuditEvent {
    std::string event_id;  // unique; of two events at the same instant the larger id is newer
    std::string user_id;
    AuditEventKind kind = AuditEventKind::login_succeeded;
    std::string client_address;  // empty when the event did not come over HTTP
    std::string detail;
    Timestamp at{};
};

}  // namespace bank
