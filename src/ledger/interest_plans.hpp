#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "ledger/interest_rate.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// A new rate period as an administrator asked for it, already parsed.
struct NewInterestRate {
    AccountType account_type = AccountType::savings;
    Date effective_from;
    AnnualRate annual_rate;
    std::string set_by;
    Timestamp now{};
};

// Decides a new rate period over the type's stored ones, in this order: interest is paid on
// savings accounts only (field account_type); a period may not start before the first day
// of the current month (UTC; field effective_from), because the months before are posted or
// being posted at the rates then in force and a posted month is never recomputed; a type
// has one period per date (conflict: periods are added, never edited).
Result<InterestRate> plan_new_interest_rate(const NewInterestRate& request,
                                            std::span<const InterestRate> existing);

// The rate periods of `rates` (sorted by effective_from) as the accrual takes them.
std::vector<RatePeriod> rate_periods(std::span<const InterestRate> rates);

// A row of the account as the month's balances need it: the balance right after it.
struct BalanceStep {
    Timestamp at{};
    Money balance_after;
};

// The end-of-day balance (UTC) of every day of `month`: `opening` (the balance when the
// month began) until the first posting; then each day ends on the balance after its last
// posting. `steps` are the month's postings in the order they were made.
std::vector<DayBalance> end_of_day_balances(Month month, Money opening,
                                            std::span<const BalanceStep> steps);

// The months of an account to post at `today`: from the month after its last record (or the
// month it was opened) through the month before today, at most
// limits::interest_catch_up_months_max of the latest ones.
std::vector<Month> months_to_post(Month opened, std::optional<Month> last_recorded, Date today);

// What the planner of one month takes, as plain values.
struct InterestMonthState {
    std::string user_id;
    std::string account_id;
    Month month;
    Money opening;                   // the balance when the month began
    std::vector<BalanceStep> steps;  // the month's postings, in order
    std::vector<RatePeriod> rates;   // the account type's periods, by effective_from
    std::int64_t carried_units = 0;  // from the account's latest earlier record
};

struct InterestMonthPlan {
    InterestAccrual accrual;
    // The deposit to make (category income, the month's key as idempotency key and
    // fingerprint); none when the month earned less than a cent.
    std::optional<Posting> posting;
};

// One month of interest: accrued daily on the end-of-day balances, actual/365, with the
// carried fraction. Throws std::overflow_error as accrue_interest does.
InterestMonthPlan plan_month_interest(const InterestMonthState& state);

}  // namespace bank
