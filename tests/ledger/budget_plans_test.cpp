#include "ledger/budget_plans.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/budget_limits.hpp"

namespace bank {
namespace {

const Timestamp now = from_micros(1'795'594'184'123'456);

Money cents(std::int64_t value) { return Money::from_cents(value); }

// ---- The rollover arithmetic, month by month ----

struct Month {
    std::int64_t amount;
    std::int64_t spent;
    BudgetRollover rollover;
    // What the month shows.
    std::int64_t carried_in;
    std::int64_t available;
    std::int64_t left;
    std::int64_t carried_out;
};

struct ChainCase {
    std::string name;
    std::vector<Month> months;
};

void PrintTo(const ChainCase& c, std::ostream* out) { *out << c.name; }

class PlanBudgetMonths : public testing::TestWithParam<ChainCase> {};

TEST_P(PlanBudgetMonths, CarriesEachMonthIntoTheNextByItsRollover) {
    const ChainCase& c = GetParam();
    std::vector<BudgetMonthInput> inputs;
    for (const Month& month : c.months) {
        inputs.push_back({cents(month.amount), cents(month.spent), month.rollover});
    }
    const auto figures = plan_budget_months(inputs);
    ASSERT_EQ(figures.size(), c.months.size());
    for (std::size_t i = 0; i < figures.size(); ++i) {
        SCOPED_TRACE("month " + std::to_string(i + 1));
        const Month& want = c.months[i];
        EXPECT_EQ(figures[i].carried_in.cents(), want.carried_in);
        EXPECT_EQ(figures[i].available.cents(), want.available);
        EXPECT_EQ(figures[i].spent.cents(), want.spent);
        EXPECT_EQ(figures[i].left.cents(), want.left);
        EXPECT_EQ(figures[i].carried_out.cents(), want.carried_out);
    }
}

constexpr auto none = BudgetRollover::none;
constexpr auto surplus = BudgetRollover::surplus;
constexpr auto both = BudgetRollover::both;

INSTANTIATE_TEST_SUITE_P(
    Months, PlanBudgetMonths,
    testing::Values(ChainCase{"one_month_under", {{400'00, 150'00, none, 0, 400'00, 250'00, 0}}},
                    ChainCase{"none_starts_afresh_each_month",
                              {{400'00, 150'00, none, 0, 400'00, 250'00, 0},
                               {400'00, 500'00, none, 0, 400'00, -100'00, 0},
                               {400'00, 0, none, 0, 400'00, 400'00, 0}}},
                    ChainCase{"surplus_carries_what_was_left",
                              {{400'00, 150'00, surplus, 0, 400'00, 250'00, 250'00},
                               {400'00, 600'00, surplus, 250'00, 650'00, 50'00, 50'00},
                               {400'00, 100'00, surplus, 50'00, 450'00, 350'00, 350'00}}},
                    ChainCase{"surplus_drops_an_overspend",
                              {{400'00, 500'00, surplus, 0, 400'00, -100'00, 0},
                               {400'00, 100'00, surplus, 0, 400'00, 300'00, 300'00}}},
                    ChainCase{"both_carries_an_overspend_into_the_next_month",
                              {{400'00, 500'00, both, 0, 400'00, -100'00, -100'00},
                               {400'00, 100'00, both, -100'00, 300'00, 200'00, 200'00},
                               {400'00, 650'00, both, 200'00, 600'00, -50'00, -50'00},
                               {400'00, 0, both, -50'00, 350'00, 350'00, 350'00}}},
                    ChainCase{"both_an_overspend_larger_than_a_month",
                              {{100'00, 350'00, both, 0, 100'00, -250'00, -250'00},
                               {100'00, 0, both, -250'00, -150'00, -150'00, -150'00},
                               {100'00, 10'00, both, -150'00, -50'00, -60'00, -60'00}}},
                    ChainCase{"an_exact_spend_carries_nothing",
                              {{400'00, 400'00, both, 0, 400'00, 0, 0},
                               {400'00, 400'00, surplus, 0, 400'00, 0, 0}}},
                    ChainCase{"a_one_month_amount_among_every_month_ones",
                              {{400'00, 300'00, surplus, 0, 400'00, 100'00, 100'00},
                               {900'00, 950'00, both, 100'00, 1000'00, 50'00, 50'00},
                               {400'00, 0, surplus, 50'00, 450'00, 450'00, 450'00}}},
                    ChainCase{"a_month_without_rollover_cuts_the_chain",
                              {{400'00, 100'00, surplus, 0, 400'00, 300'00, 300'00},
                               {400'00, 100'00, none, 300'00, 700'00, 600'00, 0},
                               {400'00, 100'00, surplus, 0, 400'00, 300'00, 300'00}}},
                    ChainCase{"cents_are_kept",
                              {{10'01, 3'33, surplus, 0, 10'01, 6'68, 6'68},
                               {10'01, 16'70, both, 6'68, 16'69, -1, -1},
                               {10'01, 0, none, -1, 10'00, 10'00, 0}}}),
    [](const testing::TestParamInfo<ChainCase>& info) { return info.param.name; });

TEST(PlanBudgetMonths, AnEmptyChainHasNoFigures) { EXPECT_TRUE(plan_budget_months({}).empty()); }

TEST(PlanBudgetMonths, AnOverspendBeyondTheRangeOfMoneyStopsAtItsSmallestValue) {
    const auto smallest = std::numeric_limits<std::int64_t>::min();
    const auto figures = plan_budget_months(
        {{cents(1), Money::from_cents(std::numeric_limits<std::int64_t>::max()), both},
         {cents(1), Money::from_cents(std::numeric_limits<std::int64_t>::max()), both}});
    EXPECT_EQ(figures[1].left.cents(), smallest);
}

// ---- Pace ----

struct PaceCase {
    std::string name;
    std::int64_t available;
    std::int64_t spent;
    std::string asked;
    std::string today;
    int today_day;
    int days_in_month;
    int days_gone;
    int days_left;
    bool on_pace;
};

void PrintTo(const PaceCase& c, std::ostream* out) { *out << c.name; }

class PlanBudgetPace : public testing::TestWithParam<PaceCase> {};

TEST_P(PlanBudgetPace, ComparesSpendingWithTheShareOfTheMonthGone) {
    const PaceCase& c = GetParam();
    const BudgetPace pace =
        plan_budget_pace(cents(c.available), cents(c.spent), *parse_budget_month(c.asked),
                         *parse_budget_month(c.today), c.today_day);
    EXPECT_EQ(pace.days_in_month, c.days_in_month);
    EXPECT_EQ(pace.days_gone, c.days_gone);
    EXPECT_EQ(pace.days_left, c.days_left);
    EXPECT_EQ(pace.on_pace, c.on_pace);
}

INSTANTIATE_TEST_SUITE_P(
    Pace, PlanBudgetPace,
    testing::Values(
        // Day 15 of 30: half the month is gone, so half of $300.00 may be spent.
        PaceCase{"half_spent_at_half_month", 300'00, 150'00, "2026-06", "2026-06", 15, 30, 15, 16,
                 true},
        PaceCase{"a_cent_over_the_share", 300'00, 150'01, "2026-06", "2026-06", 15, 30, 15, 16,
                 false},
        PaceCase{"first_day_counts_as_gone", 310'00, 10'00, "2026-07", "2026-07", 1, 31, 1, 31,
                 true},
        PaceCase{"last_day_the_whole_amount", 310'00, 310'00, "2026-07", "2026-07", 31, 31, 31, 1,
                 true},
        PaceCase{"leap_february", 290'00, 140'00, "2028-02", "2028-02", 14, 29, 14, 16, true},
        PaceCase{"a_month_over_within_its_amount", 300'00, 300'00, "2026-05", "2026-06", 15, 31, 31,
                 0, true},
        PaceCase{"a_month_over_overspent", 300'00, 300'01, "2026-05", "2026-06", 15, 31, 31, 0,
                 false},
        PaceCase{"a_month_to_come", 300'00, 0, "2026-07", "2026-06", 15, 31, 0, 31, true},
        PaceCase{"nothing_available_nothing_spent", 0, 0, "2026-06", "2026-06", 10, 30, 10, 21,
                 true},
        PaceCase{"an_overspend_carried_in", -50'00, 0, "2026-06", "2026-06", 10, 30, 10, 21,
                 false}),
    [](const testing::TestParamInfo<PaceCase>& info) { return info.param.name; });

// ---- Months as text ----

TEST(BudgetMonth, ReadsAndWritesYearAndMonth) {
    EXPECT_EQ(parse_budget_month("2026-05"), 2026 * 12 + 4);
    EXPECT_EQ(budget_month_text(2026 * 12 + 4), "2026-05");
    EXPECT_EQ(budget_month_text(*parse_budget_month("2026-12") + 1), "2027-01");
    for (const char* bad : {"", "2026-5", "2026-13", "2026-00", "20260-01", "2026/05", "2026-05-01",
                            "+026-05", "1999-12", "3000-01", "abcd-ef"}) {
        EXPECT_FALSE(parse_budget_month(bad)) << bad;
    }
    EXPECT_TRUE(parse_budget_month(std::to_string(limits::budget_year_min) + "-01"));
    EXPECT_TRUE(parse_budget_month(std::to_string(limits::budget_year_max) + "-12"));
    EXPECT_EQ(days_in_budget_month(*parse_budget_month("2100-02")), 28);
    EXPECT_EQ(days_in_budget_month(*parse_budget_month("2000-02")), 29);
}

// ---- Creation, change, removal ----

Budget budget_of(std::string id, std::string category, std::string month = "") {
    Budget budget;
    budget.budget_id = std::move(id);
    budget.user_id = "u1";
    budget.category = std::move(category);
    budget.month = std::move(month);
    budget.start_month = "2026-06";
    budget.amount = cents(400'00);
    budget.version = 1;
    return budget;
}

struct CreationCase {
    std::string name;
    Budget draft;
    std::vector<Budget> existing;
    BudgetRefusal status;
};

void PrintTo(const CreationCase& c, std::ostream* out) { *out << c.name; }

class PlanBudgetCreation : public testing::TestWithParam<CreationCase> {};

TEST_P(PlanBudgetCreation, ChecksTheCountThenTheSlot) {
    const CreationCase& c = GetParam();
    Budget draft = c.draft;
    draft.version = 0;
    const BudgetPlan plan = plan_budget_creation(draft, c.existing, now);
    EXPECT_EQ(plan.status, c.status);
    if (plan.status != BudgetRefusal::ok) return;
    EXPECT_EQ(plan.next.version, 1);
    EXPECT_EQ(plan.next.created_at, now);
    EXPECT_EQ(plan.next.budget_id, c.draft.budget_id);
}

std::vector<Budget> full_house() {
    std::vector<Budget> budgets;
    for (std::size_t i = 0; i < limits::budgets_per_user_max; ++i) {
        budgets.push_back(budget_of("b" + std::to_string(i), "dining",
                                    budget_month_text(2026 * 12 + static_cast<int>(i))));
    }
    return budgets;
}

INSTANTIATE_TEST_SUITE_P(
    Creation, PlanBudgetCreation,
    testing::Values(CreationCase{"first", budget_of("n", "groceries"), {}, BudgetRefusal::ok},
                    CreationCase{"another_category",
                                 budget_of("n", "groceries"),
                                 {budget_of("b", "dining")},
                                 BudgetRefusal::ok},
                    CreationCase{"one_month_beside_every_month",
                                 budget_of("n", "groceries", "2026-07"),
                                 {budget_of("b", "groceries")},
                                 BudgetRefusal::ok},
                    CreationCase{"every_month_twice",
                                 budget_of("n", "groceries"),
                                 {budget_of("b", "groceries")},
                                 BudgetRefusal::duplicate},
                    CreationCase{"same_month_twice",
                                 budget_of("n", "groceries", "2026-07"),
                                 {budget_of("b", "groceries", "2026-07")},
                                 BudgetRefusal::duplicate},
                    CreationCase{"at_the_limit", budget_of("n", "groceries"), full_house(),
                                 BudgetRefusal::too_many_budgets},
                    // The count comes first: a duplicate at the limit is refused for the limit.
                    CreationCase{"duplicate_at_the_limit", budget_of("n", "dining", "2026-01"),
                                 full_house(), BudgetRefusal::too_many_budgets}),
    [](const testing::TestParamInfo<CreationCase>& info) { return info.param.name; });

TEST(PlanBudgetChange, ChangesAmountAndRolloverOfTheOwnersBudgetOverItsVersion) {
    const Budget current = budget_of("b", "groceries");
    BudgetChange change;
    change.amount = cents(250'00);
    const BudgetPlan plan = plan_budget_change(current, "u1", change, now);
    ASSERT_EQ(plan.status, BudgetRefusal::ok);
    EXPECT_EQ(plan.next.amount, cents(250'00));
    EXPECT_EQ(plan.next.rollover, BudgetRollover::none);
    EXPECT_EQ(plan.next.version, 2);
    EXPECT_EQ(plan.next.updated_at, now);
    change = BudgetChange{};
    change.rollover = BudgetRollover::both;
    const BudgetPlan second = plan_budget_change(plan.next, "u1", change, now);
    EXPECT_EQ(second.next.amount, cents(250'00));
    EXPECT_EQ(second.next.rollover, BudgetRollover::both);
    EXPECT_EQ(second.next.version, 3);
}

TEST(PlanBudgetChange, SomeoneElsesOrAMissingBudgetIsNotFound) {
    EXPECT_EQ(plan_budget_change(budget_of("b", "groceries"), "u2", {}, now).status,
              BudgetRefusal::not_found);
    EXPECT_EQ(plan_budget_change(std::nullopt, "u1", {}, now).status, BudgetRefusal::not_found);
}

TEST(PlanBudgetRemoval, RemovesOnlyTheOwnersBudget) {
    const Budget current = budget_of("b", "groceries");
    const BudgetPlan plan = plan_budget_removal(current, "u1");
    EXPECT_EQ(plan.status, BudgetRefusal::ok);
    EXPECT_EQ(plan.next.version, current.version);
    EXPECT_EQ(plan_budget_removal(current, "u2").status, BudgetRefusal::not_found);
    EXPECT_EQ(plan_budget_removal(std::nullopt, "u1").status, BudgetRefusal::not_found);
}

}  // namespace
}  // namespace bank
