// The NotificationStore contract, run against each engine (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): rules are a person's own; a notification is stored
// once whatever number of times it is written (its id is deterministic); marking read and the
// unread count; trimming keeps the newest; the evaluator's cursor moves only over its version.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/random.hpp"
#include "ledger/alert.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

class NotificationStoreTest : public test::EngineStoreTest {
protected:
    NotificationStoreTest() : EngineStoreTest("notifications") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        user_ = test::add_test_user(*store_, clock_, "alerts@example.com");
        other_ = test::add_test_user(*store_, clock_, "other@example.com");
    }

    AlertRule rule_of(const User& owner, AlertKind kind) {
        clock_.advance(std::chrono::seconds(1));
        AlertRule rule;
        rule.rule_id = new_time_ordered_id(clock_.now());
        rule.user_id = owner.user_id;
        rule.kind = kind;
        if (alert_kind_takes_threshold(kind)) rule.threshold = Money::from_cents(250'00);
        rule.email = kind == AlertKind::budget_threshold;
        rule.created_at = clock_.now();
        return rule;
    }

    Notification notification_of(const User& owner, const std::string& subject) {
        clock_.advance(std::chrono::seconds(1));
        Notification notification;
        notification.notification_id = alert_notification_id("rule", subject);
        notification.user_id = owner.user_id;
        notification.rule_id = "rule";
        notification.kind = AlertKind::transaction_above;
        notification.subject_id = subject;
        notification.message = "$300.00 paid: <b>Bistro</b> & co";
        notification.created_at = clock_.now();
        return notification;
    }

    User user_;
    User other_;
};

TEST_P(NotificationStoreTest, RulesAreReadBackWholeOldestFirstAndRemovedOnlyByTheirOwner) {
    EXPECT_TRUE(store_->list_alert_rules(user_.user_id).empty());
    EXPECT_FALSE(store_->any_alert_rule()) << "nobody has a rule";
    const AlertRule above = rule_of(user_, AlertKind::transaction_above);
    const AlertRule budget = rule_of(user_, AlertKind::budget_threshold);
    ASSERT_TRUE(store_->add_alert_rule(above));
    ASSERT_TRUE(store_->add_alert_rule(budget));
    EXPECT_FALSE(store_->add_alert_rule(above)) << "the id is taken";
    EXPECT_TRUE(store_->any_alert_rule());

    const auto listed = store_->list_alert_rules(user_.user_id);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].rule_id, above.rule_id) << "oldest first";
    EXPECT_EQ(listed[0].kind, AlertKind::transaction_above);
    EXPECT_EQ(listed[0].threshold, Money::from_cents(250'00));
    EXPECT_FALSE(listed[0].email);
    EXPECT_EQ(listed[0].created_at, above.created_at);
    EXPECT_EQ(listed[1].kind, AlertKind::budget_threshold);
    EXPECT_EQ(listed[1].threshold, std::nullopt);
    EXPECT_TRUE(listed[1].email);
    EXPECT_TRUE(store_->list_alert_rules(other_.user_id).empty());

    EXPECT_FALSE(store_->remove_alert_rule(other_.user_id, above.rule_id)) << "not theirs";
    EXPECT_TRUE(store_->remove_alert_rule(user_.user_id, above.rule_id));
    EXPECT_FALSE(store_->remove_alert_rule(user_.user_id, above.rule_id)) << "removed once";
    ASSERT_EQ(store_->list_alert_rules(user_.user_id).size(), 1u);
    EXPECT_TRUE(store_->any_alert_rule());
    EXPECT_TRUE(store_->remove_alert_rule(user_.user_id, budget.rule_id));
    EXPECT_FALSE(store_->any_alert_rule()) << "the last one went";
}

TEST_P(NotificationStoreTest, ANotificationIsStoredOnceNewestFirstAndMarkedReadByItsOwnerOnly) {
    const Notification first = notification_of(user_, "posting:1");
    const Notification second = notification_of(user_, "posting:2");
    EXPECT_TRUE(store_->add_notification(first));
    EXPECT_FALSE(store_->add_notification(first)) << "a repeat writes nothing";
    Notification changed = first;
    changed.message = "another text";
    EXPECT_FALSE(store_->add_notification(changed)) << "the id decides, not the content";
    EXPECT_TRUE(store_->add_notification(second));
    EXPECT_EQ(store_->count_unread_notifications(user_.user_id), 2u);
    EXPECT_EQ(store_->count_unread_notifications(other_.user_id), 0u);

    const auto listed = store_->list_notifications(user_.user_id, 10);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].notification_id, second.notification_id) << "newest first";
    EXPECT_EQ(listed[1].message, first.message) << "the first write's text, whole";
    EXPECT_EQ(listed[1].subject_id, "posting:1");
    EXPECT_EQ(listed[1].created_at, first.created_at);
    EXPECT_FALSE(listed[1].read);
    EXPECT_EQ(store_->list_notifications(user_.user_id, 1).size(), 1u) << "the limit holds";
    EXPECT_TRUE(store_->list_notifications(other_.user_id, 10).empty());

    EXPECT_FALSE(store_->mark_notification_read(other_.user_id, first.notification_id));
    EXPECT_FALSE(store_->mark_notification_read(user_.user_id, "0123456789abcdef0123456789abcdef"));
    EXPECT_TRUE(store_->mark_notification_read(user_.user_id, first.notification_id));
    EXPECT_TRUE(store_->mark_notification_read(user_.user_id, first.notification_id))
        << "marking a read one again is no error";
    EXPECT_EQ(store_->count_unread_notifications(user_.user_id), 1u);
    EXPECT_TRUE(store_->list_notifications(user_.user_id, 10)[1].read);
}

TEST_P(NotificationStoreTest, TrimmingKeepsTheNewestOfThatPersonOnly) {
    std::vector<Notification> written;
    for (int index = 0; index < 5; ++index) {
        written.push_back(notification_of(user_, "posting:" + std::to_string(index)));
        ASSERT_TRUE(store_->add_notification(written.back()));
    }
    ASSERT_TRUE(store_->add_notification(notification_of(other_, "posting:other")));
    store_->trim_notifications(user_.user_id, 3);
    const auto kept = store_->list_notifications(user_.user_id, 10);
    ASSERT_EQ(kept.size(), 3u);
    EXPECT_EQ(kept[0].notification_id, written[4].notification_id);
    EXPECT_EQ(kept[2].notification_id, written[2].notification_id);
    EXPECT_EQ(store_->list_notifications(other_.user_id, 10).size(), 1u);
    EXPECT_EQ(store_->count_unread_notifications(user_.user_id), 3u);
}

TEST_P(NotificationStoreTest, TheCursorMovesOnlyOverTheVersionItWasRead) {
    const AlertCursor none = store_->find_alert_cursor();
    EXPECT_EQ(none.version, 0);
    EXPECT_TRUE(none.position.empty());
    EXPECT_TRUE(store_->save_alert_cursor({"p1", 1}));
    EXPECT_FALSE(store_->save_alert_cursor({"p1-other", 1})) << "written once as version 1";
    EXPECT_TRUE(store_->save_alert_cursor({"p2", 2}));
    EXPECT_FALSE(store_->save_alert_cursor({"p2-other", 2})) << "a lost race";
    EXPECT_FALSE(store_->save_alert_cursor({"p9", 9})) << "not over version 8";
    const AlertCursor read = store_->find_alert_cursor();
    EXPECT_EQ(read.position, "p2");
    EXPECT_EQ(read.version, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, NotificationStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
