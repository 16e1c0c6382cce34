// The InterestRateStore contract and the interest poster over it, run against each engine
// (SQLite always, DynamoDB when BANK_TEST_DYNAMODB_ENDPOINT is set): rate periods and month
// records are only added, never replaced; a ManualClock drives a year of months (a leap
// February, a rate change in mid-month) in seconds with two posters at once, and every month
// is posted once with the cents an independent computation gives; a crash between posting and
// record posts once; `bank verify`'s recomputation agrees, and notices a wrong record.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "ledger/interest_plans.hpp"
#include "ledger/interest_verifier.hpp"
#include "ledger/standing_order.hpp"
#include "ledger/verifier.hpp"
#include "service/interest_poster.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"
#include "support/utc_noon.hpp"

namespace bank {
namespace {

using namespace std::chrono;

using test::noon;

AnnualRate percent(std::string_view text) { return AnnualRate::parse_percent(text).value(); }

class InterestStoreTest : public test::EngineStoreTest {
protected:
    InterestStoreTest() : EngineStoreTest("interest", noon(2027y / December / 30d)) {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        saver_ = test::add_test_user(*store_, clock_, "saver@example.com");
        savings_ = test::open_test_account(*store_, saver_, Money::from_cents(10'000'00),
                                           AccountType::savings);
    }

    void add_rate(Date from, std::string_view rate) {
        ASSERT_TRUE(store_->add_interest_rate(
            {AccountType::savings, from, percent(rate), "admin", clock_.now()}));
    }

    std::vector<Transaction> interest_rows() {
        TransactionQuery query;
        query.user_id = saver_.user_id;
        query.account_id = savings_.account_id;
        query.sort = TransactionSort::oldest;
        query.limit = 100;
        std::vector<Transaction> rows;
        for (const Transaction& row : store_->list_transactions(query)) {
            if (row.idempotency_key.starts_with(interest_key_prefix)) rows.push_back(row);
        }
        return rows;
    }

    void set_now(Timestamp at) { clock_.advance(at - clock_.now()); }

    User saver_;
    Account savings_;
};

TEST_P(InterestStoreTest, RatePeriodsAreAddedNeverReplaced) {
    add_rate(2028y / March / 1d, "2");
    add_rate(2028y / January / 1d, "4.35");
    EXPECT_FALSE(store_->add_interest_rate(
        {AccountType::savings, 2028y / January / 1d, percent("9"), "other", clock_.now()}));
    const auto rates = store_->list_interest_rates(AccountType::savings);
    ASSERT_EQ(rates.size(), 2U);
    EXPECT_EQ(rates[0].effective_from, 2028y / January / 1d) << "oldest first";
    EXPECT_EQ(rates[0].annual_rate, percent("4.35")) << "the first period was kept";
    EXPECT_EQ(rates[0].set_by, "admin");
    EXPECT_EQ(rates[1].annual_rate, percent("2"));
    EXPECT_TRUE(store_->list_interest_rates(AccountType::checking).empty());
}

TEST_P(InterestStoreTest, AMonthIsRecordedOnce) {
    const InterestAccrualRecord first{
        savings_.account_id, 2028y / February, Money::from_cents(5), 123, "t1", clock_.now()};
    ASSERT_TRUE(store_->add_interest_accrual(first));
    InterestAccrualRecord second = first;
    second.interest = Money::from_cents(6);
    EXPECT_FALSE(store_->add_interest_accrual(second));
    ASSERT_TRUE(store_->add_interest_accrual(
        {savings_.account_id, 2028y / January, Money::from_cents(1), 7, "", clock_.now()}));
    const auto found = store_->find_interest_accrual(savings_.account_id, 2028y / February);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->interest.cents(), 5);
    EXPECT_EQ(found->carried_units, 123);
    EXPECT_EQ(found->transaction_id, "t1");
    EXPECT_FALSE(store_->find_interest_accrual(savings_.account_id, 2028y / March).has_value());
    const auto all = store_->list_interest_accruals(savings_.account_id);
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].month, 2028y / January) << "oldest month first";
}

