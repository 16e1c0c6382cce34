// The bank operations on each engine (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): a freeze refuses the postings its mode forbids and is
// read back on the account; a reversal posts the compensating rows linked both ways, once,
// refused when it would overdraw, with `bank verify` still passing; proposals are stored
// whole and decided once (ProposalStore).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/random.hpp"
#include "ledger/verifier.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

Money cents(std::int64_t value) { return Money::from_cents(value); }

class BankOperationsStoreTest : public test::EngineStoreTest {
protected:
    BankOperationsStoreTest() : EngineStoreTest("bank_operations") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        ann_ = test::add_test_user(*store_, clock_, "ann@example.com");
        bob_ = test::add_test_user(*store_, clock_, "bob@example.com");
        anns_ = test::open_test_account(*store_, ann_, cents(10000));
        bobs_ = test::open_test_account(*store_, bob_, cents(5000));
    }

    WriteResult write(WriteCommand command) {
        clock_.advance(std::chrono::seconds(1));
        return test::write_and_wait(*store_, std::move(command));
    }

    WriteResult post(PostingKind kind, const Account& account, std::int64_t amount,
                     const std::string& to = "") {
        Posting posting;
        posting.kind = kind;
        posting.user_id = account.user_id;
        posting.account_id = account.account_id;
        posting.to_account_number = to;
        posting.amount = cents(amount);
        posting.description = "test";
        return write(std::move(posting));
    }

    Money balance_of(const Account& account) {
        return store_->find_account(account.account_id)->balance;
    }

    User ann_;
    User bob_;
    Account anns_;
    Account bobs_;
};

