#include "service/admin_service.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "core/limits.hpp"

namespace bank {
namespace {

using std::chrono::days;

void add(Money& total, Money amount) {
    const auto sum = total.checked_add(amount);
    total = sum ? *sum : Money::from_cents(INT64_MAX);
}

// The Monday (UTC) of the week `at` falls in.
Timestamp week_start(Timestamp at) {
    const std::chrono::sys_days day = std::chrono::floor<days>(at);
    const unsigned since_monday = (std::chrono::weekday(day).c_encoding() + 6) % 7;
    return std::chrono::time_point_cast<std::chrono::microseconds>(day - days(since_monday));
}

// Larger amount first, then newer.
bool larger_first(const Transaction& left, const Transaction& right) {
    return std::tie(left.amount, left.sequence) > std::tie(right.amount, right.sequence);
}

}  // namespace

std::vector<std::string> describe_cuts(const AdminReadsCut& cut) {
    std::vector<std::string> notes;
    if (cut.users) {
        notes.push_back(
            fmt::format("Only {} users were read: the user count, new users and "
                        "locked users cover those.",
                        limits::admin_users_read_max));
    }
    if (cut.accounts) {
        notes.push_back(
            fmt::format("Only {} accounts were read: balances, accounts and new "
                        "accounts cover those.",
                        limits::admin_accounts_read_max));
    }
    if (cut.deposits) {
        notes.push_back(fmt::format("Only {} rollups were read: deposits cover those.",
                                    limits::admin_rollups_read_max));
    }
    if (cut.postings) {
        notes.push_back(
            fmt::format("Only {} postings were read: the daily volume and the largest "
                        "transfers cover those.",
                        limits::admin_postings_read_max));
    }
    return notes;
}

AdminOverview AdminService::overview() const {
    const Timestamp first_week = week_start(clock_.now()) - days(7 * (signup_weeks - 1));
    AdminOverview overview;
    for (int week = 0; week < signup_weeks; ++week) {
        const std::string name = format_date(first_week + days(7 * week));
        overview.weekly_signups.push_back(WeeklySignups{name, 0, 0});
    }
    add_accounts(overview, first_week);
    add_users(overview, first_week);
    add_postings(overview);
    return overview;
}

void AdminService::add_accounts(AdminOverview& overview, Timestamp first_week) const {
    std::map<AccountType, AccountTypeFigure> types;
    for (auto type : {AccountType::checking, AccountType::savings}) types[type].account_type = type;
    std::map<std::string, AccountType> type_of;
    std::map<std::string, std::int64_t> new_accounts;  // by week
    overview.cut.accounts =
        !bank_.for_each_bank_account(limits::admin_accounts_read_max, [&](const Account& account) {
            AccountTypeFigure& figure = types[account.account_type];
            ++figure.accounts;
            add(figure.balance, account.balance);
            add(overview.total_balance, account.balance);
            type_of[account.account_id] = account.account_type;
            if (account.created_at >= first_week)
                ++new_accounts[format_date(week_start(account.created_at))];
        });
    overview.cut.deposits =
        !bank_.for_each_bank_rollup(limits::admin_rollups_read_max, [&](const Rollup& rollup) {
            const auto found = type_of.find(rollup.account_id);
            if (rollup.transaction_type != TransactionType::deposit || found == type_of.end())
                return;
            AccountTypeFigure& figure = types[found->second];
            add(figure.deposits, rollup.total);
            figure.deposit_count += rollup.count;
        });
    for (auto& [type, figure] : types) overview.account_types.push_back(figure);
    for (auto& week : overview.weekly_signups) week.accounts = new_accounts[week.week];
}

void AdminService::add_users(AdminOverview& overview, Timestamp first_week) const {
    const Timestamp now = clock_.now();
    std::vector<User> locked;
    std::int64_t count = 0;
    // A failure to list users is not hidden: an outage answers 503, anything else 500.
    overview.cut.users = !bank_.for_each_user(limits::admin_users_read_max, [&](const User& user) {
        ++count;
        if (user.locked_until > now) locked.push_back(user);
        if (user.created_at < first_week) return;
        const std::string week = format_date(week_start(user.created_at));
        for (auto& signups : overview.weekly_signups) {
            if (signups.week == week) ++signups.users;
        }
    });
    overview.locked_users = std::move(locked);
    overview.user_count = count;
}

// The last volume_days days: postings per day (a transfer counts once, by its outgoing leg)
// and the largest transfers.
void AdminService::add_postings(AdminOverview& overview) const {
    const Timestamp now = clock_.now();
    const Timestamp from = std::chrono::floor<days>(now) - days(volume_days - 1);
    const Timestamp to = std::chrono::floor<days>(now) + days(1);
    std::map<std::string, DailyVolume> volumes;
    std::vector<Transaction> transfers;
    overview.cut.postings = !bank_.for_each_posting_between(
        from, to, limits::admin_postings_read_max, [&](const Transaction& row) {
            if (row.transaction_type == TransactionType::transfer_in) return;
            if (row.transaction_type == TransactionType::transfer_out) transfers.push_back(row);
            const std::string day = format_date(row.timestamp);
            DailyVolume& volume = volumes[day];
            volume.day = day;
            ++volume.count;
            add(volume.total, row.amount);
        });
    for (auto& [day, volume] : volumes) overview.daily_volume.push_back(std::move(volume));
    const std::size_t shown = std::min(transfers.size(), largest_transfers_max);
    std::partial_sort(transfers.begin(), transfers.begin() + static_cast<std::ptrdiff_t>(shown),
                      transfers.end(), larger_first);
    transfers.resize(shown);
    overview.largest_transfers = std::move(transfers);
}

bool AdminService::grant_admin(const std::string& email) const {
    return roles_.set_role(email, Role::admin);
}

}  // namespace bank
