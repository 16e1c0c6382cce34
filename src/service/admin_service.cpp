#include "service/admin_service.hpp"

#include <map>
#include <stdexcept>

#include <spdlog/spdlog.h>

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

}  // namespace

AdminOverview AdminService::overview() const {
    const Timestamp now = clock_.now();
    const Timestamp first_week = week_start(now) - days(7 * (signup_weeks - 1));
    AdminOverview overview;
    std::map<AccountType, AccountTypeFigure> types;
    for (auto type : {AccountType::checking, AccountType::savings}) types[type].account_type = type;
    std::map<std::string, AccountType> type_of;
    std::map<std::string, WeeklySignups> weeks;
    for (int week = 0; week < signup_weeks; ++week) {
        const std::string name = format_date(first_week + days(7 * week));
        weeks[name].week = name;
    }
    store_.for_each_account([&](const Account& account) {
        AccountTypeFigure& figure = types[account.account_type];
        ++figure.accounts;
        add(figure.balance, account.balance);
        add(overview.total_balance, account.balance);
        type_of[account.account_id] = account.account_type;
        if (account.created_at >= first_week)
            ++weeks[format_date(week_start(account.created_at))].accounts;
    });
    store_.for_each_rollup([&](const Rollup& rollup) {
        const auto found = type_of.find(rollup.account_id);
        if (rollup.transaction_type != TransactionType::deposit || found == type_of.end()) return;
        AccountTypeFigure& figure = types[found->second];
        add(figure.deposits, rollup.total);
        figure.deposit_count += rollup.count;
    });
    for (auto& [type, figure] : types) overview.account_types.push_back(figure);
    for (auto& [name, week] : weeks) overview.weekly_signups.push_back(week);
    add_users(overview, first_week);

    const Timestamp volume_from = std::chrono::floor<days>(now) - days(volume_days - 1);
    const Timestamp volume_to = std::chrono::floor<days>(now) + days(1);
    overview.daily_volume = store_.daily_volume(volume_from, volume_to);
    overview.largest_transfers =
        store_.largest_transfers(volume_from, volume_to, largest_transfers_max);
    return overview;
}

void AdminService::add_users(AdminOverview& overview, Timestamp first_week) const {
    const Timestamp now = clock_.now();
    std::vector<User> locked;
    std::int64_t count = 0;
    try {
        store_.for_each_user([&](const User& user) {
            ++count;
            if (user.locked_until > now) locked.push_back(user);
            if (user.created_at < first_week) return;
            const std::string week = format_date(week_start(user.created_at));
            for (auto& signups : overview.weekly_signups) {
                if (signups.week == week) ++signups.users;
            }
        });
    } catch (const StoreUnavailable&) {
        // An outage is not "cannot list users": the pipeline answers it with 503.
        throw;
    } catch (const std::runtime_error& error) {
        // A store that cannot list users still shows every other figure.
        spdlog::warn("admin overview without users: {}", error.what());
        return;
    }
    overview.locked_users = std::move(locked);
    overview.user_count = count;
}

bool AdminService::grant_admin(const std::string& email) const {
    return store_.set_role(email, Role::admin);
}

}  // namespace bank