TEST_P(BankOperationsStoreTest, AFreezeRefusesWhatItsModeForbidsUntilLifted) {
    const WriteResult frozen =
        write(SetAccountFreeze{anns_.account_id, AccountFreeze{FreezeMode::debits, "court order"}});
    ASSERT_EQ(frozen.status, WriteStatus::ok);
    const auto read = store_->find_account(anns_.account_id);
    ASSERT_TRUE(read && read->freeze);
    EXPECT_EQ(read->freeze->mode, FreezeMode::debits);
    EXPECT_EQ(read->freeze->reason, "court order");

    EXPECT_EQ(post(PostingKind::withdrawal, anns_, 100).status, WriteStatus::account_frozen);
    EXPECT_EQ(post(PostingKind::transfer, anns_, 100, bobs_.account_number).status,
              WriteStatus::account_frozen);
    EXPECT_EQ(post(PostingKind::deposit, anns_, 100).status, WriteStatus::ok);
    EXPECT_EQ(balance_of(anns_), cents(10100));

    // Frozen for credits: money sent to it is refused on the payer's side too.
    ASSERT_EQ(
        write(SetAccountFreeze{bobs_.account_id, AccountFreeze{FreezeMode::credits, "kyc"}}).status,
        WriteStatus::ok);
    EXPECT_EQ(post(PostingKind::deposit, bobs_, 100).status, WriteStatus::account_frozen);
    EXPECT_EQ(post(PostingKind::transfer, bobs_, 100, anns_.account_number).status,
              WriteStatus::ok);

    ASSERT_EQ(write(SetAccountFreeze{anns_.account_id, std::nullopt}).status, WriteStatus::ok);
    EXPECT_FALSE(store_->find_account(anns_.account_id)->freeze.has_value());
    EXPECT_EQ(post(PostingKind::withdrawal, anns_, 100).status, WriteStatus::ok);
    EXPECT_EQ(write(SetAccountFreeze{anns_.account_id, std::nullopt}).status,
              WriteStatus::account_not_frozen);
    EXPECT_EQ(write(SetAccountFreeze{"nope", std::nullopt}).status, WriteStatus::account_not_found);
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_P(BankOperationsStoreTest, AReversalIsACompensatingPostingLinkedBothWaysMadeOnce) {
    const WriteResult paid = post(PostingKind::transfer, anns_, 3000, bobs_.account_number);
    ASSERT_EQ(paid.status, WriteStatus::ok);
    const std::string original = paid.transactions.front().transaction_id;
    // Frozen accounts are still corrected by the bank.
    ASSERT_EQ(
        write(SetAccountFreeze{bobs_.account_id, AccountFreeze{FreezeMode::all, "fraud"}}).status,
        WriteStatus::ok);

    const WriteResult reversed = write(ReversePosting{original, "Reversal: sent by mistake"});
    ASSERT_EQ(reversed.status, WriteStatus::ok);
    ASSERT_EQ(reversed.transactions.size(), 2U);
    EXPECT_EQ(balance_of(anns_), cents(10000));
    EXPECT_EQ(balance_of(bobs_), cents(5000));
    EXPECT_TRUE(store_->find_account(bobs_.account_id)->freeze.has_value());

    const auto out = store_->find_posting(original);
    ASSERT_TRUE(out);
    EXPECT_FALSE(out->reversed_by.empty());
    const auto reversal = store_->find_posting(out->reversed_by);
    ASSERT_TRUE(reversal);
    EXPECT_EQ(reversal->reversal_of, original);
    EXPECT_EQ(reversal->amount, cents(3000));

    EXPECT_EQ(write(ReversePosting{original, "again"}).status, WriteStatus::already_reversed);
    EXPECT_EQ(write(ReversePosting{paid.transactions.back().transaction_id, "other leg"}).status,
              WriteStatus::already_reversed);
    EXPECT_EQ(write(ReversePosting{out->reversed_by, "undo the undo"}).status,
              WriteStatus::not_reversible);
    EXPECT_EQ(write(ReversePosting{"unknown", "x"}).status, WriteStatus::transaction_not_found);
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_P(BankOperationsStoreTest, AReversalThatWouldOverdrawChangesNothing) {
    const WriteResult deposit = post(PostingKind::deposit, bobs_, 2000);
    ASSERT_EQ(deposit.status, WriteStatus::ok);
    ASSERT_EQ(post(PostingKind::withdrawal, bobs_, 6000).status, WriteStatus::ok);  // $10 left
    const WriteResult refused =
        write(ReversePosting{deposit.transactions.front().transaction_id, "Reversal"});
    EXPECT_EQ(refused.status, WriteStatus::insufficient_funds);
    EXPECT_EQ(balance_of(bobs_), cents(1000));
    EXPECT_TRUE(
        store_->find_posting(deposit.transactions.front().transaction_id)->reversed_by.empty());
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_P(BankOperationsStoreTest, ConcurrentReversalsOfOnePostingMakeOne) {
    const WriteResult deposit = post(PostingKind::deposit, anns_, 500);
    const std::string id = deposit.transactions.front().transaction_id;
    std::atomic<int> made{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            if (test::write_and_wait(*store_, ReversePosting{id, "Reversal"}).status ==
                WriteStatus::ok) {
                ++made;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(made.load(), 1);
    EXPECT_EQ(balance_of(anns_), cents(10000));
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

Proposal proposal_of(const std::string& id, Timestamp at) {
    Proposal proposal;
    proposal.proposal_id = id;
    proposal.kind = ProposalKind::freeze;
    proposal.account_id = "a1";
    proposal.owner_user_id = "owner";
    proposal.freeze_mode = FreezeMode::credits;
    proposal.reason = "fraud report";
    proposal.proposed_by = "maker";
    proposal.proposed_at = at;
    return proposal;
}

TEST_P(BankOperationsStoreTest, AProposalIsStoredWholeAndDecidedOnce) {
    const Proposal first = proposal_of("p1", clock_.now());
    ASSERT_TRUE(store_->add_proposal(first));
    EXPECT_FALSE(store_->add_proposal(first));  // the id is taken
    ASSERT_TRUE(store_->add_proposal(proposal_of("p2", clock_.now() + std::chrono::seconds(1))));

    const auto read = store_->find_proposal("p1");
    ASSERT_TRUE(read);
    EXPECT_EQ(read->kind, ProposalKind::freeze);
    EXPECT_EQ(read->status, ProposalStatus::pending);
    EXPECT_EQ(read->freeze_mode, FreezeMode::credits);
    EXPECT_EQ(read->reason, "fraud report");
    EXPECT_EQ(read->owner_user_id, "owner");
    EXPECT_EQ(read->proposed_at, first.proposed_at);
    EXPECT_EQ(store_->find_proposal("none"), std::nullopt);
    EXPECT_EQ(store_->list_proposals(10).size(), 2U);
    EXPECT_EQ(store_->list_proposals(1).size(), 1U);

    Proposal approved = *read;
    approved.status = ProposalStatus::approved;
    approved.decided_by = "checker";
    approved.decided_at = clock_.now();
    std::atomic<int> decided{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            if (store_->decide_proposal(approved)) ++decided;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(decided.load(), 1);
    const auto after = store_->find_proposal("p1");
    EXPECT_EQ(after->status, ProposalStatus::approved);
    EXPECT_EQ(after->decided_by, "checker");
    Proposal rejected = approved;
    rejected.status = ProposalStatus::rejected;
    EXPECT_FALSE(store_->decide_proposal(rejected));
    EXPECT_EQ(store_->find_proposal("p1")->status, ProposalStatus::approved);
}

INSTANTIATE_TEST_SUITE_P(Engines, BankOperationsStoreTest, testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
