#include "ledger/posting_batch_plan.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bank {
namespace {

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

// Alice pays from a1 ($100.00); Bob has b1 ($50.00); c1 is closed.
const std::vector<Account> accounts = {
    make_account("a1", "1111111111", "alice", 10'000),
    make_account("a2", "1111111112", "alice", 0),
    make_account("b1", "2222222222", "bob", 5'000),
    make_account("c1", "3333333333", "carol", 0, AccountStatus::closed),
};

Posting transfer(std::string from, std::string to_number, std::int64_t cents) {
    Posting posting;
    posting.kind = PostingKind::transfer;
    posting.user_id = "alice";
    posting.account_id = std::move(from);
    posting.to_account_number = std::move(to_number);
    posting.amount = Money::from_cents(cents);
    posting.description = "payroll";
    return posting;
}

// Each case: the batch's items and, for each, the status and (when ok) the payer's balance
// after it: the running balance the items before it left.
struct BatchCase {
    std::string name;
    std::vector<Posting> items;
    std::vector<WriteStatus> statuses;
    std::vector<std::int64_t> payer_balances;  // per item; ignored for a refusal
};

void PrintTo(const BatchCase& batch, std::ostream* out) { *out << batch.name; }

class PlanPostingBatch : public testing::TestWithParam<BatchCase> {};

TEST_P(PlanPostingBatch, DecidesEachItemOnTheBalancesTheEarlierOnesLeft) {
    const BatchCase& batch = GetParam();
    const PostingBatchPlan plan = plan_posting_batch(batch.items, accounts, now);
    ASSERT_EQ(plan.items.size(), batch.items.size());
    for (std::size_t index = 0; index < plan.items.size(); ++index) {
        const PostingPlan& item = plan.items[index];
        EXPECT_EQ(item.status, batch.statuses[index]) << "item " << index;
        if (item.status != WriteStatus::ok) {
            EXPECT_TRUE(item.rows.empty()) << "item " << index;
            continue;
        }
        EXPECT_EQ(item.payer->balance.cents(), batch.payer_balances[index]) << "item " << index;
        ASSERT_EQ(item.rows.size(), 2u);
        EXPECT_EQ(item.rows[0].balance_after.cents(), batch.payer_balances[index]);
    }
}

using S = WriteStatus;

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanPostingBatch,
    testing::Values(
        BatchCase{"one_transfer", {transfer("a1", "2222222222", 2'500)}, {S::ok}, {7'500}},
        BatchCase{"running_balance_until_overdraft",
                  {transfer("a1", "2222222222", 6'000), transfer("a1", "2222222222", 6'000),
                   transfer("a1", "2222222222", 4'000)},
                  {S::ok, S::insufficient_funds, S::ok},
                  {4'000, 0, 0}},
        BatchCase{"refused_in_the_middle_leaves_the_others",
                  {transfer("a1", "2222222222", 1'000), transfer("a1", "9999999999", 1'000),
                   transfer("b1", "1111111111", 1'000), transfer("a1", "3333333333", 1'000),
                   transfer("a1", "1111111111", 1'000), transfer("a1", "2222222222", 0),
                   transfer("a1", "2222222222", 1'000)},
                  {S::ok, S::counterparty_not_found, S::account_not_found, S::counterparty_closed,
                   S::same_account, S::amount_invalid, S::ok},
                  {9'000, 0, 0, 0, 0, 0, 8'000}},
        BatchCase{"money_received_earlier_in_the_batch_can_be_paid_on",
                  {transfer("a1", "1111111112", 10'000), transfer("a2", "2222222222", 10'000),
                   transfer("a1", "2222222222", 1)},
                  {S::ok, S::ok, S::insufficient_funds},
                  {0, 0, 0}},
        BatchCase{"unknown_paying_account",
                  {transfer("zz", "2222222222", 100)},
                  {S::account_not_found},
                  {0}}),
    [](const testing::TestParamInfo<BatchCase>& info) { return info.param.name; });

TEST(PlanPostingBatch, ThePayeeSeesTheRunningBalanceToo) {
    const PostingBatchPlan plan = plan_posting_batch(
        {transfer("a1", "2222222222", 1'000), transfer("a1", "2222222222", 2'000)}, accounts, now);
    ASSERT_EQ(plan.items.size(), 2u);
    EXPECT_EQ(plan.items[0].payee->balance.cents(), 6'000);
    EXPECT_EQ(plan.items[1].payee->balance.cents(), 8'000);
    EXPECT_EQ(plan.items[1].payee_balance_before.cents(), 6'000);
}

TEST(AccountsNamed, NamesEachPayerAndPayeeOnce) {
    const BatchAccountsNamed named =
        accounts_named({transfer("a1", "2222222222", 1), transfer("a1", "2222222222", 1),
                        transfer("a2", "1111111111", 1)});
    EXPECT_EQ(named.account_ids, (std::vector<std::string>{"a1", "a2"}));
    EXPECT_EQ(named.account_numbers, (std::vector<std::string>{"1111111111", "2222222222"}));
}

TEST(BatchOutcomes, RoundTripCreatedAndRefusedItems) {
    WriteResult created;
    created.transactions.push_back(Transaction{});
    created.transactions.back().transaction_id = "0123456789abcdef0123456789abcdef";
    const std::string text = encode_batch_outcomes(
        {created, with_status(S::insufficient_funds), with_status(S::counterparty_not_found)});
    EXPECT_EQ(text,
              "batch:0123456789abcdef0123456789abcdef,!insufficient_funds,"
              "!counterparty_not_found");
    const auto outcomes = decode_batch_outcomes(text);
    ASSERT_TRUE(outcomes);
    ASSERT_EQ(outcomes->size(), 3u);
    EXPECT_EQ((*outcomes)[0].status, S::ok);
    EXPECT_EQ((*outcomes)[0].transaction_id, "0123456789abcdef0123456789abcdef");
    EXPECT_EQ((*outcomes)[1].status, S::insufficient_funds);
    EXPECT_EQ((*outcomes)[2].status, S::counterparty_not_found);
}

TEST(BatchOutcomes, ASinglePostingsRecordIsNotABatch) {
    EXPECT_FALSE(decode_batch_outcomes("0123456789abcdef0123456789abcdef"));
    EXPECT_FALSE(decode_batch_outcomes("batch:!no_such_status"));
    EXPECT_FALSE(decode_batch_outcomes("batch:a,,b"));
}

}  // namespace
}  // namespace bank
