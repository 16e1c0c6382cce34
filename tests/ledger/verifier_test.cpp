#include "ledger/verifier.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <future>
#include <memory>

#include "core/random.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

constexpr std::int64_t start_micros = 1'768'435'200'000'000;  // 2026-01-15T00:00:00Z

bool mentions(const VerifyReport& report, const std::string& text) {
    for (const std::string& problem : report.problems) {
        if (problem.find(text) != std::string::npos) return true;
    }
    return false;
}

class VerifierTest : public ::testing::Test {
protected:
    void SetUp() override { store_ = std::make_unique<SqliteStore>(path_, clock_); }

    void TearDown() override { store_.reset(); }

    WriteResult write(WriteCommand command) {
        return test::write_and_wait(*store_, std::move(command));
    }

    void tamper(const std::string& sql) { test::execute_sql(path_, sql); }

    // Damages the file behind the store's back; `bank verify` must fail and name the damage.
    VerifyReport expect_reported(const std::string& sql, const std::string& phrase) {
        tamper(sql);
        VerifyReport report = verify_ledger(*store_);
        EXPECT_FALSE(report.ok);
        EXPECT_TRUE(mentions(report, phrase)) << "expected a problem naming: " << phrase;
        return report;
    }

    User add_user(const std::string& email) { return test::add_test_user(*store_, clock_, email); }

    Account open(const User& user, std::int64_t opening_cents) {
        return test::open_test_account(*store_, user, Money::from_cents(opening_cents));
    }

    WriteResult move_money(PostingKind kind, const User& user, const Account& account,
                           std::int64_t amount, const std::string& to_number = {}) {
        Posting posting;
        posting.kind = kind;
        posting.user_id = user.user_id;
        posting.account_id = account.account_id;
        posting.to_account_number = to_number;
        posting.amount = Money::from_cents(amount);
        return write(posting);
    }

