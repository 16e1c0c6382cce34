// With history windows kept (service/history_window_cache.hpp), the forecast and the recurring
// payments answer exactly what services that keep nothing compute: after postings of both
// directions, transfers between the person's accounts, a recategorised old posting (the data
// version moves, the window's rows do not change), a second account opened (a new window) and
// the window's start moving by days.
#include <gtest/gtest.h>

#include <sstream>

#include "core/forecast_limits.hpp"
#include "service/analytics_service.hpp"
#include "service/forecast_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/report_text.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

using test::day_text;
using test::text_of;

class HistoryWindowServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
        user_ = test::add_test_user(*store_, clock_, "windows@example.com");
        checking_ = test::open_test_account(*store_, user_, Money::from_cents(900'000'00));
        savings_ = test::open_test_account(*store_, user_, Money{}, AccountType::savings);
        kept_ = std::make_unique<AnalyticsService>(*store_, *store_, clock_, store_.get());
        plain_ = std::make_unique<AnalyticsService>(*store_, *store_, clock_);
        kept_forecasts_ =
            std::make_unique<ForecastService>(*store_, *store_, *store_, clock_, store_.get());
        plain_forecasts_ = std::make_unique<ForecastService>(*store_, *store_, *store_, clock_);
    }

    WriteResult post(PostingKind kind, const std::string& description, std::int64_t cents,
                     const std::string& to = "") {
        Posting posting;
        posting.user_id = user_.user_id;
        posting.account_id = checking_.account_id;
        posting.kind = kind;
        posting.to_account_number = to;
        posting.description = description;
        posting.amount = Money::from_cents(cents);
        WriteResult result = test::write_and_wait(*store_, posting);
        EXPECT_EQ(result.status, WriteStatus::ok);
        return result;
    }

    void live(int days) {
        for (int day = 0; day < days; ++day) {
            if (day % 30 == 0) post(PostingKind::deposit, "Salary", 300'000);
            if (day % 30 == 1) post(PostingKind::withdrawal, "Rent", 120'000);
            if (day % 7 == 0) post(PostingKind::withdrawal, day % 2 == 0 ? "Gym" : "GYM ", 2'500);
            if (day % 10 == 5)
                post(PostingKind::transfer, "To savings", 5'000, savings_.account_number);
            if (day % 3 != 0) post(PostingKind::withdrawal, "Coffee", 300 + day % 11);
            clock_.advance(24h);
        }
    }

    void expect_same() {
        EXPECT_EQ(text_of(kept_->recurring(user_)), text_of(plain_->recurring(user_)));
        for (const std::string& account : {std::string(), checking_.account_id}) {
            const auto kept = kept_forecasts_->forecast(user_, "90", account, "");
            const auto computed = plain_forecasts_->forecast(user_, "90", account, "");
            ASSERT_TRUE(kept && computed);
            EXPECT_EQ(text_of(*kept), text_of(*computed));
        }
    }

    test::ScratchDirectory directory_{"bank_history_windows"};
    ManualClock clock_{Timestamp(std::chrono::microseconds(1'735'732'800'000'000))};
    std::unique_ptr<SqliteStore> store_;
    User user_;
    Account checking_;
    Account savings_;
    std::unique_ptr<AnalyticsService> kept_;
    std::unique_ptr<AnalyticsService> plain_;
    std::unique_ptr<ForecastService> kept_forecasts_;
    std::unique_ptr<ForecastService> plain_forecasts_;
};

TEST_F(HistoryWindowServiceTest, KeptWindowsAnswerWhatAWholeReadComputes) {
    const WriteResult first = post(PostingKind::withdrawal, "Rent", 120'000);
    live(120);
    expect_same();
    for (int round = 0; round < 5; ++round) {
        live(round + 1);
        expect_same();
    }
    // An edit of an old posting moves the data version; what the windows hold is unchanged.
    ASSERT_FALSE(first.transactions.empty());
    ASSERT_EQ(test::write_and_wait(
                  *store_,
                  Recategorize{user_.user_id, first.transactions.front().transaction_id, "housing"})
                  .status,
              WriteStatus::ok);
    expect_same();
    // Another account: the person's account numbers change, and with them the windows' key.
    test::open_test_account(*store_, user_, Money{}, AccountType::savings);
    post(PostingKind::withdrawal, "Coffee", 310);
    expect_same();
    clock_.advance(limits::forecast_history_days - 100 * 24h);  // the start passes old rows
    live(2);
    expect_same();
}

}  // namespace
}  // namespace bank
