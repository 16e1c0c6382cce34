// The admin overview reads the bank-wide figures kept with every write (ledger/bank_figures):
// only those of the days and weeks it shows, each day's largest transfers and the locked and
// disabled people, whose lists say when they stop at their limit.
#include "service/admin_service.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/bank_figure_limits.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t start_micros = 1'735'732'800'000'000;  // 2025-01-01T12:00:00Z (Wed)

Money cents(std::int64_t value) { return Money::from_cents(value); }

// Figures as a store keeps them, one BankFigure per key; every read it was asked for is
// recorded, so a test can tell what the overview read.
class FakeBank final : public BankReads, public RoleGrants {
public:
    bool for_each_bank_account(std::size_t, const std::function<void(const Account&)>&) override {
        ADD_FAILURE() << "the overview scanned the accounts";
        return true;
    }
    std::vector<BankFigure> read_bank_figures(std::string_view figure,
                                              const std::vector<std::string>& periods) override {
        std::vector<BankFigure> found;
        for (const std::string& period : periods) {
            periods_read[std::string(figure)].push_back(period);
            for (const BankFigure& kept : figures) {
                if (kept.figure == figure && kept.period == period) found.push_back(kept);
            }
        }
        return found;
    }
    std::vector<Transaction> largest_transfers_of(const std::vector<std::string>& days) override {
        std::vector<Transaction> found;
        for (const Transaction& row : transfers) {
            for (const std::string& day : days) {
                if (format_date(row.timestamp) == day) found.push_back(row);
            }
        }
        return found;
    }
    bool for_each_locked_user(Timestamp, std::size_t limit,
                              const std::function<void(const User&)>& visit) override {
        return visit_people(locked, limit, visit);
    }
    bool for_each_disabled_user(std::size_t limit,
                                const std::function<void(const User&)>& visit) override {
        return visit_people(disabled, limit, visit);
    }
    bool set_role(std::string_view email, Role) override { return email == "ada@example.com"; }

    std::vector<BankFigure> figures;
    std::vector<Transaction> transfers;
    std::vector<User> locked;
    std::vector<User> disabled;
    std::map<std::string, std::vector<std::string>> periods_read;

private:
    static bool visit_people(const std::vector<User>& people, std::size_t limit,
                             const std::function<void(const User&)>& visit) {
        for (std::size_t index = 0; index < people.size(); ++index) {
            if (index == limit) return false;
            visit(people[index]);
        }
        return true;
    }
};

Transaction transfer(Timestamp at, std::int64_t amount) {
    Transaction row;
    row.transaction_id = std::to_string(amount);
    row.transaction_type = TransactionType::transfer_out;
    row.amount = cents(amount);
    row.timestamp = at;
    return row;
}

TEST(AdminServiceTest, AddsUpTheFiguresOfTheDaysAndWeeksShown) {
    ManualClock clock(from_micros(start_micros));
    FakeBank bank;
    bank.figures = {
        {"balances", "", "checking", 2, cents(700)},
        {"balances", "", "savings", 1, cents(300)},
        {"deposits", "", "checking", 3, cents(1'000)},
        {"people", "", "", 5, Money()},
        {"signups", "2024-12-30", "people", 2, Money()},
        {"signups", "2024-12-30", "accounts", 3, Money()},
        {"volume", "2025-01-01", "deposit", 2, cents(1'000)},
        {"volume", "2025-01-01", "transfer checking>savings own", 1, cents(300)},
        {"volume", "2024-12-31", "transfer checking>checking others", 1, cents(50)},
        {"volume", "2024-11-01", "deposit", 1, cents(9'999)},  // before the 30 days
    };
    const AdminOverview overview = AdminService(bank, bank, clock).overview();
    EXPECT_EQ(overview.total_balance.cents(), 1'000);
    EXPECT_EQ(overview.user_count, 5);
    ASSERT_EQ(overview.account_types.size(), 2u);
    EXPECT_EQ(overview.account_types[0].accounts, 2);
    EXPECT_EQ(overview.account_types[0].deposits.cents(), 1'000);
    EXPECT_EQ(overview.account_types[0].deposit_count, 3);
    ASSERT_EQ(overview.daily_volume.size(), 2u);
    EXPECT_EQ(overview.daily_volume[0].day, "2024-12-31");
    EXPECT_EQ(overview.daily_volume[1].count, 3);
    EXPECT_EQ(overview.daily_volume[1].total.cents(), 1'300);
    ASSERT_EQ(overview.flows.size(), 3u);
    EXPECT_EQ(overview.flows[0].item, "deposit");
    EXPECT_EQ(overview.flows[2].item, "transfer checking>savings own");
    ASSERT_EQ(overview.weekly_signups.size(), static_cast<std::size_t>(AdminService::signup_weeks));
    EXPECT_EQ(overview.weekly_signups.back().week, "2024-12-30");
    EXPECT_EQ(overview.weekly_signups.back().users, 2);
    EXPECT_EQ(overview.weekly_signups.back().accounts, 3);
    EXPECT_EQ(bank.periods_read["volume"].size(),
              static_cast<std::size_t>(AdminService::volume_days));
    EXPECT_EQ(bank.periods_read["volume"].back(), "2025-01-01");
    EXPECT_TRUE(describe_cuts(overview.cut).empty());
}

TEST(AdminServiceTest, KeepsTheLargestTransfersOfTheDays) {
    ManualClock clock(from_micros(start_micros));
    FakeBank bank;
    for (std::int64_t amount = 1; amount <= 15; ++amount) {
        bank.transfers.push_back(transfer(clock.now() - std::chrono::days(amount % 3), amount));
    }
    bank.transfers.push_back(transfer(clock.now() - std::chrono::days(40), 1'000));
    const AdminOverview overview = AdminService(bank, bank, clock).overview();
    ASSERT_EQ(overview.largest_transfers.size(), AdminService::largest_transfers_max);
    EXPECT_EQ(overview.largest_transfers.front().amount.cents(), 15);
    EXPECT_EQ(overview.largest_transfers.back().amount.cents(), 6);
}

TEST(AdminServiceTest, AListOfPeopleCutAtItsLimitIsNamedWithTheLimit) {
    ManualClock clock(from_micros(start_micros));
    FakeBank bank;
    User person;
    person.email = "ada@example.com";
    bank.locked.assign(limits::admin_people_listed_max + 1, person);
    bank.disabled.assign(2, person);
    const AdminOverview overview = AdminService(bank, bank, clock).overview();
    ASSERT_TRUE(overview.locked_users.has_value());
    EXPECT_EQ(overview.locked_users->size(), limits::admin_people_listed_max);
    EXPECT_EQ(overview.disabled_users.size(), 2u);
    EXPECT_TRUE(overview.cut.locked_users);
    EXPECT_FALSE(overview.cut.disabled_users);
    const std::vector<std::string> notes = describe_cuts(overview.cut);
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_NE(notes[0].find(std::to_string(limits::admin_people_listed_max)), std::string::npos);
}

TEST(AdminServiceTest, GrantsTheAdminRoleByEmail) {
    ManualClock clock(from_micros(start_micros));
    FakeBank bank;
    const AdminService admin(bank, bank, clock);
    EXPECT_TRUE(admin.grant_admin("ada@example.com"));
    EXPECT_FALSE(admin.grant_admin("nobody@example.com"));
}

}  // namespace
}  // namespace bank
