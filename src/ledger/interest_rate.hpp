#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "ledger/interest_accrual.hpp"
#include "ledger/model.hpp"

namespace bank {

using Month = std::chrono::year_month;

// One period of an account type's annual interest rate, set by an administrator. Periods are
// only ever added: a new rate starts a new period and never edits an old one, so the history
// `bank verify` recomputes interest from stays as it was when the interest was posted.
struct InterestRate {
    AccountType account_type = AccountType::savings;
    Date effective_from;
    AnnualRate annual_rate;
    std::string set_by;  // the administrator's user_id
    Timestamp set_at{};
};

// What one month of interest did for one account, written once after its posting (or
// without one, when the month earned less than a cent). It keeps the fraction of a cent
// carried into the next month: the posting itself is a plain deposit row, which has nowhere
// to keep it, and the record is also what makes a month done for every server.
struct InterestAccrualRecord {
    std::string account_id;
    Month month;
    Money interest;                  // the whole cents posted (zero: nothing was posted)
    std::int64_t carried_units = 0;  // carried into the next month, see InterestAccrual
    std::string transaction_id;      // the posting's row; empty when nothing was posted
    Timestamp recorded_at{};
};

// "2026-11" and back; nullopt for anything else.
std::string month_text(Month month);
std::optional<Month> parse_month(std::string_view text);

// The idempotency key of a month's interest posting: `interest:<account_id>:<YYYY-MM>`, so
// however many servers or restarts try it, it posts once. Clients may not send keys with
// this prefix (service/payment_service.cpp).
inline constexpr std::string_view interest_key_prefix = "interest:";
std::string interest_key(std::string_view account_id, Month month);

}  // namespace bank