    // Two users, three accounts, every kind of posting.
    void fill() {
        ada_ = add_user("ada@example.com");
        grace_ = add_user("grace@example.com");
        first_ = open(ada_, 10'000);
        second_ = open(ada_, 0);
        third_ = open(grace_, 2'000);
        ASSERT_EQ(move_money(PostingKind::withdrawal, ada_, first_, 1'500).status, WriteStatus::ok);
        transfer_ = move_money(PostingKind::transfer, ada_, first_, 3'000, third_.account_number);
        ASSERT_EQ(transfer_.status, WriteStatus::ok);
        ASSERT_EQ(
            move_money(PostingKind::transfer, grace_, third_, 700, second_.account_number).status,
            WriteStatus::ok);
        ASSERT_EQ(move_money(PostingKind::deposit, ada_, second_, 250).status, WriteStatus::ok);
    }

    ManualClock clock_{from_micros(start_micros)};
    test::ScratchDirectory directory_{"bank_verify"};
    std::string path_ = directory_.file("bank.db");
    std::unique_ptr<SqliteStore> store_;
    User ada_, grace_;
    Account first_, second_, third_;
    WriteResult transfer_;
};

TEST_F(VerifierTest, AnEmptyStoreIsConsistent) {
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_TRUE(report.ok);
    EXPECT_EQ(report.accounts, 0);
    EXPECT_EQ(report.transactions, 0);
    EXPECT_TRUE(report.problems.empty());
}

TEST_F(VerifierTest, AGoodStorePassesWithItsTotals) {
    fill();
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_TRUE(report.ok);
    EXPECT_TRUE(report.problems.empty()) << report.problems.front();
    EXPECT_EQ(report.accounts, 3);
    EXPECT_EQ(report.transactions, 8);  // 2 opening deposits, 1 withdrawal, 2 transfers, 1 deposit
    EXPECT_EQ(report.transfers, 2);
    EXPECT_EQ(report.rollups, 8);        // every row above falls in a rollup of its own
    EXPECT_EQ(report.payee_rollups, 2);  // the first account's two outflows; the third's one
    EXPECT_EQ(report.total_deposits, Money::from_cents(12'250));
    EXPECT_EQ(report.total_withdrawals, Money::from_cents(1'500));
    EXPECT_EQ(report.total_balance, Money::from_cents(10'750));
}

TEST_F(VerifierTest, ReportsATamperedBalance) {
    fill();
    const VerifyReport report = expect_reported(
        "UPDATE accounts SET balance = balance + 1 WHERE account_id = '" + second_.account_id + "'",
        "account " + second_.account_number);
    EXPECT_TRUE(mentions(report, "deposits"));  // the totals no longer agree either
}

// The schema refuses a negative balance (CHECK balance >= 0); a file damaged past that check
// (here by turning it off) is still caught by `bank verify`.
TEST_F(VerifierTest, ReportsANegativeBalance) {
    fill();
    const VerifyReport report = expect_reported(
        "PRAGMA ignore_check_constraints = ON; UPDATE accounts SET balance = -500 WHERE "
        "account_id = '" +
            second_.account_id + "'",
        "account " + second_.account_number + " (" + second_.account_id +
            ") has a negative balance " + Money::from_cents(-500).to_string());
}

TEST_F(VerifierTest, ReportsAOneLeggedTransfer) {
    fill();
    const Transaction& in = transfer_.transactions.at(1);
    const VerifyReport report = expect_reported(
        "DELETE FROM transactions WHERE transaction_id = '" + in.transaction_id + "'",
        "transfer " + in.transfer_id + " has only one leg");
    EXPECT_TRUE(mentions(report, "account " + third_.account_number));
}

TEST_F(VerifierTest, ReportsABrokenRunningBalance) {
    fill();
    const Transaction& out = transfer_.transactions.at(0);
    expect_reported(
        "UPDATE transactions SET balance_after = balance_after + 5 WHERE transaction_id = '" +
            out.transaction_id + "'",
        "transaction " + out.transaction_id + " says balance_after");
}

TEST_F(VerifierTest, ReportsTransferLegsThatDisagree) {
    fill();
    const Transaction& in = transfer_.transactions.at(1);
    expect_reported(
        "UPDATE transactions SET counterparty_account_number = '1111111111' "
        "WHERE transaction_id = '" +
            in.transaction_id + "'",
        "transfer " + in.transfer_id + " legs do not name each other");
}

// A retried transfer finds its other leg by account and instant, so the legs must share it.
TEST_F(VerifierTest, ReportsTransferLegsAtDifferentInstants) {
    fill();
    const Transaction& in = transfer_.transactions.at(1);
    expect_reported("UPDATE transactions SET timestamp = timestamp + 1 WHERE transaction_id = '" +
                        in.transaction_id + "'",
                    "transfer " + in.transfer_id + " has legs at different instants");
}

TEST_F(VerifierTest, ReportsATamperedRollup) {
    fill();
    tamper("UPDATE rollups SET total = total + 1 WHERE account_id = '" + second_.account_id +
           "' AND transaction_type = 'deposit'");
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_FALSE(report.ok);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_TRUE(mentions(report, "rollup of account " + second_.account_number + " for 2026-01"));
    EXPECT_TRUE(mentions(report, "says 2.51 in 1 postings but the postings add up to 2.50 in 1"));
}

TEST_F(VerifierTest, ReportsATamperedRollupCount) {
    fill();
    expect_reported("UPDATE rollups SET count = 2 WHERE account_id = '" + first_.account_id +
                        "' AND transaction_type = 'withdrawal'",
                    "rollup of account " + first_.account_number);
}

TEST_F(VerifierTest, ReportsAMissingAndAnExtraRollup) {
    fill();
    tamper("DELETE FROM rollups WHERE account_id = '" + third_.account_id +
           "' AND transaction_type = 'transfer_in'");
    const VerifyReport report =
        expect_reported("INSERT INTO rollups VALUES ('" + first_.account_id +
                            "', '2026-01', 'ghost', 'deposit', 100, 1)",
                        "rollup of account " + third_.account_number +
                            " for 2026-01, category '', transfer_in is missing");
    EXPECT_TRUE(mentions(report, "category 'ghost', deposit (1.00 in 1 postings) has no postings"));
}

TEST_F(VerifierTest, ARollupMovedToTheWrongMonthIsFound) {
    fill();
    tamper("UPDATE rollups SET month = '2026-02' WHERE account_id = '" + second_.account_id +
           "' AND transaction_type = 'deposit'");
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.problems.size(), 2u);  // one missing, one extra
}

TEST_F(VerifierTest, ReportsATamperedPayeeRollup) {
    fill();
    tamper("UPDATE payee_rollups SET total = total + 1 WHERE account_id = '" + first_.account_id +
           "'");
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_FALSE(report.ok);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_TRUE(mentions(report, "payee rollup of account " + first_.account_number +
                                     " for 2026-01, description ''"));
    EXPECT_TRUE(mentions(report,
                         "says 45.01 in 2 postings but the outgoing postings add up to "
                         "45.00 in 2"));
}

TEST_F(VerifierTest, ReportsAMissingAndAnExtraPayeeRollup) {
    fill();
    tamper("DELETE FROM payee_rollups WHERE account_id = '" + third_.account_id + "'");
    tamper("INSERT INTO payee_rollups VALUES ('" + second_.account_id +
           "', '2026-01', 'Ghost', 100, 1)");
    const VerifyReport report = verify_ledger(*store_);
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.problems.size(), 2u);
    EXPECT_TRUE(mentions(report, "payee rollup of account " + third_.account_number +
                                     " for 2026-01, description '' is missing"));
    EXPECT_TRUE(mentions(report, "description 'Ghost' (1.00 in 1 postings) has no outgoing"));
}

}  // namespace
}  // namespace bank
