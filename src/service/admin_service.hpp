#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/bank_figure_limits.hpp"
#include "core/clock.hpp"
#include "ledger/bank_reads.hpp"
#include "ledger/report_queries.hpp"
#include "ledger/role_grants.hpp"

namespace bank {

struct AccountTypeFigure {
    AccountType account_type = AccountType::checking;
    std::int64_t accounts = 0;
    Money balance;
    Money deposits;  // every deposit ever made into accounts of this type
    std::int64_t deposit_count = 0;
};

struct WeeklySignups {
    std::string week;  // "2026-11-23": the Monday the week starts on (UTC)
    std::int64_t users = 0;
    std::int64_t accounts = 0;
};

// Where money went over the last volume_days days: a volume item of ledger/bank_figures.hpp
// ("deposit", "withdrawal", "transfer checking>savings own", ...) with its count and sum.
struct MoneyFlow {
    std::string item;
    std::int64_t count = 0;
    Money total;
};

// People with at least one posting of their own in a UTC month (ledger/activity.hpp).
struct MonthlyActive {
    std::string month;  // "2026-12"
    std::int64_t people = 0;
};

// One sign-up month's people active in one later month, and their share of the cohort.
struct CohortMonth {
    std::string month;
    std::int64_t active = 0;
    std::int64_t share_basis_points = 0;  // of the cohort's size, rounded half away from zero
};

// The people who signed up in a UTC month, and how many of them were active in that month
// and each one after it up to this month.
struct Cohort {
    std::string signup_month;
    std::int64_t size = 0;
    std::vector<CohortMonth> months;  // oldest first, from the sign-up month on
};

// Which lists stopped at limits::admin_people_listed_max. Every figure is a counter kept
// with the writes, so nothing else can be cut.
struct AdminReadsCut {
    bool locked_users = false;
    bool disabled_users = false;
};

// The bank-wide figures of /admin. No customer's accounts or postings appear beyond the
// largest transfers (amount, time, category; no names).
struct AdminOverview {
    std::vector<AccountTypeFigure> account_types;
    Money total_balance;
    std::vector<DailyVolume> daily_volume;       // the last volume_days days, oldest first
    std::vector<MoneyFlow> flows;                // the same days, by item
    std::vector<WeeklySignups> weekly_signups;   // the last signup_weeks weeks, oldest first
    std::vector<Transaction> largest_transfers;  // of the last volume_days days
    // Users whose sign-in is locked now, and the disabled; nullopt when not read.
    std::optional<std::vector<User>> locked_users;
    std::vector<User> disabled_users;
    std::optional<std::int64_t> user_count;
    // The last limits::admin_activity_months months, oldest first, this month last.
    std::vector<MonthlyActive> active_customers;
    // The sign-up months of the same months, oldest first.
    std::vector<Cohort> cohorts;
    AdminReadsCut cut;
};

// One sentence per list that stopped at its limit, naming the limit: what the page and the
// API say about it. Empty when every list was whole.
std::vector<std::string> describe_cuts(const AdminReadsCut& cut);

// Bank-wide analytics for admins, and the admin role itself. Reads only the bank-wide
// figures (ledger/bank_figures.hpp) of the days and weeks shown, each day's largest
// transfers and the locked and disabled people through their indexes: what it reads does
// not grow with the number of people, accounts or postings.
class AdminService {
public:
    AdminService(BankReads& bank, RoleGrants& roles, const Clock& clock)
        : bank_(bank), roles_(roles), clock_(clock) {}

    AdminOverview overview() const;
    // Makes the user with this email an admin; false when there is none.
    bool grant_admin(const std::string& email) const;

    static constexpr int volume_days = 30;
    static constexpr int signup_weeks = 12;
    static constexpr std::size_t largest_transfers_max = limits::bank_top_transfers_per_day;

private:
    void add_accounts(AdminOverview& overview) const;
    void add_signups(AdminOverview& overview) const;
    void add_people(AdminOverview& overview) const;
    void add_postings(AdminOverview& overview) const;
    void add_activity(AdminOverview& overview) const;

    BankReads& bank_;
    RoleGrants& roles_;
    const Clock& clock_;
};

}  // namespace bank