// A batch of records (one SQLite commit): each keeps its own condition, so a month already
// recorded stays as it was and the others are still added.
TEST_P(InterestStoreTest, ABatchOfRecordsAddsOnlyTheMonthsWithoutOne) {
    const Account second =
        test::open_test_account(*store_, saver_, Money::from_cents(5'000'00), AccountType::savings);
    ASSERT_TRUE(store_->add_interest_accrual(
        {savings_.account_id, 2028y / February, Money::from_cents(5), 123, "t1", clock_.now()}));
    const std::vector<bool> added = store_->add_interest_accruals(
        {{savings_.account_id, 2028y / February, Money::from_cents(9), 9, "t9", clock_.now()},
         {savings_.account_id, 2028y / March, Money::from_cents(6), 4, "t2", clock_.now()},
         {second.account_id, 2028y / February, Money::from_cents(3), 0, "t3", clock_.now()}});
    EXPECT_EQ(added, (std::vector<bool>{false, true, true}));
    const auto kept = store_->find_interest_accrual(savings_.account_id, 2028y / February);
    ASSERT_TRUE(kept.has_value());
    EXPECT_EQ(kept->interest.cents(), 5) << "the first record of a month is never replaced";
    EXPECT_EQ(kept->transaction_id, "t1");
    EXPECT_EQ(store_->list_interest_accruals(savings_.account_id).size(), 2U);
    const auto other = store_->find_interest_accrual(second.account_id, 2028y / February);
    ASSERT_TRUE(other.has_value());
    EXPECT_EQ(other->interest.cents(), 3);
    EXPECT_TRUE(store_->add_interest_accruals({}).empty());
}

// A round of more than 100 accounts (three DynamoDB requests, sent together): the months
// recorded before stay as they were and answer false, every other record is added once; on
// DynamoDB the first request is refused once and sent again. Two servers adding the same
// round at once add each record once between them.
TEST_P(InterestStoreTest, ARoundOfMoreThanAHundredRecordsAddsEachOnce) {
    auto record = [&](int index, std::int64_t cents) {
        return InterestAccrualRecord{"acct-" + std::to_string(1000 + index),
                                     2028y / February,
                                     Money::from_cents(cents),
                                     0,
                                     "t",
                                     clock_.now()};
    };
    std::vector<InterestAccrualRecord> round;
    std::vector<bool> expected;
    for (int index = 0; index < 250; ++index) {
        round.push_back(record(index, 7));
        const bool recorded_before = index % 7 == 0;
        if (recorded_before) ASSERT_TRUE(store_->add_interest_accrual(record(index, 1)));
        expected.push_back(!recorded_before);
    }
    std::atomic<int> transactions{0};
    if (auto* dynamodb = dynamic_cast<DynamoDbStore*>(store_.get())) {
        dynamodb->client().inject_fault([&](std::string_view operation) {
            if (operation != "TransactWriteItems") return DynamoDbClient::Fault::none;
            return ++transactions == 1 ? DynamoDbClient::Fault::refuse
                                       : DynamoDbClient::Fault::none;
        });
    }
    EXPECT_EQ(store_->add_interest_accruals(round), expected);
    for (int index = 0; index < 250; ++index) {
        const auto stored =
            store_->find_interest_accrual(round[index].account_id, 2028y / February);
        ASSERT_TRUE(stored.has_value()) << index;
        EXPECT_EQ(stored->interest.cents(), index % 7 == 0 ? 1 : 7) << index;
    }

    for (InterestAccrualRecord& next : round) next.month = 2028y / March;
    std::vector<bool> first;
    std::vector<bool> second;
    std::thread other([&] { second = store_->add_interest_accruals(round); });
    first = store_->add_interest_accruals(round);
    other.join();
    ASSERT_EQ(first.size(), round.size());
    ASSERT_EQ(second.size(), round.size());
    for (std::size_t index = 0; index < round.size(); ++index) {
        EXPECT_NE(first[index], second[index]) << "added by exactly one server: " << index;
    }
}

