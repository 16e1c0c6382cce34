#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ledger/model.hpp"

namespace bank {

// Every change to a store is one of these commands, applied atomically on its own:
// on SQLite inside a savepoint of the writer's group commit, on DynamoDB as one
// transactional write.

struct CreateUser {
    User user;
};

// Counts a failed login; at `attempts_max` failures the user is locked until `lock_until`
// and the count starts again.
struct RecordLoginFailure {
    std::string user_id;
    int attempts_max = 0;
    Timestamp lock_until{};
};

struct RecordLoginSuccess {
    std::string user_id;
};

// Stores a session; when the user then has more than `sessions_max` of its kind, the oldest
// go (an access token beyond it is refused instead: too_many_tokens).
struct CreateSession {
    Session session;
    std::size_t sessions_max = 0;
};

// TouchSession and DeleteSession decide nothing (no state read, no refusal), so they have no
// planner: the last-seen instant is written only while the session exists, and a session is
// deleted by its own token.
struct TouchSession {
    std::string token_hash;
    Timestamp last_seen{};
};

struct DeleteSession {
    std::string token_hash;
};

struct UpdateProfile {
    std::string user_id;
    std::string full_name;
    std::string phone;
};

// Replaces the password hash and ends every session of the user but `keep_token_hash`.
struct ChangePassword {
    std::string user_id;
    std::string password_hash;
    std::string keep_token_hash;
};

// Opens an account; a positive opening balance is posted as its first deposit.
struct OpenAccount {
    std::string user_id;
    AccountType account_type = AccountType::checking;
    Money opening_balance;
    std::size_t accounts_max = 0;
};

// Closes an account of the user whose balance is zero.
struct CloseAccount {
    std::string user_id;
    std::string account_id;
};

enum class PostingKind { deposit, withdrawal, transfer };

// A money movement. `account_id` is the account acted on (the payer of a transfer) and
// must belong to `user_id`; `to_account_number` is the payee of a transfer.
struct Posting {
    PostingKind kind = PostingKind::deposit;
    std::string user_id;
    std::string account_id;
    std::string to_account_number;
    Money amount;
    std::string description;
    std::string category;
    std::string idempotency_key;
    // A digest of the request as the client sent it. With an idempotency key, a repeat within
    // idempotency_window with the same fingerprint answers `duplicate` with the original rows;
    // with another fingerprint, `idempotency_conflict`. Keys are per user. Only postings that
    // were applied are remembered: a refused request may be tried again with its key.
    std::string request_fingerprint;
};

// Changes the category of one of the user's transactions; the rollups follow atomically.
struct Recategorize {
    std::string user_id;
    std::string transaction_id;
    std::string category;
};

struct CreateCategoryRule {
    CategoryRule rule;  // rule_id and created_at filled in by the caller
    std::size_t rules_max = 0;
};

struct DeleteCategoryRule {
    std::string user_id;
    std::string rule_id;
};

// Adds an event to the user's audit log. A store that bounds the log by count keeps the
// newest `events_max` events of the user, trimming in the same write.
struct AppendAuditEvent {
    AuditEvent event;
    std::size_t events_max = 0;
};

// Adds many events, each as AppendAuditEvent would (an event of a person who does not exist
// is refused alone), in one command: the standing-order scheduler's outcomes of a round, so
// the writer spends one command on them rather than one per occurrence (docs/BENCHMARKS.md,
// issue 14). The result has one item per event, in order; a store that bounds the log by
// count trims each person's log once, after that person's events (ledger/user_plans.hpp).
struct AppendAuditEvents {
    std::vector<AuditEvent> events;
    std::size_t events_max = 0;
};

// Ends one of the user's sessions of `kind` by its public session_id (ledger/session_plans.hpp).
struct RevokeSession {
    std::string user_id;
    std::string session_id;
    SessionKind kind = SessionKind::sign_in;
};

// Ends every sign-in session of the user but `keep_token_hash` ("sign out everywhere else").
struct RevokeOtherSessions {
    std::string user_id;
    std::string keep_token_hash;
};

// An administrator disables (every session, token and reset link ends with it) or enables
// a person.
struct SetUserDisabled {
    std::string user_id;
    bool disabled = false;
};

// Replaces the password of the person an emailed reset link belongs to, if the link is still
// valid at `now`; the link and every session and token of the person end with it.
struct ResetPassword {
    std::string token_hash;  // of the link's token
    std::string password_hash;
    Timestamp now{};
};

// Sets the IANA time zone the person's pages and daily and monthly figures follow
// (ledger/user_plans.hpp: a name the tz database does not have is refused).
struct SetTimeZone {
    std::string user_id;
    std::string time_zone;
};

// Freezes an account (`freeze` set) or lifts its freeze (nullopt): carried out once a second
// administrator approved it (ledger/bank_operation_plans.hpp).
struct SetAccountFreeze {
    std::string account_id;
    std::optional<AccountFreeze> freeze;
};

// Undoes a posting by a compensating posting that names it (never an edit or a delete): a
// deposit by a withdrawal, a withdrawal by a deposit, a transfer by a transfer back. At most
// once per posting; refused when it would overdraw (ledger/bank_operation_plans.hpp).
struct ReversePosting {
    std::string transaction_id;
    std::string description;  // of the compensating rows
};

// A bulk payment: transfers of one person, each decided as if sent alone and in order (a
// later item sees the balances the earlier ones left), refused items leaving the others
// alone (ledger/posting_batch_plan.hpp). SQLite applies it inside one transaction of the
// writer; DynamoDB applies the items one by one in order, each its own transaction
// (docs/ARCHITECTURE.md, "Bulk payments"). With an idempotency key the whole batch is
// remembered: the same request again answers `duplicate` with every item's original outcome.
struct PostingBatch {
    std::string user_id;
    std::vector<Posting> items;  // transfers of user_id, without keys of their own
    std::string idempotency_key;
    std::string request_fingerprint;
};

using WriteCommand =
    std::variant<CreateUser, RecordLoginFailure, RecordLoginSuccess, CreateSession, TouchSession,
                 DeleteSession, UpdateProfile, ChangePassword, OpenAccount, CloseAccount, Posting,
                 Recategorize, CreateCategoryRule, DeleteCategoryRule, AppendAuditEvent,
                 AppendAuditEvents, RevokeSession, RevokeOtherSessions, SetUserDisabled,
                 ResetPassword, SetTimeZone, SetAccountFreeze, ReversePosting, PostingBatch>;

// The outcome of a command, checked in a fixed order before anything changes.
enum class WriteStatus {
    ok,
    email_taken,
    user_not_found,
    account_not_found,  // unknown, or not the user's own
    account_closed,
    too_many_accounts,
    balance_not_zero,
    insufficient_funds,
    amount_invalid,
    balance_overflow,
    counterparty_not_found,
    counterparty_closed,
    same_account,
    duplicate,              // the idempotency key was used before; `transactions` has the original
    idempotency_conflict,   // the idempotency key was used before for a different request
    transaction_not_found,  // unknown, or not on one of the user's accounts
    rule_not_found,
    too_many_rules,
    session_not_found,   // unknown, or not the user's own, or of another kind
    too_many_tokens,     // CreateSession of an access token beyond sessions_max
    reset_link_invalid,  // unknown, used, expired, or not a reset link
    time_zone_invalid,   // SetTimeZone or CreateUser with a name not in the tz database
    unavailable,         // the store could not take the write (queue full, disk full, shut down)
    // The command's plan broke a ledger invariant (ledger/invariant_checks.hpp) and was not
    // written: a defect, logged as an error and answered 500.
    invariant_violated,
    account_frozen,       // the acted-on account's freeze refuses this posting
    counterparty_frozen,  // the receiving account is frozen for credits
    account_not_frozen,   // SetAccountFreeze lifting a freeze that is not there
    already_reversed,     // ReversePosting of a posting reversed before
    not_reversible,       // ReversePosting of a reversal's own row
};

std::string_view to_string(WriteStatus status);

struct WriteResult {
    WriteStatus status = WriteStatus::ok;
    std::optional<User> user;        // RecordLoginFailure: the user after the change
    std::optional<Account> account;  // OpenAccount, CloseAccount, Posting: the account acted on
    std::vector<Transaction>
        transactions;  // Posting and OpenAccount: the rows written, payer's first
    // AppendAuditEvents: one result per event, in order (ok, or user_not_found; on DynamoDB
    // unavailable for events of a request that failed every try, their neighbours standing).
    // PostingBatch: one result per item, in order (ok with its rows, or the refusal); the
    // batch's own status is ok, duplicate (a replay: the items as first decided),
    // idempotency_conflict or unavailable (nothing was written; on DynamoDB an item that
    // could not be written is answered unavailable alone, its neighbours standing).
    std::vector<WriteResult> items;
};

// A result that carries only its status: a refusal, or the outcome of a command that
// returns nothing else.
inline WriteResult with_status(WriteStatus status) {
    WriteResult result;
    result.status = status;
    return result;
}

}  // namespace bank
