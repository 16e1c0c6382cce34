#include "ledger/bank_operation_plans.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "ledger/invariant_checks.hpp"

namespace bank {
namespace {

const Timestamp now = from_micros(1'795'594'184'123'456);

Account make_account(std::string id, std::string number, std::string user_id,
                     std::int64_t balance_cents, std::optional<FreezeMode> frozen = std::nullopt,
                     AccountStatus status = AccountStatus::active) {
    Account account;
    account.account_id = std::move(id);
    account.account_number = std::move(number);
    account.user_id = std::move(user_id);
    account.balance = Money::from_cents(balance_cents);
    account.status = status;
    if (frozen) account.freeze = AccountFreeze{*frozen, "fraud check"};
    return account;
}

Posting posting_of(PostingKind kind) {
    Posting posting;
    posting.kind = kind;
    posting.user_id = "alice";
    posting.account_id = "a1";
    posting.to_account_number = "2222222222";
    posting.amount = Money::from_cents(1000);
    posting.description = "rent";
    return posting;
}

// ---- the freeze in plan_posting: every path that posts inherits it ----

struct FreezeCase {
    std::string name;
    PostingKind kind;
    std::optional<FreezeMode> payer_frozen;
    std::optional<FreezeMode> payee_frozen;
    WriteStatus status;
};

void PrintTo(const FreezeCase& c, std::ostream* out) { *out << c.name; }

class PlanPostingWithFreeze : public testing::TestWithParam<FreezeCase> {};

TEST_P(PlanPostingWithFreeze, RefusesWhatTheModeForbids) {
    const FreezeCase& c = GetParam();
    const Account payer = make_account("a1", "1111111111", "alice", 10000, c.payer_frozen);
    const Account payee = make_account("b1", "2222222222", "bob", 5000, c.payee_frozen);
    const PostingPlan plan = plan_posting(posting_of(c.kind), payer, payee, now);
    EXPECT_EQ(plan.status, c.status);
    EXPECT_EQ(plan.rows.empty(), c.status != WriteStatus::ok);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanPostingWithFreeze,
    testing::Values(
        FreezeCase{
            "deposit_debits_frozen", PostingKind::deposit, FreezeMode::debits, {}, WriteStatus::ok},
        FreezeCase{"deposit_credits_frozen",
                   PostingKind::deposit,
                   FreezeMode::credits,
                   {},
                   WriteStatus::account_frozen},
        FreezeCase{"deposit_all_frozen",
                   PostingKind::deposit,
                   FreezeMode::all,
                   {},
                   WriteStatus::account_frozen},
        FreezeCase{"withdrawal_debits_frozen",
                   PostingKind::withdrawal,
                   FreezeMode::debits,
                   {},
                   WriteStatus::account_frozen},
        FreezeCase{"withdrawal_credits_frozen",
                   PostingKind::withdrawal,
                   FreezeMode::credits,
                   {},
                   WriteStatus::ok},
        FreezeCase{"withdrawal_all_frozen",
                   PostingKind::withdrawal,
                   FreezeMode::all,
                   {},
                   WriteStatus::account_frozen},
        FreezeCase{"transfer_payer_debits_frozen",
                   PostingKind::transfer,
                   FreezeMode::debits,
                   {},
                   WriteStatus::account_frozen},
        FreezeCase{"transfer_payer_credits_frozen",
                   PostingKind::transfer,
                   FreezeMode::credits,
                   {},
                   WriteStatus::ok},
        FreezeCase{"transfer_payee_credits_frozen",
                   PostingKind::transfer,
                   {},
                   FreezeMode::credits,
                   WriteStatus::counterparty_frozen},
        FreezeCase{"transfer_payee_all_frozen",
                   PostingKind::transfer,
                   {},
                   FreezeMode::all,
                   WriteStatus::counterparty_frozen},
        FreezeCase{"transfer_payee_debits_frozen",
                   PostingKind::transfer,
                   {},
                   FreezeMode::debits,
                   WriteStatus::ok},
        FreezeCase{"not_frozen", PostingKind::transfer, {}, {}, WriteStatus::ok}),
    [](const auto& info) { return info.param.name; });

// ---- plan_set_account_freeze ----

struct SetFreezeCase {
    std::string name;
    std::optional<Account> account;
    std::optional<AccountFreeze> freeze;
    WriteStatus status;
};

void PrintTo(const SetFreezeCase& c, std::ostream* out) { *out << c.name; }

class PlanSetAccountFreeze : public testing::TestWithParam<SetFreezeCase> {};

TEST_P(PlanSetAccountFreeze, ChecksTheAccountThenSetsTheFreeze) {
    const SetFreezeCase& c = GetParam();
    const FreezePlan plan = plan_set_account_freeze(c.account, SetAccountFreeze{"a1", c.freeze});
    EXPECT_EQ(plan.status, c.status);
    if (plan.status != WriteStatus::ok) return;
    ASSERT_EQ(plan.account.freeze.has_value(), c.freeze.has_value());
    if (c.freeze) {
        EXPECT_EQ(plan.account.freeze->mode, c.freeze->mode);
        EXPECT_EQ(plan.account.freeze->reason, c.freeze->reason);
    }
    EXPECT_EQ(plan.account.balance, c.account->balance);
}

const AccountFreeze debits_freeze{FreezeMode::debits, "court order"};

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanSetAccountFreeze,
    testing::Values(
        SetFreezeCase{"unknown_account", std::nullopt, debits_freeze,
                      WriteStatus::account_not_found},
        SetFreezeCase{"closed_account",
                      make_account("a1", "1", "alice", 0, std::nullopt, AccountStatus::closed),
                      debits_freeze, WriteStatus::account_closed},
        SetFreezeCase{"freeze", make_account("a1", "1", "alice", 100), debits_freeze,
                      WriteStatus::ok},
        SetFreezeCase{"freeze_again_replaces",
                      make_account("a1", "1", "alice", 100, FreezeMode::all), debits_freeze,
                      WriteStatus::ok},
        SetFreezeCase{"unfreeze", make_account("a1", "1", "alice", 100, FreezeMode::all),
                      std::nullopt, WriteStatus::ok},
        SetFreezeCase{"unfreeze_not_frozen", make_account("a1", "1", "alice", 100), std::nullopt,
                      WriteStatus::account_not_frozen}),
    [](const auto& info) { return info.param.name; });

// ---- plan_reversal ----

Transaction row_of(std::string id, std::string account_id, TransactionType type,
                   std::int64_t cents) {
    Transaction row;
    row.transaction_id = std::move(id);
    row.account_id = std::move(account_id);
    row.transaction_type = type;
    row.amount = Money::from_cents(cents);
    row.description = "rent";
    row.category = "rent";
    row.timestamp = now - std::chrono::hours(1);
    return row;
}

// Alice paid Bob $10.00: her outgoing leg t-out, his incoming leg t-in.
ReversalState transfer_state(std::int64_t bob_cents, bool from_incoming = false) {
    Transaction out = row_of("t-out", "a1", TransactionType::transfer_out, 1000);
    Transaction in = row_of("t-in", "b1", TransactionType::transfer_in, 1000);
    out.transfer_id = in.transfer_id = "tr";
    out.counterparty_account_number = "2222222222";
    in.counterparty_account_number = "1111111111";
    const Account alice = make_account("a1", "1111111111", "alice", 9000);
    const Account bob = make_account("b1", "2222222222", "bob", bob_cents, FreezeMode::all);
    if (from_incoming) return ReversalState{in, bob, out, alice};
    return ReversalState{out, alice, in, bob};
}

TEST(PlanReversal, UndoesADepositByAWithdrawalNamingIt) {
    const ReversalState state{row_of("d1", "a1", TransactionType::deposit, 1000),
                              make_account("a1", "1", "alice", 2500, FreezeMode::all), std::nullopt,
                              std::nullopt};
    const ReversalPlan plan = plan_reversal(state, ReversePosting{"d1", "Reversal: error"}, now);
    ASSERT_EQ(plan.posting.status, WriteStatus::ok);
    ASSERT_EQ(plan.posting.rows.size(), 1U);
    EXPECT_EQ(plan.posting.rows[0].transaction_type, TransactionType::withdrawal);
    EXPECT_EQ(plan.posting.rows[0].reversal_of, "d1");
    EXPECT_EQ(plan.posting.payer->balance, Money::from_cents(1500));
    // The freeze is not the reversal's concern and stays as it was.
    ASSERT_TRUE(plan.posting.payer->freeze.has_value());
    ASSERT_EQ(plan.reversed.size(), 1U);
    EXPECT_EQ(plan.reversed[0].reversed_by, plan.posting.rows[0].transaction_id);
    EXPECT_FALSE(check_invariants(changes_of(plan.posting)).has_value());
}

TEST(PlanReversal, UndoesAWithdrawalByADeposit) {
    const ReversalState state{row_of("w1", "a1", TransactionType::withdrawal, 1000),
                              make_account("a1", "1", "alice", 0), std::nullopt, std::nullopt};
    const ReversalPlan plan = plan_reversal(state, ReversePosting{"w1", "Reversal"}, now);
    ASSERT_EQ(plan.posting.status, WriteStatus::ok);
    EXPECT_EQ(plan.posting.rows[0].transaction_type, TransactionType::deposit);
    EXPECT_EQ(plan.posting.payer->balance, Money::from_cents(1000));
}

TEST(PlanReversal, UndoesATransferByATransferBackFromEitherLeg) {
    for (const bool from_incoming : {false, true}) {
        const ReversalPlan plan =
            plan_reversal(transfer_state(5000, from_incoming), ReversePosting{"x", "Back"}, now);
        ASSERT_EQ(plan.posting.status, WriteStatus::ok);
        ASSERT_EQ(plan.posting.rows.size(), 2U);
        EXPECT_EQ(plan.posting.payer->account_id, "b1");
        EXPECT_EQ(plan.posting.payer->balance, Money::from_cents(4000));
        EXPECT_EQ(plan.posting.payee->balance, Money::from_cents(10000));
        EXPECT_EQ(plan.posting.rows[0].reversal_of, "t-in");  // Bob's outgoing undoes his incoming
        EXPECT_EQ(plan.posting.rows[1].reversal_of, "t-out");
        ASSERT_EQ(plan.reversed.size(), 2U);
        EXPECT_FALSE(check_invariants(changes_of(plan.posting)).has_value());
    }
}

struct ReversalRefusal {
    std::string name;
    ReversalState state;
    WriteStatus status;
};

void PrintTo(const ReversalRefusal& c, std::ostream* out) { *out << c.name; }

class PlanReversalRefuses : public testing::TestWithParam<ReversalRefusal> {};

TEST_P(PlanReversalRefuses, AndPlansNothing) {
    const ReversalPlan plan = plan_reversal(GetParam().state, ReversePosting{"x", "Back"}, now);
    EXPECT_EQ(plan.posting.status, GetParam().status);
    EXPECT_TRUE(plan.posting.rows.empty());
    EXPECT_TRUE(plan.reversed.empty());
}

ReversalState reversed_deposit() {
    ReversalState state{row_of("d1", "a1", TransactionType::deposit, 1000),
                        make_account("a1", "1", "alice", 5000), std::nullopt, std::nullopt};
    state.row->reversed_by = "r1";
    return state;
}

ReversalState a_reversal() {
    ReversalState state{row_of("r1", "a1", TransactionType::withdrawal, 1000),
                        make_account("a1", "1", "alice", 5000), std::nullopt, std::nullopt};
    state.row->reversal_of = "d1";
    return state;
}

ReversalState transfer_without_leg() {
    ReversalState state = transfer_state(5000);
    state.other_leg.reset();
    return state;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanReversalRefuses,
    testing::Values(
        ReversalRefusal{"unknown", ReversalState{}, WriteStatus::transaction_not_found},
        ReversalRefusal{"already_reversed", reversed_deposit(), WriteStatus::already_reversed},
        ReversalRefusal{"a_reversal", a_reversal(), WriteStatus::not_reversible},
        ReversalRefusal{"transfer_leg_missing", transfer_without_leg(),
                        WriteStatus::transaction_not_found},
        ReversalRefusal{
            "deposit_would_overdraw",
            ReversalState{row_of("d1", "a1", TransactionType::deposit, 1000),
                          make_account("a1", "1", "alice", 999), std::nullopt, std::nullopt},
            WriteStatus::insufficient_funds},
        ReversalRefusal{"transfer_would_overdraw_payee", transfer_state(999),
                        WriteStatus::insufficient_funds},
        ReversalRefusal{
            "account_closed",
            ReversalState{row_of("w1", "a1", TransactionType::withdrawal, 1000),
                          make_account("a1", "1", "alice", 0, std::nullopt, AccountStatus::closed),
                          std::nullopt, std::nullopt},
            WriteStatus::account_closed}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace bank
