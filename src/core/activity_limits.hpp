#pragma once

namespace bank::limits {

// Active customers and cohort retention (ledger/activity.hpp): the months /admin shows of
// active customers (this month and those before) and of cohorts (the sign-up months of the
// same months, each with its months since). All the overview reads of those figures, so its
// reads stay bounded however old the bank.
inline constexpr int admin_activity_months = 12;

}  // namespace bank::limits