// Many accounts in one pass: each month of each is posted once, in order, and recorded.
TEST_P(InterestStoreTest, APassOverManyAccountsPostsEachAccountsMonthsOnce) {
    std::vector<Account> accounts{savings_};
    for (int index = 0; index < 4; ++index) {
        accounts.push_back(test::open_test_account(
            *store_, saver_, Money::from_cents(1'000'00 * (index + 1)), AccountType::savings));
    }
    add_rate(2027y / December / 1d, "3.65");
    set_now(noon(2028y / February / 1d));
    const InterestPass pass = InterestPoster(*store_, *store_, *store_, *store_, clock_).run_pass();
    EXPECT_EQ(pass.accounts, accounts.size());
    EXPECT_EQ(pass.posted, 2 * accounts.size()) << "December and January of each";
    EXPECT_EQ(pass.refused, 0U);
    for (const Account& account : accounts) {
        const auto records = store_->list_interest_accruals(account.account_id);
        ASSERT_EQ(records.size(), 2U) << account.account_id;
        EXPECT_EQ(records[0].month, 2027y / December);
        EXPECT_EQ(records[1].month, 2028y / January);
        EXPECT_FALSE(records[1].transaction_id.empty());
    }
    EXPECT_EQ(InterestPoster(*store_, *store_, *store_, *store_, clock_).run_pass().posted, 0U);
    const auto report = verify_interest(*store_, *store_);
    EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_EQ(report.months, static_cast<std::int64_t>(2 * accounts.size()));
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

// What the year earns, computed here day by day without the planner: each day adds
// balance × rate (millionths) to units of 1/365,000,000 cent; each month posts the whole
// cents on its last day's balance, which then earns in the next month.
std::vector<std::int64_t> expected_year(std::int64_t balance) {
    std::vector<std::int64_t> postings;
    std::int64_t units = 0;
    for (sys_days day = sys_days(2027y / December / 30d); day < sys_days(2028y / December / 1d);
         day += days(1)) {
        const std::int64_t rate = day >= sys_days(2028y / June / 16d) ? 73'000 : 36'500;
        units += balance * rate;
        const Date next{day + days(1)};
        if (next.day() == 1d) {
            postings.push_back(units / 365'000'000);
            balance += units / 365'000'000;
            units %= 365'000'000;
        }
    }
    return postings;
}

TEST_P(InterestStoreTest, AYearOfMonthsPostsEachMonthOnceWithTwoPosters) {
    add_rate(2027y / December / 1d, "3.65");
    add_rate(2028y / June / 16d, "7.3");
    InterestPoster first(*store_, *store_, *store_, *store_, clock_);
    InterestPoster second(*store_, *store_, *store_, *store_, clock_);
    for (sys_days day = sys_days(2027y / December / 30d); day <= sys_days(2028y / December / 31d);
         day += days(1)) {
        set_now(noon(Date{day}));
        first.run_pass();
        second.run_pass();
    }
    const auto rows = interest_rows();
    const auto expected = expected_year(10'000'00);
    ASSERT_EQ(rows.size(), expected.size());
    Month month = 2027y / December;
    for (std::size_t i = 0; i < rows.size(); ++i, month += months(1)) {
        EXPECT_EQ(rows[i].amount.cents(), expected[i]) << month_text(month);
        EXPECT_EQ(rows[i].idempotency_key, interest_key(savings_.account_id, month));
        EXPECT_EQ(rows[i].category, "income");
        EXPECT_EQ(utc_date(rows[i].timestamp).day(), 1d) << "posted on the first";
    }
    InterestPoster restarted(*store_, *store_, *store_, *store_, clock_);
    EXPECT_EQ(restarted.run_pass().posted, 0U);
    EXPECT_EQ(interest_rows().size(), expected.size());
    const auto report = verify_interest(*store_, *store_);
    EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_EQ(report.months, 12);
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_P(InterestStoreTest, ACrashBetweenPostingAndRecordPostsOnce) {
    add_rate(2027y / December / 1d, "3.65");
    set_now(noon(2028y / January / 1d));
    // The posting a poster made before it died, without its record: 2 days × 10 cents × 100.
    Posting posting;
    posting.kind = PostingKind::deposit;
    posting.user_id = saver_.user_id;
    posting.account_id = savings_.account_id;
    posting.amount = Money::from_cents(200);
    posting.description = "Interest for 2027-12";
    posting.category = "income";
    posting.idempotency_key = interest_key(savings_.account_id, 2027y / December);
    posting.request_fingerprint = posting.idempotency_key;
    ASSERT_EQ(test::write_and_wait(*store_, posting).status, WriteStatus::ok);
    InterestPoster poster(*store_, *store_, *store_, *store_, clock_);
    poster.run_pass();
    ASSERT_EQ(interest_rows().size(), 1U);
    const auto record = store_->find_interest_accrual(savings_.account_id, 2027y / December);
    ASSERT_TRUE(record.has_value());
    EXPECT_EQ(record->interest.cents(), 200);
    EXPECT_EQ(record->transaction_id, interest_rows().front().transaction_id);
    EXPECT_TRUE(verify_interest(*store_, *store_).ok);
}

TEST_P(InterestStoreTest, AMonthUnderACentIsRecordedAndCarried) {
    // $10,000.00 at 0.001 % earns 10,000,000 units a day: a cent takes 36.5 days.
    add_rate(2027y / December / 1d, "0.001");
    InterestPoster poster(*store_, *store_, *store_, *store_, clock_);
    set_now(noon(2028y / January / 1d));
    poster.run_pass();
    set_now(noon(2028y / February / 1d));
    poster.run_pass();
    const auto december = store_->find_interest_accrual(savings_.account_id, 2027y / December);
    ASSERT_TRUE(december.has_value());
    EXPECT_EQ(december->interest.cents(), 0);
    EXPECT_EQ(december->carried_units, 2 * 10'000'000);
    EXPECT_TRUE(december->transaction_id.empty());
    const auto january = store_->find_interest_accrual(savings_.account_id, 2028y / January);
    ASSERT_TRUE(january.has_value());
    EXPECT_EQ(january->interest.cents(), 0);
    EXPECT_EQ(january->carried_units, 33 * 10'000'000);
    EXPECT_TRUE(interest_rows().empty());
    set_now(noon(2028y / March / 1d));
    poster.run_pass();
    ASSERT_EQ(interest_rows().size(), 1U) << "the carried fraction completed a cent in February";
    EXPECT_EQ(interest_rows().front().amount.cents(), 1);
    EXPECT_TRUE(verify_interest(*store_, *store_).ok);
}

TEST_P(InterestStoreTest, AStopBetweenAccountsLeavesTheRestForTheNextPass) {
    const Account second =
        test::open_test_account(*store_, saver_, Money::from_cents(5'000'00), AccountType::savings);
    add_rate(2027y / December / 1d, "3.65");
    set_now(noon(2028y / January / 1d));
    InterestPoster poster(*store_, *store_, *store_, *store_, clock_);
    int asked = 0;
    const InterestPass stopped = poster.run_pass([&asked] { return ++asked > 1; });
    EXPECT_EQ(stopped.accounts, 1U) << "the stop is seen before the second account";
    const bool first_done =
        store_->find_interest_accrual(savings_.account_id, 2027y / December).has_value();
    const bool second_done =
        store_->find_interest_accrual(second.account_id, 2027y / December).has_value();
    EXPECT_NE(first_done, second_done) << "exactly one account was recorded";
    const InterestPass resumed = poster.run_pass();
    EXPECT_EQ(resumed.accounts, 2U) << "the stopped pass did not mark the month done";
    EXPECT_TRUE(store_->find_interest_accrual(savings_.account_id, 2027y / December).has_value());
    EXPECT_TRUE(store_->find_interest_accrual(second.account_id, 2027y / December).has_value());
    EXPECT_TRUE(verify_interest(*store_, *store_).ok);
}

TEST_P(InterestStoreTest, AnAccountFrozenForCreditsWaitsForItsUnfreeze) {
    add_rate(2027y / December / 1d, "3.65");
    ASSERT_EQ(
        test::write_and_wait(*store_, SetAccountFreeze{savings_.account_id,
                                                       AccountFreeze{FreezeMode::credits, "kyc"}})
            .status,
        WriteStatus::ok);
    set_now(noon(2028y / January / 1d));
    EXPECT_EQ(InterestPoster(*store_, *store_, *store_, *store_, clock_).run_pass().accounts, 0U);
    EXPECT_TRUE(interest_rows().empty());
    ASSERT_EQ(
        test::write_and_wait(*store_, SetAccountFreeze{savings_.account_id, std::nullopt}).status,
        WriteStatus::ok);
    set_now(noon(2028y / February / 1d));
    InterestPoster(*store_, *store_, *store_, *store_, clock_).run_pass();
    const auto rows = interest_rows();
    ASSERT_EQ(rows.size(), 2U) << "December and January, in order";
    EXPECT_EQ(rows[0].idempotency_key, interest_key(savings_.account_id, 2027y / December));
    EXPECT_EQ(rows[0].amount.cents(), 200);
    EXPECT_EQ(rows[1].idempotency_key, interest_key(savings_.account_id, 2028y / January));
    EXPECT_TRUE(verify_interest(*store_, *store_).ok);
}

TEST_P(InterestStoreTest, VerifyNoticesARecordThatDiffersFromTheBalances) {
    add_rate(2027y / December / 1d, "3.65");
    ASSERT_TRUE(store_->add_interest_accrual(
        {savings_.account_id, 2027y / December, Money::from_cents(999), 0, "", clock_.now()}));
    const auto report = verify_interest(*store_, *store_);
    EXPECT_FALSE(report.ok);
    ASSERT_FALSE(report.problems.empty());
    EXPECT_NE(report.problems.front().find("recomputed 2.00"), std::string::npos)
        << report.problems.front();
}

INSTANTIATE_TEST_SUITE_P(Engines, InterestStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
