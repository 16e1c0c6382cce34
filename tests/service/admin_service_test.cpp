// The admin overview reads the bank through bounded reads: when one stops at its limit the
// overview says which figures it cut, naming the limit, and adds up what was read.
#include "service/admin_service.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/limits.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t start_micros = 1'735'732'800'000'000;  // 2025-01-01T12:00:00Z

// A bank of one user and one account with a deposit and a transfer today; each read stops
// (returns false) when `cut` says so.
class FakeBank final : public BankReads, public RoleGrants {
public:
    explicit FakeBank(Timestamp now) : now_(now) {}

    bool for_each_user(std::size_t, const std::function<void(const User&)>& visit) override {
        User user;
        user.created_at = now_;
        visit(user);
        return !cut.users;
    }
    bool for_each_bank_account(std::size_t,
                               const std::function<void(const Account&)>& visit) override {
        Account account;
        account.account_id = "a";
        account.balance = Money::from_cents(700);
        account.created_at = now_;
        visit(account);
        return !cut.accounts;
    }
    bool for_each_bank_rollup(std::size_t,
                              const std::function<void(const Rollup&)>& visit) override {
        visit(Rollup{"a", "2025-01", "", TransactionType::deposit, Money::from_cents(1'000), 1});
        return !cut.deposits;
    }
    bool for_each_posting_between(Timestamp, Timestamp, std::size_t,
                                  const std::function<void(const Transaction&)>& visit) override {
        for (auto type : {TransactionType::deposit, TransactionType::transfer_out,
                          TransactionType::transfer_in}) {
            Transaction row;
            row.transaction_type = type;
            row.amount = Money::from_cents(type == TransactionType::deposit ? 1'000 : 300);
            row.timestamp = now_;
            visit(row);
        }
        return !cut.postings;
    }
    bool set_role(std::string_view email, Role) override { return email == "ada@example.com"; }

    AdminReadsCut cut;

private:
    Timestamp now_;
};

TEST(AdminServiceTest, WholeReadsAddUpWithoutANote) {
    ManualClock clock(from_micros(start_micros));
    FakeBank bank(clock.now());
    const AdminOverview overview = AdminService(bank, bank, clock).overview();
    EXPECT_EQ(overview.total_balance.cents(), 700);
    EXPECT_EQ(overview.user_count, 1);
    ASSERT_EQ(overview.daily_volume.size(), 1u);
    EXPECT_EQ(overview.daily_volume[0].count, 2) << "a transfer counts once";
    EXPECT_EQ(overview.daily_volume[0].total.cents(), 1'300);
    ASSERT_EQ(overview.largest_transfers.size(), 1u);
    EXPECT_EQ(overview.weekly_signups.back().users, 1);
    EXPECT_EQ(overview.weekly_signups.back().accounts, 1);
    EXPECT_TRUE(describe_cuts(overview.cut).empty());
}

TEST(AdminServiceTest, EachCutReadIsNamedWithItsLimit) {
    ManualClock clock(from_micros(start_micros));
    FakeBank bank(clock.now());
    bank.cut = AdminReadsCut{true, true, true, true};
    const AdminOverview overview = AdminService(bank, bank, clock).overview();
    EXPECT_TRUE(overview.cut.users && overview.cut.accounts && overview.cut.deposits &&
                overview.cut.postings);
    EXPECT_EQ(overview.total_balance.cents(), 700) << "what was read still adds up";
    const std::vector<std::string> notes = describe_cuts(overview.cut);
    ASSERT_EQ(notes.size(), 4u);
    EXPECT_NE(notes[0].find(std::to_string(limits::admin_users_read_max)), std::string::npos);
    EXPECT_NE(notes[1].find(std::to_string(limits::admin_accounts_read_max)), std::string::npos);
    EXPECT_NE(notes[2].find(std::to_string(limits::admin_rollups_read_max)), std::string::npos);
    EXPECT_NE(notes[3].find(std::to_string(limits::admin_postings_read_max)), std::string::npos);

    bank.cut = AdminReadsCut{};
    bank.cut.postings = true;
    EXPECT_EQ(describe_cuts(AdminService(bank, bank, clock).overview().cut).size(), 1u);
}

TEST(AdminServiceTest, GrantsTheAdminRoleByEmail) {
    ManualClock clock(from_micros(start_micros));
    FakeBank bank(clock.now());
    const AdminService admin(bank, bank, clock);
    EXPECT_TRUE(admin.grant_admin("ada@example.com"));
    EXPECT_FALSE(admin.grant_admin("nobody@example.com"));
}

}  // namespace
}  // namespace bank
