// The history window of the forecast and the recurring payments (service/history_window_read.hpp)
// run against each engine (SQLite always, DynamoDB when BANK_TEST_DYNAMODB_ENDPOINT is set): a
// window read before and extended with the postings newer than it, through LedgerReads'
// oldest-first read after a sequence, holds exactly what a whole read holds now, with the
// window's start moving and the row limit reached or not, and never another person's postings.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/history_window_read.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

class HistoryWindowStoreTest : public test::EngineStoreTest {
protected:
    HistoryWindowStoreTest() : EngineStoreTest("history_window") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        user_ = test::add_test_user(*store_, clock_, "window@example.com");
        checking_ = test::open_test_account(*store_, user_, Money::from_cents(500'000'00));
        savings_ = test::open_test_account(*store_, user_, Money::from_cents(500'000'00),
                                           AccountType::savings);
        const User other = test::add_test_user(*store_, clock_, "other@example.com");
        other_ = test::open_test_account(*store_, other, Money::from_cents(1'000'00));
    }

    void post(const Account& account, PostingKind kind, const std::string& description,
              std::int64_t cents) {
        Posting posting;
        posting.user_id = account.user_id;
        posting.account_id = account.account_id;
        posting.kind = kind;
        posting.description = description;
        posting.amount = Money::from_cents(cents);
        ASSERT_EQ(test::write_and_wait(*store_, posting).status, WriteStatus::ok);
    }

    // A day of the person's life, and one posting of someone else's.
    void live(int days) {
        for (int day = 0; day < days; ++day) {
            post(checking_, PostingKind::withdrawal, day % 2 == 0 ? "Coffee" : "COFFEE ",
                 300 + day);
            post(savings_, PostingKind::deposit, "Interest", 10 + day % 3);
            post(other_, PostingKind::deposit, "Not theirs", 100);
            clock_.advance(24h);
        }
    }

    HistoryWindowScope scope(std::string account_id, std::size_t rows_max) const {
        return HistoryWindowScope{user_.user_id,   std::move(account_id),   {},
                                  TimeZone::utc(), clock_.now() - 10 * 24h, rows_max};
    }

    static std::vector<std::string> texts(const PostingWindow& window) {
        std::vector<std::string> out;
        for (const WindowRow& row : window.rows) {
            out.push_back(std::to_string(row.sequence) + ' ' + row.amount.to_string() + ' ' +
                          std::to_string(row.outgoing) + ' ' +
                          window.descriptions[row.description] + '|' + window.payees[row.payee]);
        }
        if (window.truncated) out.emplace_back("truncated");
        return out;
    }

    User user_;
    Account checking_;
    Account savings_;
    Account other_;
};

TEST_P(HistoryWindowStoreTest, AnExtendedWindowHoldsWhatAWholeReadHolds) {
    live(15);
    for (const std::size_t rows_max : {std::size_t{7}, std::size_t{100}}) {
        for (const std::string& account : {std::string(), checking_.account_id}) {
            SCOPED_TRACE("rows_max " + std::to_string(rows_max) + " account '" + account + "'");
            PostingWindow kept;
            refresh_history_window(*store_, scope(account, rows_max), kept);
            PostingWindow whole;
            refresh_history_window(*store_, scope(account, rows_max), whole);
            EXPECT_EQ(texts(kept), texts(whole));
            live(3);  // new postings, and the window's start moves three days
            refresh_history_window(*store_, scope(account, rows_max), kept);
            PostingWindow now;
            refresh_history_window(*store_, scope(account, rows_max), now);
            EXPECT_EQ(texts(kept), texts(now));
            EXPECT_FALSE(now.rows.empty());
            for (const WindowRow& row : now.rows) {
                EXPECT_NE(now.descriptions[row.description], "Not theirs");
            }
            refresh_history_window(*store_, scope(account, rows_max), kept);  // nothing new
            EXPECT_EQ(texts(kept), texts(now));
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Engines, HistoryWindowStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
