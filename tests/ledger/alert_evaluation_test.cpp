#include "ledger/alert_evaluation.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/alert_limits.hpp"
#include "ledger/alert_plans.hpp"
#include "ledger/new_device.hpp"

namespace bank {
namespace {

const Timestamp at = from_micros(1'795'594'184'123'456);
const std::string owner = "0000000000000000000000000000000a";
const std::string stranger = "0000000000000000000000000000000b";

Money cents(std::int64_t value) { return Money::from_cents(value); }

Transaction posting(TransactionType type, std::int64_t amount, std::string category = "dining") {
    Transaction row;
    row.transaction_id = "tx1";
    row.account_id = "acc1";
    row.transaction_type = type;
    row.amount = cents(amount);
    row.category = std::move(category);
    row.description = "Corner bistro";
    row.timestamp = at;
    return row;
}

AlertRule rule(AlertKind kind, std::optional<std::int64_t> threshold = std::nullopt,
               const std::string& user = owner, std::string id = "rule1") {
    AlertRule made;
    made.rule_id = std::move(id);
    made.user_id = user;
    made.kind = kind;
    if (threshold) made.threshold = cents(*threshold);
    return made;
}

AlertRule rule_made_at(AlertKind kind, std::int64_t threshold) {
    AlertRule made = rule(kind, threshold);
    made.created_at = at;
    return made;
}

AlertRule rule_made_after(AlertKind kind, std::int64_t threshold) {
    AlertRule made = rule_made_at(kind, threshold);
    made.created_at = at + std::chrono::microseconds(1);
    return made;
}

struct PostingCase {
    std::string name;
    Transaction posting;
    std::vector<AlertRule> rules;
    bool own_transfer = false;
    std::map<std::string, Money> unusual;
    std::vector<BudgetStanding> budgets;
    std::vector<std::string> subjects;  // of the notifications expected, in order
};

void PrintTo(const PostingCase& c, std::ostream* out) { *out << c.name; }

class AlertsForPosting : public testing::TestWithParam<PostingCase> {};

TEST_P(AlertsForPosting, RaisesExactlyTheExpectedNotifications) {
    const PostingCase& c = GetParam();
    AlertContext context;
    context.owner_user_id = owner;
    context.own_transfer = c.own_transfer;
    context.unusual_thresholds = c.unusual;
    context.budgets = c.budgets;
    const auto notifications = alerts_for_posting(c.posting, c.rules, context);
    std::vector<std::string> subjects;
    for (const Notification& notification : notifications) {
        subjects.push_back(notification.subject_id);
        EXPECT_EQ(notification.user_id, owner);
        EXPECT_EQ(notification.created_at, c.posting.timestamp) << "dated by the posting";
        EXPECT_EQ(notification.notification_id,
                  alert_notification_id(notification.rule_id, notification.subject_id));
        EXPECT_FALSE(notification.read);
    }
    EXPECT_EQ(subjects, c.subjects);
}

const BudgetStanding dining{"b1", "dining", "2026-11", cents(100'00), cents(0)};
BudgetStanding spent(std::int64_t value, std::int64_t available = 100'00) {
    BudgetStanding standing = dining;
    standing.spent = cents(value);
    standing.available = cents(available);
    return standing;
}

const auto W = TransactionType::withdrawal;
const auto D = TransactionType::deposit;
const auto TO = TransactionType::transfer_out;
const auto TI = TransactionType::transfer_in;

INSTANTIATE_TEST_SUITE_P(
    Kinds, AlertsForPosting,
    testing::Values(PostingCase{"above_debit",
                                posting(W, 100'01),
                                {rule(AlertKind::transaction_above, 100'00)},
                                false,
                                {},
                                {},
                                {"posting:tx1"}},
                    PostingCase{"at_threshold_is_not_above",
                                posting(W, 100'00),
                                {rule(AlertKind::transaction_above, 100'00)},
                                false,
                                {},
                                {},
                                {}},
                    PostingCase{"above_credit_counts_too",
                                posting(D, 500'00),
                                {rule(AlertKind::transaction_above, 100'00)},
                                false,
                                {},
                                {},
                                {"posting:tx1"}},
                    PostingCase{"incoming_transfer_above",
                                posting(TI, 100'01),
                                {rule(AlertKind::transaction_above, 100'00)},
                                false,
                                {},
                                {},
                                {"posting:tx1"}},
                    PostingCase{"below",
                                posting(W, 99'99),
                                {rule(AlertKind::transaction_above, 100'00)},
                                false,
                                {},
                                {},
                                {}},
                    PostingCase{"another_persons_rule_never_matches",
                                posting(W, 900'00),
                                {rule(AlertKind::transaction_above, 1'00, stranger)},
                                false,
                                {},
                                {},
                                {}},
                    PostingCase{"unusual_above_its_category",
                                posting(W, 300'01),
                                {rule(AlertKind::unusual_transaction)},
                                false,
                                {{"dining", cents(300'00)}},
                                {},
                                {"posting:tx1"}},
                    PostingCase{"unusual_at_the_threshold_is_not",
                                posting(W, 300'00),
                                {rule(AlertKind::unusual_transaction)},
                                false,
                                {{"dining", cents(300'00)}},
                                {},
                                {}},
                    PostingCase{"unusual_needs_a_history_of_its_category",
                                posting(W, 900'00),
                                {rule(AlertKind::unusual_transaction)},
                                false,
                                {{"travel", cents(1'00)}},
                                {},
                                {}},
                    PostingCase{"unusual_is_about_spending_not_income",
                                posting(D, 900'00, "dining"),
                                {rule(AlertKind::unusual_transaction)},
                                false,
                                {{"dining", cents(1'00)}},
                                {},
                                {}},
                    PostingCase{"an_own_transfer_is_not_unusual",
                                posting(TO, 900'00),
                                {rule(AlertKind::unusual_transaction)},
                                true,
                                {{"dining", cents(1'00)}},
                                {},
                                {}},
                    PostingCase{"budget_below_80",
                                posting(W, 10'00),
                                {rule(AlertKind::budget_threshold)},
                                false,
                                {},
                                {spent(79'99)},
                                {}},
                    PostingCase{"budget_at_80",
                                posting(W, 10'00),
                                {rule(AlertKind::budget_threshold)},
                                false,
                                {},
                                {spent(80'00)},
                                {"budget:b1:2026-11:80"}},
                    PostingCase{"budget_at_100_raises_both",
                                posting(W, 10'00),
                                {rule(AlertKind::budget_threshold)},
                                false,
                                {},
                                {spent(100'00)},
                                {"budget:b1:2026-11:80", "budget:b1:2026-11:100"}},
                    PostingCase{"budget_of_another_category",
                                posting(W, 10'00, "travel"),
                                {rule(AlertKind::budget_threshold)},
                                false,
                                {},
                                {spent(100'00)},
                                {}},
                    PostingCase{"budget_nothing_available_but_spent",
                                posting(W, 10'00),
                                {rule(AlertKind::budget_threshold)},
                                false,
                                {},
                                {spent(10'00, 0)},
                                {"budget:b1:2026-11:80", "budget:b1:2026-11:100"}},
                    PostingCase{"budget_not_raised_by_income",
                                posting(D, 10'00),
                                {rule(AlertKind::budget_threshold)},
                                false,
                                {},
                                {spent(100'00)},
                                {}},
                    PostingCase{"budget_not_raised_by_an_own_transfer",
                                posting(TO, 10'00),
                                {rule(AlertKind::budget_threshold)},
                                true,
                                {},
                                {spent(100'00)},
                                {}},
                    PostingCase{"event_kinds_never_match_a_posting",
                                posting(W, 900'00),
                                {rule(AlertKind::standing_order_failed),
                                 rule(AlertKind::new_device_sign_in)},
                                false,
                                {},
                                {},
                                {}},
                    PostingCase{"two_rules_two_notifications",
                                posting(W, 500'00),
                                {rule(AlertKind::transaction_above, 100'00),
                                 rule(AlertKind::transaction_above, 200'00, owner, "rule2")},
                                false,
                                {},
                                {},
                                {"posting:tx1", "posting:tx1"}},
                    PostingCase{"a_posting_before_the_rule_was_made",
                                posting(W, 900'00),
                                {rule_made_after(AlertKind::transaction_above, 1'00)},
                                false,
                                {},
                                {},
                                {}},
                    PostingCase{"a_posting_at_the_instant_the_rule_was_made",
                                posting(W, 900'00),
                                {rule_made_at(AlertKind::transaction_above, 1'00)},
                                false,
                                {},
                                {},
                                {"posting:tx1"}}),
    [](const auto& info) { return info.param.name; });

TEST(AlertNotificationId, IsTheSameForTheSameRuleAndSubjectAndDiffersOtherwise) {
    EXPECT_EQ(alert_notification_id("r", "posting:1"), alert_notification_id("r", "posting:1"));
    EXPECT_NE(alert_notification_id("r", "posting:1"), alert_notification_id("r", "posting:2"));
    EXPECT_NE(alert_notification_id("r", "posting:1"), alert_notification_id("s", "posting:1"));
    EXPECT_EQ(alert_notification_id("r", "x").size(), 32u);
}

TEST(AlertsForEvent, OneNotificationPerRuleOfTheEventsKindAndPerson) {
    AlertEvent event{owner, AlertKind::new_device_sign_in, "session:s1", "A new sign-in.", at};
    const std::vector<AlertRule> rules = {rule(AlertKind::new_device_sign_in),
                                          rule(AlertKind::standing_order_failed, {}, owner, "r2"),
                                          rule(AlertKind::new_device_sign_in, {}, stranger, "r3")};
    const auto notifications = alerts_for_event(event, rules);
    ASSERT_EQ(notifications.size(), 1u);
    EXPECT_EQ(notifications[0].rule_id, "rule1");
    EXPECT_EQ(notifications[0].notification_id, alert_notification_id("rule1", "session:s1"));
    EXPECT_EQ(notifications[0].created_at, at);
}

Session session_of(std::string id, std::string agent, SessionKind kind = SessionKind::sign_in) {
    Session session;
    session.session_id = std::move(id);
    session.user_id = owner;
    session.user_agent = std::move(agent);
    session.kind = kind;
    session.created_at = at;
    return session;
}

TEST(IsNewDevice, OnlyWhenNoOtherSignInHasTheSameUserAgent) {
    const Session firefox = session_of("s1", "Firefox/128");
    EXPECT_TRUE(is_new_device(firefox, {})) << "the first sign-in";
    EXPECT_TRUE(is_new_device(firefox, {firefox})) << "itself does not count";
    EXPECT_FALSE(is_new_device(firefox, {firefox, session_of("s0", "Firefox/128")}));
    EXPECT_TRUE(is_new_device(firefox, {session_of("s0", "Chrome/126")}));
    EXPECT_TRUE(
        is_new_device(firefox, {session_of("t0", "Firefox/128", SessionKind::access_token)}))
        << "an access token is no sign-in from a device";
    const AlertEvent event = new_device_event(firefox);
    EXPECT_EQ(event.kind, AlertKind::new_device_sign_in);
    EXPECT_EQ(event.subject_id, "session:s1");
    EXPECT_EQ(event.user_id, owner);
    EXPECT_NE(event.message.find("Firefox/128"), std::string::npos);
}

TEST(AlertKinds, ParseEveryNameTheyPrintAndNothingElse) {
    for (const auto kind :
         {AlertKind::transaction_above, AlertKind::unusual_transaction, AlertKind::budget_threshold,
          AlertKind::standing_order_failed, AlertKind::new_device_sign_in}) {
        EXPECT_EQ(parse_alert_kind(to_string(kind)), kind);
        EXPECT_EQ(alert_kind_takes_threshold(kind), kind == AlertKind::transaction_above);
    }
    EXPECT_EQ(parse_alert_kind("Transaction_above"), std::nullopt);
    EXPECT_EQ(parse_alert_kind(""), std::nullopt);
}

TEST(PlanAlertRuleCreation, RefusesInOrderTheLimitThenADuplicate) {
    std::vector<AlertRule> existing;
    const auto first =
        plan_alert_rule_creation(rule(AlertKind::transaction_above, 5'00), existing, at);
    ASSERT_EQ(first.status, AlertRuleRefusal::ok);
    EXPECT_EQ(first.next.created_at, at);
    existing.push_back(first.next);
    EXPECT_EQ(
        plan_alert_rule_creation(rule(AlertKind::transaction_above, 5'00), existing, at).status,
        AlertRuleRefusal::duplicate);
    EXPECT_EQ(
        plan_alert_rule_creation(rule(AlertKind::transaction_above, 6'00), existing, at).status,
        AlertRuleRefusal::ok)
        << "another threshold is another rule";
    while (existing.size() < limits::alert_rules_per_user_max) {
        existing.push_back(
            rule(AlertKind::transaction_above, static_cast<std::int64_t>(existing.size()) + 100));
    }
    EXPECT_EQ(
        plan_alert_rule_creation(rule(AlertKind::transaction_above, 5'00), existing, at).status,
        AlertRuleRefusal::too_many_rules)
        << "the limit is checked first";
    existing.pop_back();
    EXPECT_EQ(plan_alert_rule_creation(rule(AlertKind::unusual_transaction), existing, at).status,
              AlertRuleRefusal::ok)
        << "one under the limit";
}

TEST(PlanAlertRuleRemoval, OnlyThePersonsOwnRule) {
    const std::vector<AlertRule> existing = {rule(AlertKind::unusual_transaction)};
    EXPECT_EQ(plan_alert_rule_removal(existing, owner, "rule1").status, AlertRuleRefusal::ok);
    EXPECT_EQ(plan_alert_rule_removal(existing, stranger, "rule1").status,
              AlertRuleRefusal::not_found);
    EXPECT_EQ(plan_alert_rule_removal(existing, owner, "nope").status, AlertRuleRefusal::not_found);
}

}  // namespace
}  // namespace bank
