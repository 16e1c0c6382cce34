#include "ledger/goal_plans.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/goal_limits.hpp"
#include "ledger/standing_order.hpp"

namespace bank {
namespace {

const Timestamp now = from_micros(1'795'594'184'123'456);

Money cents(std::int64_t value) { return Money::from_cents(value); }

Date date(const char* text) { return *parse_iso_date(text); }

Account account_of(std::string user_id, AccountType type, AccountStatus status) {
    Account account;
    account.account_id = "acc-" + user_id;
    account.account_number = "123456789";
    account.user_id = std::move(user_id);
    account.account_type = type;
    account.status = status;
    return account;
}

SavingsGoal draft() {
    SavingsGoal goal;
    goal.goal_id = "g1";
    goal.user_id = "alice";
    goal.account_id = "acc-alice";
    goal.name = "Holiday";
    goal.target = cents(120000);
    goal.target_date = date("2027-06-30");
    return goal;
}

// ---- A new goal: each refusal, in order ----

struct NewGoalCase {
    std::string name;
    std::string goal_name;
    std::int64_t target;
    const char* target_date;
    std::optional<Account> account;
    std::size_t existing;
    GoalRefusal want;
};

void PrintTo(const NewGoalCase& c, std::ostream* out) { *out << c.name; }

class PlanNewGoal : public testing::TestWithParam<NewGoalCase> {};

TEST_P(PlanNewGoal, RefusesInOrderOrPlansVersionOne) {
    const NewGoalCase& c = GetParam();
    SavingsGoal goal = draft();
    goal.name = c.goal_name;
    goal.target = cents(c.target);
    goal.target_date = date(c.target_date);
    const std::vector<SavingsGoal> existing(c.existing, draft());
    const auto plan = plan_new_goal(goal, c.account, existing, date("2026-12-07"), now);
    EXPECT_EQ(to_string(plan.status), to_string(c.want));
    if (c.want == GoalRefusal::ok) {
        EXPECT_EQ(plan.next.version, 1);
        EXPECT_EQ(plan.next.created_at, now);
        EXPECT_EQ(plan.next.name, c.goal_name);
    }
}

const Account savings = account_of("alice", AccountType::savings, AccountStatus::active);
const std::string longest(limits::goal_name_length_max, 'x');
// Two bytes a character: the limit counts characters, not bytes.
std::string accented(std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) text += "\xC3\xA9";
    return text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanNewGoal,
    testing::Values(
        NewGoalCase{"ok", "Holiday", 120000, "2027-06-30", savings, 0, GoalRefusal::ok},
        NewGoalCase{"name_at_limit", longest, 100, "2027-06-30", savings, 0, GoalRefusal::ok},
        NewGoalCase{"accented_name_at_limit", accented(limits::goal_name_length_max), 100,
                    "2027-06-30", savings, 0, GoalRefusal::ok},
        NewGoalCase{"name_empty", "", 100, "2027-06-30", savings, 0, GoalRefusal::name_empty},
        NewGoalCase{"name_too_long", longest + "x", 100, "2027-06-30", savings, 0,
                    GoalRefusal::name_too_long},
        NewGoalCase{"name_before_target", "", 0, "2020-01-01", std::nullopt, 99,
                    GoalRefusal::name_empty},
        NewGoalCase{"target_zero", "Car", 0, "2027-06-30", savings, 0,
                    GoalRefusal::target_not_positive},
        NewGoalCase{"target_negative", "Car", -1, "2027-06-30", savings, 0,
                    GoalRefusal::target_not_positive},
        NewGoalCase{"target_at_limit", "Car", limits::goal_target_cents_max, "2027-06-30", savings,
                    0, GoalRefusal::ok},
        NewGoalCase{"target_over_limit", "Car", limits::goal_target_cents_max + 1, "2027-06-30",
                    savings, 0, GoalRefusal::target_too_large},
        NewGoalCase{"date_today", "Car", 100, "2026-12-07", savings, 0,
                    GoalRefusal::target_date_not_after_today},
        NewGoalCase{"date_past", "Car", 100, "2025-01-01", savings, 0,
                    GoalRefusal::target_date_not_after_today},
        NewGoalCase{"date_tomorrow", "Car", 100, "2026-12-08", savings, 0, GoalRefusal::ok},
        NewGoalCase{"no_account", "Car", 100, "2027-06-30", std::nullopt, 0,
                    GoalRefusal::account_not_found},
        NewGoalCase{"another_persons_account", "Car", 100, "2027-06-30",
                    account_of("bob", AccountType::savings, AccountStatus::active), 0,
                    GoalRefusal::account_not_found},
        NewGoalCase{"checking_account", "Car", 100, "2027-06-30",
                    account_of("alice", AccountType::checking, AccountStatus::active), 0,
                    GoalRefusal::not_savings_account},
        NewGoalCase{"closed_account", "Car", 100, "2027-06-30",
                    account_of("alice", AccountType::savings, AccountStatus::closed), 0,
                    GoalRefusal::account_closed},
        NewGoalCase{"one_under_the_count", "Car", 100, "2027-06-30", savings,
                    limits::goals_per_person - 1, GoalRefusal::ok},
        NewGoalCase{"count_reached", "Car", 100, "2027-06-30", savings, limits::goals_per_person,
                    GoalRefusal::too_many_goals}),
    [](const auto& info) { return info.param.name; });

// ---- Changes and removal ----

TEST(PlanGoalUpdate, AnotherPersonsOrMissingGoalIsNotFound) {
    GoalChange change;
    change.name = "New";
    EXPECT_EQ(plan_goal_update(std::nullopt, "alice", change, date("2026-12-07"), now).status,
              GoalRefusal::not_found);
    SavingsGoal theirs = draft();
    theirs.user_id = "bob";
    EXPECT_EQ(plan_goal_update(theirs, "alice", change, date("2026-12-07"), now).status,
              GoalRefusal::not_found);
    EXPECT_EQ(plan_goal_removal(theirs, "alice").status, GoalRefusal::not_found);
    EXPECT_EQ(plan_goal_removal(std::nullopt, "alice").status, GoalRefusal::not_found);
}

TEST(PlanGoalUpdate, ChecksOnlyWhatChangesAndStepsTheVersion) {
    SavingsGoal current = draft();
    current.version = 4;
    current.target_date = date("2026-01-31");  // passed: renaming is still allowed
    GoalChange rename;
    rename.name = "Lisbon";
    const auto renamed = plan_goal_update(current, "alice", rename, date("2026-12-07"), now);
    ASSERT_EQ(renamed.status, GoalRefusal::ok);
    EXPECT_EQ(renamed.next.name, "Lisbon");
    EXPECT_EQ(renamed.next.version, 5);
    EXPECT_EQ(renamed.next.updated_at, now);

    // A form sends every field: the passed date it already had is no change.
    GoalChange same_date;
    same_date.name = "Lisbon";
    same_date.target_date = current.target_date;
    EXPECT_EQ(plan_goal_update(current, "alice", same_date, date("2026-12-07"), now).status,
              GoalRefusal::ok);

    GoalChange past;
    past.target_date = date("2026-12-07");
    EXPECT_EQ(plan_goal_update(current, "alice", past, date("2026-12-07"), now).status,
              GoalRefusal::target_date_not_after_today);
    GoalChange zero;
    zero.target = cents(0);
    EXPECT_EQ(plan_goal_update(current, "alice", zero, date("2026-12-07"), now).status,
              GoalRefusal::target_not_positive);
    GoalChange blank;
    blank.name = "";
    EXPECT_EQ(plan_goal_update(current, "alice", blank, date("2026-12-07"), now).status,
              GoalRefusal::name_empty);

    GoalChange order_on;
    order_on.standing_order_id = std::optional<std::string>("so-1");
    const auto on = plan_goal_update(current, "alice", order_on, date("2026-12-07"), now);
    ASSERT_EQ(on.status, GoalRefusal::ok);
    EXPECT_EQ(on.next.standing_order_id, "so-1");
    GoalChange order_off;
    order_off.standing_order_id = std::optional<std::string>();
    const auto off = plan_goal_update(on.next, "alice", order_off, date("2026-12-07"), now);
    ASSERT_EQ(off.status, GoalRefusal::ok);
    EXPECT_FALSE(off.next.standing_order_id);
}

// ---- Calendar months ----

struct MonthsCase {
    const char* today;
    const char* target;
    int months;
};

class CalendarMonths : public testing::TestWithParam<MonthsCase> {};

TEST_P(CalendarMonths, CountsWholeMonthsWithMonthEnds) {
    const MonthsCase& c = GetParam();
    EXPECT_EQ(calendar_months_between(date(c.today), date(c.target)), c.months)
        << c.today << " to " << c.target;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CalendarMonths,
    testing::Values(
        MonthsCase{"2026-01-15", "2026-03-15", 2}, MonthsCase{"2026-01-15", "2026-03-14", 1},
        MonthsCase{"2026-01-15", "2026-01-31", 0},
        MonthsCase{"2026-01-31", "2026-02-28", 1},  // February's end is a month on
        MonthsCase{"2028-01-31", "2028-02-28", 0},  // a leap year: the 29th is not
        MonthsCase{"2028-01-31", "2028-02-29", 1}, MonthsCase{"2026-01-30", "2026-02-28", 1},
        MonthsCase{"2026-03-31", "2026-04-30", 1}, MonthsCase{"2026-03-31", "2026-04-29", 0},
        MonthsCase{"2026-12-07", "2027-12-07", 12},
        MonthsCase{"2026-12-07", "2026-12-06", 0},  // past
        MonthsCase{"2026-12-07", "2026-12-07", 0}));

// ---- Progress ----

struct ProgressCase {
    std::string name;
    std::int64_t target;
    const char* created;  // the goal's day of creation
    const char* target_date;
    std::int64_t balance;
    const char* today;
    std::int64_t saved;
    std::int64_t left;
    int percent;
    int months_left;
    std::int64_t monthly_needed;
    bool reached;
    bool on_track;
};

void PrintTo(const ProgressCase& c, std::ostream* out) { *out << c.name; }

class GoalProgressOf : public testing::TestWithParam<ProgressCase> {};

TEST_P(GoalProgressOf, GivesTheFiguresAPersonReads) {
    const ProgressCase& c = GetParam();
    SavingsGoal goal = draft();
    goal.target = cents(c.target);
    goal.target_date = date(c.target_date);
    goal.created_at = utc_day_start(date(c.created));
    const GoalProgress progress = goal_progress(goal, cents(c.balance), date(c.today));
    EXPECT_EQ(progress.saved.cents(), c.saved);
    EXPECT_EQ(progress.left.cents(), c.left);
    EXPECT_EQ(progress.percent, c.percent);
    EXPECT_EQ(progress.months_left, c.months_left);
    EXPECT_EQ(progress.monthly_needed.cents(), c.monthly_needed);
    EXPECT_EQ(progress.reached, c.reached);
    EXPECT_EQ(progress.on_track, c.on_track);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, GoalProgressOf,
    testing::Values(
        // $1,200 in 12 months from nothing: $100 a month, on track on its first day.
        ProgressCase{"fresh", 120000, "2026-12-07", "2027-12-07", 0, "2026-12-07", 0, 120000, 0, 12,
                     10000, false, true},
        // $1,000 over 3 months: 333.333... rounds up to $333.34.
        ProgressCase{"rounds_up_to_the_cent", 100000, "2026-12-07", "2027-03-07", 0, "2026-12-07",
                     0, 100000, 0, 3, 33334, false, true},
        // A third saved, a third of the way: on track; 33.33% rounds down to 33.
        ProgressCase{"a_third_on_a_third", 90000, "2026-01-01", "2026-10-01", 30000, "2026-04-01",
                     30000, 60000, 33, 6, 10000, false, true},
        ProgressCase{"behind", 90000, "2026-01-01", "2026-10-01", 29000, "2026-04-01", 29000, 61000,
                     32, 6, 10167, false, false},
        // Over the target: saved shows the target, nothing left, 100%.
        ProgressCase{"reached_and_over", 50000, "2026-01-01", "2026-12-31", 75000, "2026-03-01",
                     50000, 0, 100, 9, 0, true, true},
        ProgressCase{"reached_exactly", 50000, "2026-01-01", "2026-12-31", 50000, "2026-03-01",
                     50000, 0, 100, 9, 0, true, true},
        // One cent short of the target is 99%, never 100.
        ProgressCase{"one_cent_short", 50000, "2026-01-01", "2026-12-31", 49999, "2026-03-01",
                     49999, 1, 99, 9, 1, false, true},
        // The date has passed: at least one month, the whole rest needed now, not on track.
        ProgressCase{"past_date", 50000, "2026-01-01", "2026-06-30", 10000, "2026-12-07", 10000,
                     40000, 20, 1, 40000, false, false},
        // Within the last month: one month left.
        ProgressCase{"last_weeks", 50000, "2026-01-01", "2026-12-31", 40000, "2026-12-07", 40000,
                     10000, 80, 1, 10000, false, false},
        // Jan 31 to Feb 28: one month (February's end), whole amount that month.
        ProgressCase{"january_end_to_february_end", 30000, "2026-01-31", "2026-02-28", 0,
                     "2026-01-31", 0, 30000, 0, 1, 30000, false, true},
        // From a month end to the end of June: 5 months (Jan 31 -> Jun 30).
        ProgressCase{"month_ends", 100000, "2026-01-31", "2026-06-30", 0, "2026-01-31", 0, 100000,
                     0, 5, 20000, false, true},
        // A negative balance (never on savings) counts as nothing saved.
        ProgressCase{"negative_balance", 10000, "2026-01-01", "2026-12-31", -500, "2026-01-01", 0,
                     10000, 0, 11, 910, false, true}),
    [](const auto& info) { return info.param.name; });

// ---- The automatic transfer ----

struct TransferCase {
    std::string name;
    int day;
    std::optional<Account> from;
    bool reached;
    bool already_on;
    GoalTransferRefusal want;
};

void PrintTo(const TransferCase& c, std::ostream* out) { *out << c.name; }

class PlanGoalTransfer : public testing::TestWithParam<TransferCase> {};

TEST_P(PlanGoalTransfer, RefusesInOrder) {
    const TransferCase& c = GetParam();
    SavingsGoal goal = draft();
    if (c.already_on) goal.standing_order_id = "so-1";
    GoalProgress progress;
    progress.reached = c.reached;
    progress.monthly_needed = c.reached ? Money() : cents(10000);
    EXPECT_EQ(to_string(plan_goal_transfer(goal, progress, c.from, "alice", c.day)),
              to_string(c.want));
}

Account checking_of(std::string user_id, AccountStatus status) {
    Account account = account_of(std::move(user_id), AccountType::checking, status);
    account.account_id = "checking";
    return account;
}

const Account checking = checking_of("alice", AccountStatus::active);

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanGoalTransfer,
    testing::Values(
        TransferCase{"ok", 1, checking, false, false, GoalTransferRefusal::ok},
        TransferCase{"day_28", 28, checking, false, false, GoalTransferRefusal::ok},
        TransferCase{"last_day", -1, checking, false, false, GoalTransferRefusal::ok},
        TransferCase{"day_0", 0, checking, false, false, GoalTransferRefusal::day_invalid},
        TransferCase{"day_29", 29, checking, false, false, GoalTransferRefusal::day_invalid},
        TransferCase{"day_minus_2", -2, checking, false, false, GoalTransferRefusal::day_invalid},
        TransferCase{"no_account", 1, std::nullopt, false, false,
                     GoalTransferRefusal::from_account_not_found},
        TransferCase{"another_persons", 1, checking_of("bob", AccountStatus::active), false, false,
                     GoalTransferRefusal::from_account_not_found},
        TransferCase{"the_goals_own", 1,
                     account_of("alice", AccountType::savings, AccountStatus::active), false, false,
                     GoalTransferRefusal::from_goal_account},
        TransferCase{"closed", 1, checking_of("alice", AccountStatus::closed), false, false,
                     GoalTransferRefusal::from_account_closed},
        TransferCase{"reached", 1, checking, true, false, GoalTransferRefusal::goal_reached},
        TransferCase{"already_on", 1, checking, false, true, GoalTransferRefusal::already_on}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace bank
