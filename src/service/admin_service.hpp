#pragma once

#include <optional>
#include <string>
#include <vector>

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

// Which bank-wide reads stopped at their limit (limits::admin_*_read_max): the figures built
// from such a read cover only the items it read.
struct AdminReadsCut {
    bool users = false;     // user count, new users, locked users
    bool accounts = false;  // balances, accounts per type, new accounts
    bool deposits = false;  // deposits per type
    bool postings = false;  // daily volume, largest transfers
};

// The bank-wide figures of /admin. No customer's accounts or postings appear beyond the
// largest transfers (amount, time, category; no names).
struct AdminOverview {
    std::vector<AccountTypeFigure> account_types;
    Money total_balance;
    std::vector<DailyVolume> daily_volume;       // the last volume_days days, oldest first
    std::vector<WeeklySignups> weekly_signups;   // the last signup_weeks weeks, oldest first
    std::vector<Transaction> largest_transfers;  // of the last volume_days days
    // Users whose sign-in is locked now; nullopt when the users could not be read.
    std::optional<std::vector<User>> locked_users;
    std::optional<std::int64_t> user_count;
    AdminReadsCut cut;
};

// One sentence per figure that a read's limit cut short, naming the limit: what the page
// and the API say about it. Empty when every read was whole.
std::vector<std::string> describe_cuts(const AdminReadsCut& cut);

// Bank-wide analytics for admins, and the admin role itself. Every read is bounded (see
// BankReads): users, accounts, deposit rollups and the postings of the last days, each up
// to its limit; never the whole history.
class AdminService {
public:
    AdminService(BankReads& bank, RoleGrants& roles, const Clock& clock)
        : bank_(bank), roles_(roles), clock_(clock) {}

    AdminOverview overview() const;
    // Makes the user with this email an admin; false when there is none.
    bool grant_admin(const std::string& email) const;

    static constexpr int volume_days = 30;
    static constexpr int signup_weeks = 12;
    static constexpr std::size_t largest_transfers_max = 10;

private:
    void add_accounts(AdminOverview& overview, Timestamp first_week) const;
    void add_users(AdminOverview& overview, Timestamp first_week) const;
    void add_postings(AdminOverview& overview) const;

    BankReads& bank_;
    RoleGrants& roles_;
    const Clock& clock_;
};

}  // namespace bank
