#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "ledger/model.hpp"
#include "ledger/posting_plan.hpp"

namespace bank {

// The bank-wide figures of /admin, kept as counters (a count and a sum of cents per figure,
// period and item) in the same write as the posting, registration or account opening they
// count, so that reading them costs the same at 200 customers as at 100,000 (issue 16).
namespace bank_figure {
// Per UTC day ("2026-12-07"): postings by item, a transfer once by its outgoing leg. The item
// is the type ("deposit", "withdrawal") or, for a transfer, where the money went:
// "transfer checking>savings own" (between one person's accounts) or "... others".
inline constexpr std::string_view volume = "volume";
// Period "", item the account type: accounts of that type (count) and their balance (total).
inline constexpr std::string_view balances = "balances";
// Period "", item the account type: every deposit ever made into accounts of that type.
inline constexpr std::string_view deposits = "deposits";
// Per week (its Monday, UTC): item "people" (registrations) and "accounts" (openings).
inline constexpr std::string_view signups = "signups";
// Period "", item "": the number of people.
inline constexpr std::string_view people = "people";
}  // namespace bank_figure

struct BankFigure {
    std::string figure;
    std::string period;
    std::string item;
    std::int64_t count = 0;
    Money total;
};

// figure, period, item
using BankFigureKey = std::tuple<std::string, std::string, std::string>;
using BankFigureSums = std::map<BankFigureKey, BankFigure>;

// The Monday (UTC) of the week `at` falls in, as "2026-11-23".
std::string week_of(Timestamp at);

// A store that lets each day's largest transfers expire (DynamoDB): the epoch second at which
// the items of the day of `at` (UTC) expire, limits::bank_largest_transfers_retention after
// the day began; and at `now`, the first day (YYYY-MM-DD) none of whose items has expired yet,
// the oldest day whose largest transfers are certainly all there.
std::int64_t largest_transfer_expiry_seconds(Timestamp at);
std::string largest_transfers_kept_since(Timestamp now);
// The volume item of a posting row: its type, or for an outgoing transfer leg the account
// types on either side and whether both accounts are one person's.
std::string volume_item(TransactionType type, AccountType from, AccountType to, bool own);

// What a planned posting adds to the figures: its volume (by the payer's row), the balance
// change of each account it moves and its deposit. Empty for a plan that is not ok.
std::vector<BankFigure> bank_figure_deltas(const PostingPlan& plan);
// What a registration adds: one person, one sign-up in its week.
std::vector<BankFigure> registration_deltas(const User& user);
// What opening an account adds (before its opening deposit, which is a posting): one
// account of its type, one account opened in its week.
std::vector<BankFigure> account_opening_deltas(const Account& account);

// Adds `delta` into `sums` (the same key summed). Throws std::overflow_error when a total
// leaves 64 bits: a figure that cannot be kept fails its write rather than wrap.
void add_figure(BankFigureSums& sums, const BankFigure& delta);

}  // namespace bank
