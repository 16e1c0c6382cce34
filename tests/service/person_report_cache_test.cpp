// The kept recurring reports and forecasts answer exactly what a service without a cache
// computes, across new postings, a dismissed series, a new day and the history window moving
// past the oldest posting read; and the cache's own rules (version, window, bound).
#include "service/person_report_cache.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/forecast_limits.hpp"
#include "core/recurring_limits.hpp"
#include "ledger/recurring_decision.hpp"
#include "service/analytics_service.hpp"
#include "service/forecast_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/report_text.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t start_micros = 1'735'732'800'000'000;  // 2025-01-01T12:00:00Z

using test::day_text;
using test::text_of;

class PersonReportCacheTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
        user_ = test::add_test_user(*store_, clock_, "owner@example.com");
        checking_ = test::open_test_account(*store_, user_, Money::from_cents(900'000'00));
        cached_ = std::make_unique<AnalyticsService>(*store_, *store_, clock_, store_.get());
        plain_ = std::make_unique<AnalyticsService>(*store_, *store_, clock_);
        cached_forecasts_ =
            std::make_unique<ForecastService>(*store_, *store_, *store_, clock_, store_.get());
        plain_forecasts_ = std::make_unique<ForecastService>(*store_, *store_, *store_, clock_);
    }
    void TearDown() override {
        cached_forecasts_.reset();
        plain_forecasts_.reset();
        cached_.reset();
        plain_.reset();
        store_.reset();
    }

    void pay(const std::string& description, std::int64_t cents) {
        Posting posting;
        posting.user_id = user_.user_id;
        posting.account_id = checking_.account_id;
        posting.kind = PostingKind::withdrawal;
        posting.description = description;
        posting.amount = Money::from_cents(cents);
        ASSERT_EQ(test::write_and_wait(*store_, posting).status, WriteStatus::ok);
    }

    // Rent every month, a gym every week and coffee most days, for `days` days from now on.
    void live(int days) {
        for (int day = 0; day < days; ++day) {
            if (day % 30 == 0) pay("Rent", 120'000);
            if (day % 7 == 0) pay("Gym", 2'500);
            if (day % 3 != 0) pay("Coffee", 300 + day % 11);
            clock_.advance(24h);
        }
    }

    // The cached services answer what uncached ones compute now, twice in a row.
    void expect_same() {
        for (int time = 0; time < 2; ++time) {
            EXPECT_EQ(text_of(cached_->recurring(user_)), text_of(plain_->recurring(user_)));
            for (const char* days : {"30", "90"}) {
                const auto kept = cached_forecasts_->forecast(user_, days, "", "100");
                const auto computed = plain_forecasts_->forecast(user_, days, "", "100");
                ASSERT_TRUE(kept && computed);
                EXPECT_EQ(text_of(*kept), text_of(*computed));
            }
        }
    }

    test::ScratchDirectory directory_{"bank_report_cache"};
    ManualClock clock_{Timestamp(std::chrono::microseconds(start_micros))};
    std::unique_ptr<SqliteStore> store_;
    User user_;
    Account checking_;
    std::unique_ptr<AnalyticsService> cached_;
    std::unique_ptr<AnalyticsService> plain_;
    std::unique_ptr<ForecastService> cached_forecasts_;
    std::unique_ptr<ForecastService> plain_forecasts_;
};

TEST_F(PersonReportCacheTest, KeptReportsAnswerWhatTheServiceComputes) {
    live(200);
    expect_same();
    EXPECT_EQ(cached_->recurring_kept(), 1U);
    EXPECT_EQ(cached_forecasts_->kept(), 2U);
    pay("Rent", 120'000);  // a new posting: the data version moves
    expect_same();
    store_->put_recurring_decision(RecurringDecision{
        user_.user_id, recurrence_key("Gym", RecurringInterval::weekly), "Gym",
        RecurringInterval::weekly, RecurringDecisionKind::dismissed, clock_.now()});
    expect_same();
    clock_.advance(24h);  // a new day
    expect_same();
    // The window's start passes the oldest postings: the same read finds fewer.
    clock_.advance(limits::forecast_history_days - 190 * 24h);
    expect_same();
    clock_.advance(limits::recurring_history_days - limits::forecast_history_days);
    expect_same();
}

TEST(PersonReportCache, AnswersOnlyAtItsVersionUntilItsWindowEndsAndStaysBounded) {
    PersonReportCache<int> cache(2);
    const Timestamp now{std::chrono::microseconds(start_micros)};
    cache.keep("a", 7, now + 1h, 1);
    EXPECT_EQ(cache.find("a", 7, now), 1);
    EXPECT_EQ(cache.find("a", 7, now + 1h), 1);
    EXPECT_EQ(cache.find("a", 7, now + 1h + 1us), std::nullopt);
    EXPECT_EQ(cache.find("a", 8, now), std::nullopt);
    EXPECT_EQ(cache.find("b", 7, now), std::nullopt);
    cache.keep("b", 1, now, 2);
    EXPECT_EQ(cache.find("a", 7, now), 1);  // now the most recently used
    cache.keep("c", 1, now, 3);             // over the bound: "b" goes
    EXPECT_EQ(cache.size(), 2U);
    EXPECT_EQ(cache.find("b", 1, now), std::nullopt);
    EXPECT_EQ(cache.find("a", 7, now), 1);
    cache.keep("a", 9, now, 4);  // kept again at a newer version
    EXPECT_EQ(cache.find("a", 9, now), 4);
    EXPECT_EQ(cache.size(), 2U);
}

}  // namespace
}  // namespace bank
