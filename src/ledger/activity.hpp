#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/bank_figures.hpp"
#include "ledger/model.hpp"
#include "ledger/posting_plan.hpp"

namespace bank {

namespace bank_figure {
// Per UTC month ("2026-12"), item "": the people active that month.
inline constexpr std::string_view active = "active";
// Per sign-up month (the UTC month of registration, "2026-11"): item "" the people who
// signed up that month (the cohort's size, added by registration_deltas); item a month
// ("2026-12") the people of the cohort active in that month.
inline constexpr std::string_view cohort = "cohort";
}  // namespace bank_figure

// Active customers per month and cohort retention (issue 16), kept with the other bank-wide
// figures in the write of the posting that makes a person active.
//
// Whose activity a posting is: the owner of the account it acts on (a deposit's, a
// withdrawal's, a transfer's sender), and only when the person did it. The receiver of a
// transfer is not made active by it (a salary paid in says nothing of whether its receiver
// still uses the bank, and counting both would double what a transfer costs on DynamoDB);
// interest (posted by the bank, keyed interest:...) and reversals (the bank's corrections)
// are not the person's doing either. Standing orders and bulk payments are: the person set
// them up.
//
// Counted once per (person, month) through a marker per person and month, inserted only if
// absent, rather than one "last active month" per person: rows are stamped with the writing
// server's clock, so with several servers (or a clock set back) a posting can land in an
// older month than one already counted, and a single "last month" would count that older
// month a second time.
struct Activity {
    std::string user_id;
    std::string month;  // the posting's UTC month, "2026-12"
};

// True when this row (the acted-on account's row of a posting) is its owner's own doing.
bool counts_as_activity(const Transaction& row);

// The activity a planned posting shows, given the owner of the account it acts on; nullopt
// for a plan that is not ok or a posting that is not the person's doing.
std::optional<Activity> activity_of(const PostingPlan& plan);

// What counting a person active in `month` adds: one active person in the month and one
// active member of the sign-up month's cohort in that month. Nothing when the marker of
// (person, month) already exists: the person was counted for that month.
std::vector<BankFigure> activity_deltas(std::string_view signup_month, std::string_view month,
                                        bool already_counted);

}  // namespace bank
