#include "ledger/posting_plan.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "core/limits.hpp"

namespace bank {
namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
const Timestamp now = from_micros(1'795'594'184'123'456);

Account make_account(std::string id, std::string number, std::string user_id,
                     std::int64_t balance_cents, AccountStatus status = AccountStatus::active) {
    Account account;
    account.account_id = std::move(id);
    account.account_number = std::move(number);
    account.user_id = std::move(user_id);
    account.balance = Money::from_cents(balance_cents);
    account.status = status;
    return account;
}

Posting make_posting(PostingKind kind, std::int64_t amount_cents) {
    Posting posting;
    posting.kind = kind;
    posting.user_id = "alice";
    posting.account_id = "a1";
    posting.to_account_number = "2222222222";
    posting.amount = Money::from_cents(amount_cents);
    posting.description = "rent";
    posting.category = "housing";
    posting.idempotency_key = "key-1";
    return posting;
}

// Alice's checking account with $100.00, and Bob's account with $50.00.
const Account alice = make_account("a1", "1111111111", "alice", 10000);
const Account bob = make_account("b1", "2222222222", "bob", 5000);

struct RefusalCase {
    std::string name;
    PostingKind kind;
    std::int64_t amount_cents;
    std::optional<Account> account;
    std::optional<Account> payee;
    WriteStatus status;
};

void PrintTo(const RefusalCase& refusal, std::ostream* out) { *out << refusal.name; }

class PlanPostingRefuses : public testing::TestWithParam<RefusalCase> {};

TEST_P(PlanPostingRefuses, AndPlansNothing) {
    const RefusalCase& refusal = GetParam();
    const PostingPlan plan = plan_posting(make_posting(refusal.kind, refusal.amount_cents),
                                          refusal.account, refusal.payee, now);
    EXPECT_EQ(plan.status, refusal.status) << refusal.name << ": got " << to_string(plan.status)
                                           << ", expected " << to_string(refusal.status);
    EXPECT_FALSE(plan.payer.has_value()) << refusal.name;
    EXPECT_FALSE(plan.payee.has_value()) << refusal.name;
    EXPECT_TRUE(plan.rows.empty()) << refusal.name;
}

constexpr auto deposit = PostingKind::deposit;
constexpr auto withdrawal = PostingKind::withdrawal;
constexpr auto transfer = PostingKind::transfer;
constexpr std::int64_t amount_max = limits::amount_cents_max;

const Account alice_closed = make_account("a1", "1111111111", "alice", 0, AccountStatus::closed);
const Account alice_owned_by_bob = make_account("a1", "1111111111", "bob", 10000);
const Account bob_closed = make_account("b1", "2222222222", "bob", 0, AccountStatus::closed);
const Account alice_at_max = make_account("a1", "1111111111", "alice", int64_max - 99);
const Account bob_at_max = make_account("b1", "2222222222", "bob", int64_max - 99);
const Account alice_rich = make_account("a1", "1111111111", "alice", 2 * amount_max);

INSTANTIATE_TEST_SUITE_P(
    InCheckOrder, PlanPostingRefuses,
    testing::Values(
        // The amount is checked first, before any account.
        RefusalCase{"zero_amount", deposit, 0, alice, std::nullopt, WriteStatus::amount_invalid},
        RefusalCase{"negative_deposit", deposit, -100, alice, std::nullopt,
                    WriteStatus::amount_invalid},
        RefusalCase{"negative_withdrawal", withdrawal, -1, alice, std::nullopt,
                    WriteStatus::amount_invalid},
        RefusalCase{"negative_transfer", transfer, -1, alice, bob, WriteStatus::amount_invalid},
        RefusalCase{"amount_over_limit", deposit, amount_max + 1, alice, std::nullopt,
                    WriteStatus::amount_invalid},
        RefusalCase{"withdrawal_over_limit", withdrawal, amount_max + 1, alice_rich, std::nullopt,
                    WriteStatus::amount_invalid},
        RefusalCase{"bad_amount_on_unknown_account", deposit, 0, std::nullopt, std::nullopt,
                    WriteStatus::amount_invalid},
        RefusalCase{"unknown_account", deposit, 100, std::nullopt, std::nullopt,
                    WriteStatus::account_not_found},
        RefusalCase{"unknown_account_transfer", transfer, 100, std::nullopt, bob,
                    WriteStatus::account_not_found},
        // Another user's account looks exactly like an unknown one.
        RefusalCase{"another_users_account", withdrawal, 100, alice_owned_by_bob, std::nullopt,
                    WriteStatus::account_not_found},
        RefusalCase{"another_users_account_transfer", transfer, 100, alice_owned_by_bob, bob,
                    WriteStatus::account_not_found},
        RefusalCase{"closed_account_deposit", deposit, 100, alice_closed, std::nullopt,
                    WriteStatus::account_closed},
        RefusalCase{"closed_account_withdrawal", withdrawal, 100, alice_closed, std::nullopt,
                    WriteStatus::account_closed},
        RefusalCase{"closed_account_transfer", transfer, 100, alice_closed, bob,
                    WriteStatus::account_closed},
        RefusalCase{"transfer_to_unknown", transfer, 100, alice, std::nullopt,
                    WriteStatus::counterparty_not_found},
        RefusalCase{"transfer_to_same", transfer, 100, alice, alice, WriteStatus::same_account},
        RefusalCase{"transfer_to_closed", transfer, 100, alice, bob_closed,
                    WriteStatus::counterparty_closed},
        // The payee is checked before the funds.
        RefusalCase{"transfer_to_unknown_without_funds", transfer, 20000, alice, std::nullopt,
                    WriteStatus::counterparty_not_found},
        RefusalCase{"withdrawal_without_funds", withdrawal, 10001, alice, std::nullopt,
                    WriteStatus::insufficient_funds},
        RefusalCase{"transfer_without_funds", transfer, 10001, alice, bob,
                    WriteStatus::insufficient_funds},
        RefusalCase{"withdrawal_from_empty", withdrawal, 1, make_account("a1", "1", "alice", 0),
                    std::nullopt, WriteStatus::insufficient_funds},
        RefusalCase{"deposit_overflow", deposit, 100, alice_at_max, std::nullopt,
                    WriteStatus::balance_overflow},
        RefusalCase{"transfer_payee_overflow", transfer, 100, alice, bob_at_max,
                    WriteStatus::balance_overflow}));

TEST(PlanPosting, DepositAddsToTheBalanceAndWritesOneRow) {
    const PostingPlan plan = plan_posting(make_posting(deposit, 2550), alice, std::nullopt, now);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    ASSERT_TRUE(plan.payer.has_value());
    EXPECT_EQ(plan.payer->balance.cents(), 12550);
    EXPECT_FALSE(plan.payee.has_value());
    ASSERT_EQ(plan.rows.size(), 1U);
    const Transaction& row = plan.rows[0];
    EXPECT_EQ(row.transaction_type, TransactionType::deposit);
    EXPECT_EQ(row.account_id, "a1");
    EXPECT_EQ(row.amount.cents(), 2550);
    EXPECT_EQ(row.balance_after.cents(), 12550);
    EXPECT_EQ(row.description, "rent");
    EXPECT_EQ(row.category, "housing");
    EXPECT_EQ(row.timestamp, now);
    EXPECT_EQ(row.idempotency_key, "key-1");
    EXPECT_TRUE(row.transfer_id.empty());
    EXPECT_TRUE(row.counterparty_account_number.empty());
    EXPECT_EQ(row.transaction_id.size(), 32U);
}

TEST(PlanPosting, DepositIgnoresAnyPayee) {
    const PostingPlan plan = plan_posting(make_posting(deposit, 100), alice, bob_closed, now);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    EXPECT_FALSE(plan.payee.has_value());
    EXPECT_EQ(plan.rows.size(), 1U);
}

TEST(PlanPosting, DepositUpToTheLargestBalanceIsAllowed) {
    const PostingPlan plan =
        plan_posting(make_posting(deposit, 99), alice_at_max, std::nullopt, now);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    EXPECT_EQ(plan.payer->balance.cents(), int64_max);
}

TEST(PlanPosting, AmountAtTheLimitIsAllowed) {
    const PostingPlan plan =
        plan_posting(make_posting(withdrawal, amount_max), alice_rich, std::nullopt, now);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    EXPECT_EQ(plan.payer->balance.cents(), amount_max);
}

TEST(PlanPosting, WithdrawingTheExactBalanceLeavesZero) {
    const PostingPlan plan =
        plan_posting(make_posting(withdrawal, 10000), alice, std::nullopt, now);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    EXPECT_EQ(plan.payer->balance.cents(), 0);
    ASSERT_EQ(plan.rows.size(), 1U);
    EXPECT_EQ(plan.rows[0].transaction_type, TransactionType::withdrawal);
    EXPECT_EQ(plan.rows[0].amount.cents(), 10000);
    EXPECT_EQ(plan.rows[0].balance_after.cents(), 0);
    EXPECT_TRUE(plan.rows[0].transfer_id.empty());
}

TEST(PlanPosting, TransferWritesTwoMatchingLegs) {
    const PostingPlan plan = plan_posting(make_posting(transfer, 2500), alice, bob, now);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    ASSERT_TRUE(plan.payer.has_value());
    ASSERT_TRUE(plan.payee.has_value());
    EXPECT_EQ(plan.payer->account_id, "a1");
    EXPECT_EQ(plan.payer->balance.cents(), 7500);
    EXPECT_EQ(plan.payee->account_id, "b1");
    EXPECT_EQ(plan.payee->balance.cents(), 7500);
    ASSERT_EQ(plan.rows.size(), 2U);

    const Transaction& out = plan.rows[0];
    const Transaction& in = plan.rows[1];
    EXPECT_EQ(out.transaction_type, TransactionType::transfer_out);
    EXPECT_EQ(in.transaction_type, TransactionType::transfer_in);
    EXPECT_EQ(out.account_id, "a1");
    EXPECT_EQ(in.account_id, "b1");
    EXPECT_EQ(out.amount, in.amount);
    EXPECT_EQ(out.amount.cents(), 2500);
    EXPECT_FALSE(out.transfer_id.empty());
    EXPECT_EQ(out.transfer_id, in.transfer_id);
    EXPECT_NE(out.transaction_id, in.transaction_id);
    // Each leg names the other side's account number.
    EXPECT_EQ(out.counterparty_account_number, "2222222222");
    EXPECT_EQ(in.counterparty_account_number, "1111111111");
    EXPECT_EQ(out.balance_after.cents(), 7500);
    EXPECT_EQ(in.balance_after.cents(), 7500);
    EXPECT_EQ(out.description, in.description);
    EXPECT_EQ(out.timestamp, now);
    EXPECT_EQ(in.timestamp, now);
    // The idempotency key belongs to the payer's request only.
    EXPECT_EQ(out.idempotency_key, "key-1");
    EXPECT_TRUE(in.idempotency_key.empty());
}

TEST(PlanPosting, AnotherPersonsLegDoesNotSeeThePayersCategory) {
    const PostingPlan to_another = plan_posting(make_posting(transfer, 100), alice, bob, now);
    ASSERT_EQ(to_another.rows.size(), 2U);
    EXPECT_EQ(to_another.rows[0].category, "housing");
    EXPECT_EQ(to_another.rows[1].category, "");

    const Account alices_savings = make_account("a2", "3333333333", "alice", 0);
    const PostingPlan own = plan_posting(make_posting(transfer, 100), alice, alices_savings, now);
    ASSERT_EQ(own.rows.size(), 2U);
    EXPECT_EQ(own.rows[0].category, "housing");
    EXPECT_EQ(own.rows[1].category, "housing");
}

TEST(PlanPosting, TransferOfTheWholeBalanceIsAllowed) {
    const PostingPlan plan = plan_posting(make_posting(transfer, 10000), alice, bob, now);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    EXPECT_EQ(plan.payer->balance.cents(), 0);
    EXPECT_EQ(plan.payee->balance.cents(), 15000);
}

TEST(PlanPosting, EveryTransferGetsItsOwnTransferId) {
    const PostingPlan first = plan_posting(make_posting(transfer, 100), alice, bob, now);
    const PostingPlan second = plan_posting(make_posting(transfer, 100), alice, bob, now);
    ASSERT_EQ(first.rows.size(), 2U);
    ASSERT_EQ(second.rows.size(), 2U);
    EXPECT_NE(first.rows[0].transfer_id, second.rows[0].transfer_id);
}

TEST(CheckAmount, AcceptsOneCentUpToTheLimit) {
    EXPECT_EQ(check_amount(Money::from_cents(1)), WriteStatus::ok);
    EXPECT_EQ(check_amount(Money::from_cents(amount_max)), WriteStatus::ok);
    EXPECT_EQ(check_amount(Money::from_cents(amount_max + 1)), WriteStatus::amount_invalid);
    EXPECT_EQ(check_amount(Money()), WriteStatus::amount_invalid);
    EXPECT_EQ(check_amount(Money::from_cents(-1)), WriteStatus::amount_invalid);
}

}  // namespace
}  // namespace bank
