#include "ledger/account_plans.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/limits.hpp"
#include "ledger/account_number.hpp"

namespace bank {
namespace {

const Timestamp now = from_micros(1'795'594'184'123'456);
constexpr std::size_t accounts_max = limits::accounts_per_user_max;

OpenAccount open_command(std::int64_t opening_cents) {
    OpenAccount command;
    command.user_id = "alice";
    command.account_type = AccountType::savings;
    command.opening_balance = Money::from_cents(opening_cents);
    command.accounts_max = accounts_max;
    return command;
}

struct OpenCase {
    std::string name;
    OpenAccountState state;
    std::int64_t opening_cents;
    WriteStatus status;
};

void PrintTo(const OpenCase& open, std::ostream* out) { *out << open.name; }

class PlanOpenAccount : public testing::TestWithParam<OpenCase> {};

TEST_P(PlanOpenAccount, DecidesInCheckOrder) {
    const OpenCase& open = GetParam();
    const OpenAccountPlan plan =
        plan_open_account(open.state, open_command(open.opening_cents), now);
    EXPECT_EQ(plan.status, open.status) << to_string(plan.status);
    if (open.status != WriteStatus::ok) {
        EXPECT_TRUE(plan.account.account_id.empty());
        EXPECT_TRUE(plan.opening_deposit.rows.empty());
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanOpenAccount,
    testing::Values(
        OpenCase{"no_such_person", {false, 0}, 0, WriteStatus::user_not_found},
        // The person is checked before the amount, the amount before the limit.
        OpenCase{"no_such_person_bad_amount", {false, 0}, -5, WriteStatus::user_not_found},
        OpenCase{"negative_opening", {true, 0}, -5, WriteStatus::amount_invalid},
        OpenCase{"opening_over_limit",
                 {true, 0},
                 limits::amount_cents_max + 1,
                 WriteStatus::amount_invalid},
        OpenCase{"bad_amount_at_limit", {true, accounts_max}, -5, WriteStatus::amount_invalid},
        OpenCase{"at_the_limit", {true, accounts_max}, 0, WriteStatus::too_many_accounts},
        OpenCase{"past_the_limit", {true, accounts_max + 3}, 100, WriteStatus::too_many_accounts},
        OpenCase{"one_below_the_limit", {true, accounts_max - 1}, 0, WriteStatus::ok},
        OpenCase{"empty", {true, 0}, 0, WriteStatus::ok},
        OpenCase{"largest_opening", {true, 0}, limits::amount_cents_max, WriteStatus::ok}));

TEST(PlanOpenAccountAccepts, AnEmptyAccountWithoutAPosting) {
    const OpenAccountPlan plan = plan_open_account({true, 2}, open_command(0), now);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    EXPECT_EQ(plan.account.user_id, "alice");
    EXPECT_EQ(plan.account.account_type, AccountType::savings);
    EXPECT_EQ(plan.account.status, AccountStatus::active);
    EXPECT_TRUE(plan.account.balance.is_zero());
    EXPECT_EQ(plan.account.created_at, now);
    EXPECT_TRUE(AccountNumber::parse(plan.account.account_number).ok());
    EXPECT_FALSE(plan.opening_deposit.payer.has_value());
    EXPECT_TRUE(plan.opening_deposit.rows.empty());
}

TEST(PlanOpenAccountAccepts, AnOpeningBalanceAsTheFirstDeposit) {
    const OpenAccountPlan plan = plan_open_account({true, 0}, open_command(12345), now);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    EXPECT_EQ(plan.account.balance.cents(), 12345);
    ASSERT_EQ(plan.opening_deposit.rows.size(), 1U);
    const Transaction& row = plan.opening_deposit.rows[0];
    EXPECT_EQ(row.account_id, plan.account.account_id);
    EXPECT_EQ(row.transaction_type, TransactionType::deposit);
    EXPECT_EQ(row.amount.cents(), 12345);
    EXPECT_EQ(row.balance_after.cents(), 12345);
    EXPECT_EQ(row.description, "Opening deposit");
    EXPECT_TRUE(plan.opening_deposit.payer_balance_before.is_zero());
    ASSERT_EQ(plan.opening_deposit.rollups.size(), 1U);
    EXPECT_EQ(plan.opening_deposit.rollups[0].total.cents(), 12345);
}

Account account_of(std::string user_id, std::int64_t balance_cents, AccountStatus status) {
    Account account;
    account.account_id = "a1";
    account.user_id = std::move(user_id);
    account.balance = Money::from_cents(balance_cents);
    account.status = status;
    return account;
}

struct CloseCase {
    std::string name;
    std::optional<Account> account;
    WriteStatus status;
};

void PrintTo(const CloseCase& close, std::ostream* out) { *out << close.name; }

class PlanCloseAccount : public testing::TestWithParam<CloseCase> {};

TEST_P(PlanCloseAccount, DecidesInCheckOrder) {
    const CloseCase& close = GetParam();
    const CloseAccountPlan plan = plan_close_account(close.account, {"alice", "a1"});
    EXPECT_EQ(plan.status, close.status) << to_string(plan.status);
    if (close.status == WriteStatus::ok) {
        EXPECT_EQ(plan.account.status, AccountStatus::closed);
        EXPECT_EQ(plan.account.account_id, "a1");
    }
}

constexpr auto active = AccountStatus::active;
constexpr auto closed = AccountStatus::closed;

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanCloseAccount,
    testing::Values(
        CloseCase{"unknown", std::nullopt, WriteStatus::account_not_found},
        // Another person's account looks exactly like an unknown one, whatever its state.
        CloseCase{"another_persons", account_of("bob", 0, active), WriteStatus::account_not_found},
        CloseCase{"another_persons_closed", account_of("bob", 0, closed),
                  WriteStatus::account_not_found},
        CloseCase{"already_closed", account_of("alice", 0, closed), WriteStatus::account_closed},
        CloseCase{"with_money", account_of("alice", 1, active), WriteStatus::balance_not_zero},
        CloseCase{"empty", account_of("alice", 0, active), WriteStatus::ok}));

}  // namespace
}  // namespace bank
