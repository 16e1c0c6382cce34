// Active customers and cohorts (ledger/activity.hpp): whose activity a posting is, and what
// counting a person active in a month adds, once per (person, month).
#include "ledger/activity.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "ledger/interest_rate.hpp"

namespace bank {
namespace {

const Timestamp now = from_micros(1'795'594'184'123'456);  // 2026-11-25T08:09:44Z

struct ActivityCase {
    std::string name;
    std::string signup_month;
    std::string month;
    bool already_counted;
    std::vector<BankFigure> expected;
};

void PrintTo(const ActivityCase& c, std::ostream* out) { *out << c.name; }

BankFigure counter(std::string figure, std::string period, std::string item) {
    return BankFigure{std::move(figure), std::move(period), std::move(item), 1, Money()};
}

class ActivityDeltas : public testing::TestWithParam<ActivityCase> {};

TEST_P(ActivityDeltas, CountEachPersonOncePerMonth) {
    const ActivityCase& c = GetParam();
    const auto deltas = activity_deltas(c.signup_month, c.month, c.already_counted);
    ASSERT_EQ(deltas.size(), c.expected.size());
    for (std::size_t i = 0; i < deltas.size(); ++i) {
        EXPECT_EQ(deltas[i].figure, c.expected[i].figure) << i;
        EXPECT_EQ(deltas[i].period, c.expected[i].period) << i;
        EXPECT_EQ(deltas[i].item, c.expected[i].item) << i;
        EXPECT_EQ(deltas[i].count, 1) << i;
        EXPECT_EQ(deltas[i].total, Money()) << i;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ActivityDeltas,
    testing::Values(
        ActivityCase{"first posting in the sign-up month",
                     "2026-11",
                     "2026-11",
                     false,
                     {counter("active", "2026-11", ""), counter("cohort", "2026-11", "2026-11")}},
        ActivityCase{"first posting of a later month",
                     "2026-09",
                     "2026-12",
                     false,
                     {counter("active", "2026-12", ""), counter("cohort", "2026-09", "2026-12")}},
        ActivityCase{
            "a second posting in a counted month adds nothing", "2026-09", "2026-12", true, {}},
        ActivityCase{"a back-dated posting in an older month not yet counted still counts",
                     "2026-09",
                     "2026-10",
                     false,
                     {counter("active", "2026-10", ""), counter("cohort", "2026-09", "2026-10")}},
        ActivityCase{"a back-dated posting in an older counted month adds nothing",
                     "2026-09",
                     "2026-10",
                     true,
                     {}}),
    [](const testing::TestParamInfo<ActivityCase>& info) {
        std::string name;
        for (char c : info.param.name)
            name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        return name;
    });

Account account(std::string id, std::string user) {
    Account made;
    made.account_id = std::move(id);
    made.account_number = "n-" + made.account_id;
    made.user_id = std::move(user);
    made.balance = Money::from_cents(10'000);
    made.created_at = now;
    return made;
}

struct WhoseCase {
    std::string name;
    PostingKind kind;
    std::string idempotency_key;
    std::optional<std::string> active_user;  // nullopt: the posting makes nobody active
};

void PrintTo(const WhoseCase& c, std::ostream* out) { *out << c.name; }

class ActivityOf : public testing::TestWithParam<WhoseCase> {};

TEST_P(ActivityOf, IsThePayersOwnDoing) {
    const WhoseCase& c = GetParam();
    Posting posting;
    posting.kind = c.kind;
    posting.user_id = "ada";
    posting.account_id = "a";
    posting.amount = Money::from_cents(100);
    posting.idempotency_key = c.idempotency_key;
    const Account payee = account("b", "bob");
    if (c.kind == PostingKind::transfer) posting.to_account_number = payee.account_number;
    const PostingPlan plan = plan_posting(posting, account("a", "ada"), payee, now);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    const auto activity = activity_of(plan);
    ASSERT_EQ(activity.has_value(), c.active_user.has_value());
    if (!activity) return;
    EXPECT_EQ(activity->user_id, *c.active_user);
    EXPECT_EQ(activity->month, "2026-11");
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ActivityOf,
    testing::Values(WhoseCase{"deposit", PostingKind::deposit, "", "ada"},
                    WhoseCase{"withdrawal", PostingKind::withdrawal, "k-1", "ada"},
                    WhoseCase{"transfer: the sender only", PostingKind::transfer, "", "ada"},
                    WhoseCase{
                        "interest is the bank's doing", PostingKind::deposit,
                        interest_key("a", Month{std::chrono::year{2026} / std::chrono::November}),
                        std::nullopt}),
    [](const testing::TestParamInfo<WhoseCase>& info) {
        std::string name;
        for (char c : info.param.name)
            name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        return name;
    });

TEST(ActivityOf, ARefusedPlanOrAReversalIsNobodysActivity) {
    PostingPlan refused;
    refused.status = WriteStatus::insufficient_funds;
    EXPECT_FALSE(activity_of(refused).has_value());
    Transaction reversal;
    reversal.transaction_type = TransactionType::withdrawal;
    reversal.reversal_of = "t-1";
    EXPECT_FALSE(counts_as_activity(reversal));
    Transaction received;
    received.transaction_type = TransactionType::transfer_in;
    EXPECT_FALSE(counts_as_activity(received));
}

}  // namespace
}  // namespace bank
