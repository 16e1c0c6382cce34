// The alert evaluator over each engine's change feed (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): a posting above a rule's threshold raises one
// notification; a pass that crashes after writing its notifications but before moving the
// cursor is repeated by the next pass, which stores (and mails) nothing twice; a rule with
// email mails the person once; another person's posting raises nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/alert_limits.hpp"
#include "service/alert_evaluator.hpp"
#include "service/alert_service.hpp"
#include "service/budget_service.hpp"
#include "service/idle_gate.hpp"
#include "service/notification_writer.hpp"
#include "storage/dynamodb/dynamodb_limits.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"
#include "support/wait_for.hpp"

namespace bank {
namespace {

// Keeps the mails it is given.
class KeptMails : public MailSender {
public:
    std::optional<std::string> send(const OutgoingMail& mail) override {
        const std::lock_guard lock(mutex_);
        mails_.push_back(mail);
        return std::nullopt;
    }
    std::vector<OutgoingMail> mails() const {
        const std::lock_guard lock(mutex_);
        return mails_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<OutgoingMail> mails_;
};

// The store with a cursor write that fails like a crash right before it: every notification
// of the page is written, the cursor stays.
class CrashBeforeCursor : public NotificationStore {
public:
    explicit CrashBeforeCursor(NotificationStore& store) : store_(store) {}
    std::vector<AlertRule> list_alert_rules(std::string_view user_id) override {
        return store_.list_alert_rules(user_id);
    }
    bool add_alert_rule(const AlertRule& rule) override { return store_.add_alert_rule(rule); }
    bool remove_alert_rule(std::string_view user_id, std::string_view rule_id) override {
        return store_.remove_alert_rule(user_id, rule_id);
    }
    bool any_alert_rule() override { return store_.any_alert_rule(); }
    bool add_notification(const Notification& notification) override {
        return store_.add_notification(notification);
    }
    std::vector<Notification> list_notifications(std::string_view user_id,
                                                 std::size_t limit) override {
        return store_.list_notifications(user_id, limit);
    }
    std::size_t count_unread_notifications(std::string_view user_id) override {
        return store_.count_unread_notifications(user_id);
    }
    bool mark_notification_read(std::string_view user_id, std::string_view id) override {
        return store_.mark_notification_read(user_id, id);
    }
    void trim_notifications(std::string_view user_id, std::size_t keep) override {
        store_.trim_notifications(user_id, keep);
    }
    AlertCursor find_alert_cursor() override { return store_.find_alert_cursor(); }
    bool save_alert_cursor(const AlertCursor&) override {
        throw std::runtime_error("the server died");
    }

private:
    NotificationStore& store_;
};

// The change feed, counting its reads: an idle evaluator must make none.
class CountedFeed : public ChangeFeedReads {
public:
    explicit CountedFeed(ChangeFeedReads& feed) : feed_(feed) {}
    bool is_change_position(std::string_view position) const override {
        return feed_.is_change_position(position);
    }
    ChangePage read_changes(std::string_view after, std::size_t limit) override {
        ++reads;
        return feed_.read_changes(after, limit);
    }
    std::atomic<int> reads{0};

private:
    ChangeFeedReads& feed_;
};

class AlertEvaluatorStoreTest : public test::EngineStoreTest {
protected:
    AlertEvaluatorStoreTest() : EngineStoreTest("alert_evaluator") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        user_ = test::add_test_user(*store_, clock_, "alerts@example.com");
        other_ = test::add_test_user(*store_, clock_, "other@example.com");
        account_ = test::open_test_account(*store_, user_, Money::from_cents(1'000'00));
        other_account_ = test::open_test_account(*store_, other_, Money::from_cents(1'000'00));
        budgets_ = std::make_unique<BudgetService>(*store_, *store_, *store_, clock_);
        forecasts_ = std::make_unique<ForecastService>(*store_, *store_, *store_, clock_);
        mails_ = std::make_shared<KeptMails>();
        writer_ = std::make_unique<NotificationWriter>(
            *store_, *store_, clock_, AlertMailSettings{mails_, "bank@example.com"});
        alerts_ = std::make_unique<AlertService>(*store_, *writer_, clock_);
    }

    // The writer's mail thread reads the store: it stops before the store closes.
    void TearDown() override {
        alerts_.reset();
        writer_.reset();
        EngineStoreTest::TearDown();
    }

    // A rule speaks for postings after it: the clock moves on past the opening deposits.
    void add_rule(const std::string& kind, const std::string& threshold, bool email) {
        clock_.advance(std::chrono::seconds(1));
        auto rule = alerts_->create_rule({user_.user_id, kind, threshold, email});
        ASSERT_TRUE(rule) << rule.error().message;
        rule_id_ = rule->rule_id;
    }

