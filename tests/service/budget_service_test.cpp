// BudgetService over each engine (SQLite always, DynamoDB when BANK_TEST_DYNAMODB_ENDPOINT is
// set): what a person spent in a budget's months comes from the rollups of their own local
// months, less moves between their own accounts, and the rollover runs month by month.
#include "service/budget_service.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/budget_limits.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

// The fixture's clock starts at 2036-01-15 00:00 UTC (2036 is a leap year).
class BudgetServiceTest : public test::EngineStoreTest {
protected:
    BudgetServiceTest() : EngineStoreTest("budget_service") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        user_ = test::add_test_user(*store_, clock_, "budgets@example.com");
        // In Los Angeles, 03:00 UTC on 1 February is still 31 January.
        user_.time_zone = "America/Los_Angeles";
        checking_ = test::open_test_account(*store_, user_, Money::from_cents(10'000'00));
        savings_ =
            test::open_test_account(*store_, user_, Money::from_cents(0), AccountType::savings);
        service_ = std::make_unique<BudgetService>(*store_, *store_, *store_, clock_);
    }

    void spend(std::int64_t cents, const std::string& category) {
        Posting posting;
        posting.kind = PostingKind::withdrawal;
        posting.user_id = user_.user_id;
        posting.account_id = checking_.account_id;
        posting.amount = Money::from_cents(cents);
        posting.description = "Shop";
        posting.category = category;
        ASSERT_EQ(test::write_and_wait(*store_, posting).status, WriteStatus::ok);
    }

    void move_to_savings(std::int64_t cents, const std::string& category) {
        Posting posting;
        posting.kind = PostingKind::transfer;
        posting.user_id = user_.user_id;
        posting.account_id = checking_.account_id;
        posting.to_account_number = savings_.account_number;
        posting.amount = Money::from_cents(cents);
        posting.description = "To savings";
        posting.category = category;
        ASSERT_EQ(test::write_and_wait(*store_, posting).status, WriteStatus::ok);
    }

    void move_to(Timestamp at) {
        clock_.advance(std::chrono::duration_cast<std::chrono::microseconds>(at - clock_.now()));
    }

    Budget create(const std::string& category, const std::string& amount, const std::string& month,
                  const std::string& rollover) {
        auto budget = service_->create(
            BudgetRequest{user_.user_id, category, amount, month, rollover}, user_.time_zone);
        EXPECT_TRUE(budget) << (budget ? "" : budget.error().message);
        return budget ? *budget : Budget{};
    }

    BudgetProgress only(const std::string& month) {
        auto report = service_->progress(user_, month);
        EXPECT_TRUE(report);
        EXPECT_EQ(report->budgets.size(), 1u) << month;
        return report->budgets.empty() ? BudgetProgress{} : report->budgets.front();
    }

    User user_;
    Account checking_;
    Account savings_;
    std::unique_ptr<BudgetService> service_;
};

TEST_P(BudgetServiceTest, SpendingOfLocalMonthsCarriesOverAndLeavesOutOwnMoves) {
    // Made on 14 January in Los Angeles: January is its first month.
    const Budget groceries = create("groceries", "400", "", "both");
    EXPECT_EQ(groceries.start_month, "2036-01");
    clock_.advance(1h);
    spend(100'00, "groceries");
    spend(30'00, "dining");  // not budgeted
    clock_.advance(5 * 24h);
    move_to_savings(70'00, "groceries");          // between own accounts: not spending
    move_to(from_micros(2'085'447'600'000'000));  // 2036-02-01 03:00 UTC: 31 Jan in LA
    spend(50'00, "groceries");
    move_to(from_micros(2'086'257'600'000'000));  // 2036-02-10 12:00 UTC
    spend(500'00, "groceries");

    const BudgetProgress january = only("2036-01");
    EXPECT_EQ(january.figures.spent, Money::from_cents(150'00));
    EXPECT_EQ(january.figures.left, Money::from_cents(250'00));
    EXPECT_EQ(january.pace.days_left, 0);
    EXPECT_TRUE(january.pace.on_pace);

    // February (29 days): $400.00 plus January's $250.00; $500.00 spent by the 10th.
    const BudgetProgress february = only("");
    EXPECT_EQ(february.figures.carried_in, Money::from_cents(250'00));
    EXPECT_EQ(february.figures.available, Money::from_cents(650'00));
    EXPECT_EQ(february.figures.spent, Money::from_cents(500'00));
    EXPECT_EQ(february.figures.left, Money::from_cents(150'00));
    EXPECT_EQ(february.pace.days_in_month, 29);
    EXPECT_EQ(february.pace.days_left, 20);
    EXPECT_FALSE(february.pace.on_pace);

    // A one-month budget for March takes over from the every-month one and still receives
    // February's rollover (carried by February's rule, both).
    const Budget march = create("groceries", "100", "2036-03", "none");
    const BudgetProgress in_march = only("2036-03");
    EXPECT_EQ(in_march.budget.budget_id, march.budget_id);
    EXPECT_EQ(in_march.figures.carried_in, Money::from_cents(150'00));
    EXPECT_EQ(in_march.figures.available, Money::from_cents(250'00));
    EXPECT_EQ(in_march.figures.spent, Money());
    EXPECT_EQ(in_march.pace.days_left, 31);
    // April is the every-month budget's again; March carried nothing out (none).
    EXPECT_EQ(only("2036-04").figures.available, Money::from_cents(400'00));

    // Before its first month, no budget is in force.
    EXPECT_TRUE(service_->progress(user_, "2035-12")->budgets.empty());
}

TEST_P(BudgetServiceTest, RefusalsNameTheFieldAndChangeNothing) {
    const auto field_of = [&](BudgetRequest request) {
        request.user_id = user_.user_id;
        auto result = service_->create(request, user_.time_zone);
        return result ? std::string("accepted") : result.error().field;
    };
    EXPECT_EQ(field_of({"", "pets", "10", "", "none"}), "category");
    EXPECT_EQ(field_of({"", "", "10", "", "none"}), "category");
    EXPECT_EQ(field_of({"", "dining", "0", "", "none"}), "amount");
    EXPECT_EQ(field_of({"", "dining", "-5", "", "none"}), "amount");
    EXPECT_EQ(field_of({"", "dining", "ten", "", "none"}), "amount");
    EXPECT_EQ(field_of({"", "dining", "10", "2036-13", "none"}), "month");
    EXPECT_EQ(field_of({"", "dining", "10", "", "sometimes"}), "rollover");
    EXPECT_TRUE(store_->list_budgets(user_.user_id).empty());
    EXPECT_EQ(field_of({"", "dining", "10", "", ""}), "accepted");
    auto duplicate = service_->create({user_.user_id, "dining", "20", "", "both"}, "UTC");
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
    EXPECT_EQ(service_->progress(user_, "2036-1").error().field, "month");
}

// However old the budget, a month carries over at most limits::budget_rollover_months_max
// months before it: fourteen unspent months of $10.00 carry $120.00.
TEST_P(BudgetServiceTest, TheRolloverReachesBackAtMostTheNamedNumberOfMonths) {
    create("health", "10", "", "surplus");
    const BudgetProgress later = only("2037-03");  // 14 months after January 2036
    EXPECT_EQ(later.figures.carried_in,
              Money::from_cents(10'00 * limits::budget_rollover_months_max));
    EXPECT_EQ(only("2036-04").figures.carried_in, Money::from_cents(30'00));
}

INSTANTIATE_TEST_SUITE_P(Engines, BudgetServiceTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
