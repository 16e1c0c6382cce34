// bank_figure_deltas: what each kind of posting adds to the bank-wide figures, as both
// engines write it in the posting's own transaction; and the tally `bank verify` compares
// them with, from the rows alone, agreeing with the deltas.
#include "ledger/bank_figures.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/bank_figure_limits.hpp"
#include "core/clock.hpp"
#include "ledger/activity.hpp"
#include "ledger/bank_figure_tally.hpp"

namespace bank {
namespace {

const Timestamp now = from_micros(1'795'594'184'123'456);  // 2026-11-25T08:09:44Z, a Wednesday

Money cents(std::int64_t value) { return Money::from_cents(value); }

Account account(const std::string& id, std::string user, AccountType type, std::int64_t balance) {
    Account made;
    made.account_id = id;
    made.account_number = "n-" + id;
    made.user_id = std::move(user);
    made.account_type = type;
    made.balance = cents(balance);
    made.created_at = now;
    return made;
}

struct DeltaCase {
    std::string name;
    PostingKind kind;
    AccountType payer_type;
    std::optional<AccountType> payee_type;
    bool payee_own;
    std::int64_t amount;
    std::vector<BankFigure> expected;
};

void PrintTo(const DeltaCase& c, std::ostream* out) { *out << c.name; }

class BankFigureDeltas : public testing::TestWithParam<DeltaCase> {};

TEST_P(BankFigureDeltas, AddWhatThePostingMoved) {
    const DeltaCase& c = GetParam();
    const Account payer = account("a", "ada", c.payer_type, 10'000);
    std::optional<Account> payee;
    Posting posting;
    posting.kind = c.kind;
    posting.user_id = "ada";
    posting.account_id = "a";
    posting.amount = cents(c.amount);
    if (c.payee_type) {
        payee = account("b", c.payee_own ? "ada" : "bob", *c.payee_type, 500);
        posting.to_account_number = payee->account_number;
    }
    const PostingPlan plan = plan_posting(posting, payer, payee, now);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    const std::vector<BankFigure> deltas = bank_figure_deltas(plan);
    ASSERT_EQ(deltas.size(), c.expected.size());
    for (std::size_t index = 0; index < deltas.size(); ++index) {
        EXPECT_EQ(deltas[index].figure, c.expected[index].figure) << index;
        EXPECT_EQ(deltas[index].period, c.expected[index].period) << index;
        EXPECT_EQ(deltas[index].item, c.expected[index].item) << index;
        EXPECT_EQ(deltas[index].count, c.expected[index].count) << index;
        EXPECT_EQ(deltas[index].total, c.expected[index].total) << index;
    }
}

const std::string day = "2026-11-25";

INSTANTIATE_TEST_SUITE_P(
    Kinds, BankFigureDeltas,
    testing::Values(DeltaCase{"deposit",
                              PostingKind::deposit,
                              AccountType::checking,
                              std::nullopt,
                              false,
                              250,
                              {{"volume", day, "deposit", 1, cents(250)},
                               {"balances", "", "checking", 0, cents(250)},
                               {"deposits", "", "checking", 1, cents(250)}}},
                    DeltaCase{"withdrawal from savings",
                              PostingKind::withdrawal,
                              AccountType::savings,
                              std::nullopt,
                              false,
                              100,
                              {{"volume", day, "withdrawal", 1, cents(100)},
                               {"balances", "", "savings", 0, cents(-100)}}},
                    DeltaCase{"transfer to one's own savings",
                              PostingKind::transfer,
                              AccountType::checking,
                              AccountType::savings,
                              true,
                              300,
                              {{"volume", day, "transfer checking>savings own", 1, cents(300)},
                               {"balances", "", "checking", 0, cents(-300)},
                               {"balances", "", "savings", 0, cents(300)}}},
                    DeltaCase{"transfer to another person",
                              PostingKind::transfer,
                              AccountType::checking,
                              AccountType::checking,
                              false,
                              300,
                              {{"volume", day, "transfer checking>checking others", 1, cents(300)},
                               {"balances", "", "checking", 0, cents(-300)},
                               {"balances", "", "checking", 0, cents(300)}}}),
    [](const testing::TestParamInfo<DeltaCase>& info) {
        std::string name = info.param.name;
        for (char& c : name) {
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        }
        return name;
    });

TEST(BankFigureDeltas, ARefusedPlanAddsNothing) {
    Posting posting;
    posting.kind = PostingKind::withdrawal;
    posting.user_id = "ada";
    posting.account_id = "a";
    posting.amount = cents(20'000);
    const PostingPlan plan =
        plan_posting(posting, account("a", "ada", AccountType::checking, 100), std::nullopt, now);
    ASSERT_NE(plan.status, WriteStatus::ok);
    EXPECT_TRUE(bank_figure_deltas(plan).empty());
}

TEST(BankFigureDeltas, RegistrationsAndOpeningsCountInTheirWeek) {
    User user;
    user.created_at = now;
    const auto registration = registration_deltas(user);
    ASSERT_EQ(registration.size(), 3u);
    EXPECT_EQ(registration[0].figure, "people");
    EXPECT_EQ(registration[1].period, "2026-11-23") << "the Monday of the week";
    EXPECT_EQ(registration[2].figure, "cohort");
    EXPECT_EQ(registration[2].period, "2026-11") << "the cohort of the sign-up month";
    EXPECT_EQ(registration[2].item, "") << "the cohort's size";
    const auto opening = account_opening_deltas(account("a", "ada", AccountType::savings, 0));
    ASSERT_EQ(opening.size(), 2u);
    EXPECT_EQ(opening[0].item, "savings");
    EXPECT_EQ(opening[0].count, 1);
    EXPECT_EQ(opening[1].item, "accounts");
}

TEST(BankFigureDeltas, WeeksStartOnMonday) {
    EXPECT_EQ(week_of(from_micros(1'795'392'000'000'000)), "2026-11-23");  // Monday 00:00
    EXPECT_EQ(week_of(from_micros(1'795'391'999'999'999)), "2026-11-16");  // Sunday night
}

// The deltas of a mix of postings summed equal what the tally makes of the rows.
TEST(BankFigureTally, AgreesWithTheDeltasOfTheSamePostings) {
    Account checking = account("a", "ada", AccountType::checking, 0);
    Account savings = account("b", "ada", AccountType::savings, 0);
    Account other = account("c", "bob", AccountType::checking, 0);
    BankFigureSums from_deltas;
    std::vector<Transaction> rows;
    std::set<std::pair<std::string, std::string>> markers;
    const auto post = [&](PostingKind kind, Account& payer, Account* payee, std::int64_t amount) {
        Posting posting;
        posting.kind = kind;
        posting.user_id = payer.user_id;
        posting.account_id = payer.account_id;
        posting.amount = cents(amount);
        if (payee) posting.to_account_number = payee->account_number;
        const PostingPlan plan =
            plan_posting(posting, payer, payee ? std::optional(*payee) : std::nullopt, now);
        ASSERT_EQ(plan.status, WriteStatus::ok);
        for (const BankFigure& delta : bank_figure_deltas(plan)) add_figure(from_deltas, delta);
        // As the engines do: the activity counted once per marker of (person, month).
        if (const auto activity = activity_of(plan)) {
            const bool counted = !markers.emplace(activity->user_id, activity->month).second;
            for (const BankFigure& delta : activity_deltas("", activity->month, counted)) {
                add_figure(from_deltas, delta);
            }
        }
        rows.insert(rows.end(), plan.rows.begin(), plan.rows.end());
        payer = *plan.payer;
        if (payee) *payee = *plan.payee;
    };
    for (const Account* opened : {&checking, &savings, &other}) {
        for (const BankFigure& delta : account_opening_deltas(*opened)) {
            add_figure(from_deltas, delta);
        }
    }
    post(PostingKind::deposit, checking, nullptr, 1'000);
    post(PostingKind::transfer, checking, &savings, 300);
    post(PostingKind::transfer, checking, &other, 200);
    post(PostingKind::withdrawal, savings, nullptr, 50);
    BankFigureTally tally;
    for (const Account* held : {&checking, &savings, &other}) tally.add_account(*held);
    for (const Transaction& row : rows) tally.add_row(row);
    ASSERT_EQ(tally.sums().size(), from_deltas.size());
    EXPECT_EQ(tally.activity(), markers);
    EXPECT_EQ(markers.size(), 1u) << "bob received a transfer: not active; ada once";
    for (const auto& [key, figure] : from_deltas) {
        const auto found = tally.sums().find(key);
        ASSERT_NE(found, tally.sums().end()) << std::get<0>(key) << " " << std::get<2>(key);
        EXPECT_EQ(found->second.count, figure.count) << std::get<0>(key) << std::get<2>(key);
        EXPECT_EQ(found->second.total, figure.total) << std::get<0>(key) << std::get<2>(key);
    }
    const auto largest = tally.largest_transfer_amounts();
    ASSERT_EQ(largest.at(day).size(), 2u);
    EXPECT_EQ(largest.at(day)[0], cents(300));
}

// A day's largest transfers expire retention (35 days) after the day began, whatever the
// hour of the transfer; and the first day still whole is the one after now - retention.
TEST(BankFigureRetention, ADaysLargestTransfersExpireAfterTheRetentionFromTheDaysStart) {
    using namespace std::chrono;
    static_assert(limits::bank_largest_transfers_retention == days(35));
    const auto at = [](int year, unsigned month, unsigned day, int hour) {
        return Timestamp(
            sys_days(std::chrono::year(year) / std::chrono::month(month) / std::chrono::day(day)) +
            hours(hour));
    };
    struct Case {
        Timestamp at;
        std::int64_t expiry;  // seconds
        std::string kept_since;
    };
    const std::int64_t day_seconds = 86'400;
    const std::int64_t march_1 = 1'772'323'200;  // 2026-03-01T00:00:00Z
    const std::vector<Case> cases{
        {at(2026, 3, 1, 0), march_1 + 35 * day_seconds, "2026-01-26"},
        {at(2026, 3, 1, 23), march_1 + 35 * day_seconds, "2026-01-26"},
        {at(2026, 3, 2, 12), march_1 + 36 * day_seconds, "2026-01-27"},
        {at(2024, 3, 5, 6), 1'709'596'800 + 35 * day_seconds, "2024-01-31"},  // after a Feb 29
    };
    for (const Case& test : cases) {
        EXPECT_EQ(largest_transfer_expiry_seconds(test.at), test.expiry) << format_date(test.at);
        EXPECT_EQ(largest_transfers_kept_since(test.at), test.kept_since) << format_date(test.at);
    }
}

}  // namespace
}  // namespace bank