    void withdraw(const User& owner, const Account& account, std::int64_t cents,
                  const std::string& description = "Bistro") {
        clock_.advance(std::chrono::seconds(1));
        Posting posting;
        posting.kind = PostingKind::withdrawal;
        posting.user_id = owner.user_id;
        posting.account_id = account.account_id;
        posting.amount = Money::from_cents(cents);
        posting.description = description;
        posting.category = "dining";
        ASSERT_EQ(test::write_and_wait(*store_, posting).status, WriteStatus::ok);
    }

    // DynamoDB serves a posting once it settled; the test clock stands still otherwise.
    void let_the_feed_settle() {
        clock_.advance(dynamodb_limits::change_feed_settle_lag + std::chrono::seconds(1));
    }

    AlertPass pass(NotificationStore& store) {
        AlertEvaluator evaluator(*store_, store, *store_, *store_, *store_,
                                 {*budgets_, *forecasts_, *store_}, *writer_);
        return evaluator.run_pass([] { return false; });
    }

    User user_;
    User other_;
    Account account_;
    Account other_account_;
    std::unique_ptr<BudgetService> budgets_;
    std::unique_ptr<ForecastService> forecasts_;
    std::shared_ptr<KeptMails> mails_;
    std::unique_ptr<NotificationWriter> writer_;
    std::unique_ptr<AlertService> alerts_;
    std::string rule_id_;
};

TEST_P(AlertEvaluatorStoreTest, APassRepeatedAfterACrashStoresAndMailsNothingTwice) {
    add_rule("transaction_above", "100.00", true);
    withdraw(user_, account_, 100'00);  // at the threshold: not above
    withdraw(user_, account_, 150'00);
    withdraw(other_, other_account_, 500'00);  // another person's
    let_the_feed_settle();

    CrashBeforeCursor crashing(*store_);
    EXPECT_THROW(pass(crashing), std::runtime_error);
    EXPECT_EQ(store_->count_unread_notifications(user_.user_id), 1u) << "written before the crash";
    EXPECT_EQ(store_->find_alert_cursor().version, 0) << "the cursor did not move";

    const AlertPass again = pass(*store_);
    EXPECT_GE(again.postings, 3u) << "the same page, read again";
    EXPECT_EQ(again.notifications, 0u) << "the repeat stored nothing";
    EXPECT_EQ(store_->find_alert_cursor().version, 1);
    const auto listed = store_->list_notifications(user_.user_id, 10);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].rule_id, rule_id_);
    EXPECT_NE(listed[0].message.find("$150.00"), std::string::npos) << listed[0].message;
    EXPECT_TRUE(store_->list_notifications(other_.user_id, 10).empty());

    ASSERT_TRUE(test::wait_for("the alert mail", [&] { return !mails_->mails().empty(); }));
    ASSERT_TRUE(test::wait_for("the mail queue", [&] { return writer_->mails_pending() == 0; }));
    const auto mails = mails_->mails();
    ASSERT_EQ(mails.size(), 1u) << "mailed once, by the pass that stored it";
    EXPECT_EQ(mails[0].to, "alerts@example.com");
    EXPECT_NE(mails[0].text.find("$150.00"), std::string::npos);

    EXPECT_EQ(pass(*store_).postings, 0u) << "nothing new after the cursor";
}

TEST_P(AlertEvaluatorStoreTest, BudgetAlertsComeOncePerShareAndEventsOncePerSubject) {
    add_rule("budget_threshold", "", false);
    add_rule("new_device_sign_in", "", false);
    const auto budget = budgets_->create({user_.user_id, "dining", "100.00", "", ""}, "UTC");
    ASSERT_TRUE(budget) << budget.error().message;
    withdraw(user_, account_, 50'00);
    withdraw(user_, account_, 35'00);  // 85%
    withdraw(user_, account_, 20'00);  // 105%
    withdraw(user_, account_, 1'00);   // still over: nothing new
    let_the_feed_settle();
    pass(*store_);
    const auto listed = store_->list_notifications(user_.user_id, 10);
    ASSERT_EQ(listed.size(), 2u) << "80% and 100%, once each";

    const AlertEvent event{user_.user_id, AlertKind::new_device_sign_in, "session:s1",
                           "A sign-in from a new device.", clock_.now()};
    alerts_->notify(event);
    alerts_->notify(event);
    EXPECT_EQ(store_->count_unread_notifications(user_.user_id), 3u) << "the event once";
}

TEST_P(AlertEvaluatorStoreTest, AProjectedBalanceBelowComesOncePerDay) {
    add_rule("projected_balance_below", "5000.00", false);  // far above the balance
    withdraw(user_, account_, 10'00);
    withdraw(user_, account_, 20'00);          // the same day: the same notification
    withdraw(other_, other_account_, 900'00);  // another person, without the rule
    let_the_feed_settle();
    pass(*store_);
    const auto listed = store_->list_notifications(user_.user_id, 10);
    ASSERT_EQ(listed.size(), 1u) << "one a day";
    EXPECT_EQ(listed[0].kind, AlertKind::projected_balance_below);
    EXPECT_EQ(listed[0].subject_id, "forecast:2036-01-15");
    EXPECT_NE(listed[0].message.find("below your alert of $5,000.00"), std::string::npos)
        << listed[0].message;
    EXPECT_TRUE(store_->list_notifications(other_.user_id, 10).empty());

    clock_.advance(std::chrono::days(1));  // the next day: a new one
    withdraw(user_, account_, 1'00);
    let_the_feed_settle();
    pass(*store_);
    EXPECT_EQ(store_->list_notifications(user_.user_id, 10).size(), 2u);
}

TEST_P(AlertEvaluatorStoreTest, ARecurringPaymentAtANewPriceAlertsOnce) {
    add_rule("recurring_price_changed", "", false);
    // Every 30 days from 2036-01-15: Feb 14, Mar 15, Apr 14, May 14 (a monthly run).
    for (int month = 0; month < 3; ++month) {
        if (month > 0) clock_.advance(std::chrono::days(30));
        withdraw(user_, account_, 10'00, "Streamly");
    }
    clock_.advance(std::chrono::days(30));
    withdraw(user_, account_, 15'00, "STREAMLY");  // the same payee, a new price
    clock_.advance(std::chrono::days(30));
    withdraw(user_, account_, 15'00, "Streamly");  // the new price stays: nothing new
    let_the_feed_settle();
    pass(*store_);
    const auto listed = store_->list_notifications(user_.user_id, 10);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].kind, AlertKind::recurring_price_changed);
    EXPECT_EQ(listed[0].message, "STREAMLY costs $15.00 now, usually $10.00 (monthly).");
}

// While nobody has a rule a wake-up reads nothing but, once per limits::alert_idle_recheck, one
// item (IdleGate): a rule made on another server (the fixture's AlertService, which tells this
// server's gate nothing) is found within that bound, and the postings the cursor waited over
// alert under it; this server's own creations and removals are known at once.
TEST_P(AlertEvaluatorStoreTest, AnIdleEvaluatorReadsNothingUntilSomebodyHasARule) {
    CountedFeed feed(*store_);
    IdleGate rules([&] { return store_->any_alert_rule(); }, clock_, limits::alert_idle_recheck);
    AlertService here(*store_, *writer_, clock_);
    here.on_rules_changed([&](bool created) {
        if (created) {
            rules.note_created();
        } else {
            rules.note_removed();
        }
    });
    AlertEvaluator evaluator(feed, *store_, *store_, *store_, *store_,
                             {*budgets_, *forecasts_, *store_}, *writer_);
    const auto wake = [&] { return evaluator.run_pass_when_needed(rules, [] { return false; }); };
    for (int round = 0; round < 5; ++round) EXPECT_FALSE(wake().has_value());
    EXPECT_EQ(rules.checks(), 1u) << "one look at start";
    EXPECT_EQ(feed.reads.load(), 0) << "no feed read while nobody has a rule";

    add_rule("transaction_above", "100.00", false);  // on another server
    withdraw(user_, account_, 150'00);
    let_the_feed_settle();
    EXPECT_FALSE(wake().has_value()) << "not yet known here";
    EXPECT_EQ(feed.reads.load(), 0);
    clock_.advance(limits::alert_idle_recheck);
    const auto found = wake();
    ASSERT_TRUE(found.has_value()) << "found within alert_idle_recheck";
    EXPECT_EQ(found->notifications, 1u);
    EXPECT_GT(feed.reads.load(), 0);
    EXPECT_EQ(rules.checks(), 2u);

    ASSERT_TRUE(here.remove_rule(user_.user_id, rule_id_));
    const int reads = feed.reads.load();
    EXPECT_FALSE(wake().has_value()) << "the last rule went: asked again, idle";
    EXPECT_EQ(rules.checks(), 3u);
    EXPECT_EQ(feed.reads.load(), reads);
    clock_.advance(std::chrono::seconds(1));
    ASSERT_TRUE(here.create_rule({user_.user_id, "transaction_above", "10.00", false}));
    withdraw(user_, account_, 20'00);
    let_the_feed_settle();
    const auto made_here = wake();
    ASSERT_TRUE(made_here.has_value()) << "a rule made here is known at once";
    EXPECT_EQ(made_here->notifications, 1u) << "the alert fires after the rule is created";
    EXPECT_EQ(rules.checks(), 3u) << "without asking the store";
}

INSTANTIATE_TEST_SUITE_P(Engines, AlertEvaluatorStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
