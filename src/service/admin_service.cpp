#include "service/admin_service.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "core/activity_limits.hpp"
#include "core/bank_figure_limits.hpp"
#include "core/money_total.hpp"
#include "ledger/activity.hpp"
#include "ledger/bank_figures.hpp"
#include "service/percentages.hpp"

namespace bank {
namespace {

using std::chrono::days;

// Larger amount first, then newer.
bool larger_first(const Transaction& left, const Transaction& right) {
    return std::tie(left.amount, left.timestamp, left.transaction_id) >
           std::tie(right.amount, right.timestamp, right.transaction_id);
}

// The last volume_days UTC days up to `now`'s, oldest first.
std::vector<std::string> days_shown(Timestamp now) {
    std::vector<std::string> shown;
    const Timestamp today = std::chrono::floor<days>(now);
    for (int back = AdminService::volume_days - 1; back >= 0; --back) {
        shown.push_back(format_date(today - days(back)));
    }
    return shown;
}

// The last limits::admin_activity_months UTC months up to `now`'s, oldest first.
std::vector<std::string> months_shown(Timestamp now) {
    using namespace std::chrono;
    const year_month_day today{floor<days>(now)};
    const year_month current = today.year() / today.month();
    std::vector<std::string> shown;
    for (int back = limits::admin_activity_months - 1; back >= 0; --back) {
        const year_month month = current - months(back);
        shown.push_back(fmt::format("{:04}-{:02}", static_cast<int>(month.year()),
                                    static_cast<unsigned>(month.month())));
    }
    return shown;
}

}  // namespace

std::vector<std::string> describe_cuts(const AdminReadsCut& cut) {
    std::vector<std::string> notes;
    if (cut.locked_users) {
        notes.push_back(fmt::format("Only the first {} locked users are listed.",
                                    limits::admin_people_listed_max));
    }
    if (cut.disabled_users) {
        notes.push_back(fmt::format("Only the first {} disabled users are listed.",
                                    limits::admin_people_listed_max));
    }
    return notes;
}

AdminOverview AdminService::overview() const {
    AdminOverview overview;
    add_accounts(overview);
    add_signups(overview);
    add_people(overview);
    add_postings(overview);
    add_activity(overview);
    return overview;
}

// Two reads of figures whatever the bank's size: the active people of the months shown, and
// the cohorts of the same months (each cohort's size and its active people per month).
void AdminService::add_activity(AdminOverview& overview) const {
    const std::vector<std::string> shown = months_shown(clock_.now());
    std::map<std::string, std::int64_t> active;
    for (const BankFigure& figure : bank_.read_bank_figures(bank_figure::active, shown)) {
        active[figure.period] += figure.count;
    }
    for (const std::string& month : shown)
        overview.active_customers.push_back({month, active[month]});
    std::map<std::string, std::map<std::string, std::int64_t>> cohorts;
    for (const BankFigure& figure : bank_.read_bank_figures(bank_figure::cohort, shown)) {
        cohorts[figure.period][figure.item] += figure.count;
    }
    for (auto signup = shown.begin(); signup != shown.end(); ++signup) {
        std::map<std::string, std::int64_t>& counts = cohorts[*signup];
        Cohort cohort{*signup, counts[""], {}};
        for (auto month = signup; month != shown.end(); ++month) {
            const std::int64_t people = counts[*month];
            const std::int64_t share =
                cohort.size > 0 ? rounded_basis_points(people, cohort.size) : 0;
            cohort.months.push_back(CohortMonth{*month, people, share});
        }
        overview.cohorts.push_back(std::move(cohort));
    }
}

void AdminService::add_accounts(AdminOverview& overview) const {
    std::map<AccountType, AccountTypeFigure> types;
    for (auto type : {AccountType::checking, AccountType::savings}) types[type].account_type = type;
    for (const BankFigure& figure : bank_.read_bank_figures(bank_figure::balances, {""})) {
        const auto type = parse_account_type(figure.item);
        if (!type) continue;
        types[*type].accounts += figure.count;
        add_to_total(types[*type].balance, figure.total);
        add_to_total(overview.total_balance, figure.total);
    }
    for (const BankFigure& figure : bank_.read_bank_figures(bank_figure::deposits, {""})) {
        const auto type = parse_account_type(figure.item);
        if (!type) continue;
        types[*type].deposit_count += figure.count;
        add_to_total(types[*type].deposits, figure.total);
    }
    for (auto& [type, figure] : types) overview.account_types.push_back(figure);
}

void AdminService::add_signups(AdminOverview& overview) const {
    const Timestamp now = clock_.now();
    std::vector<std::string> weeks;
    for (int back = signup_weeks - 1; back >= 0; --back) {
        weeks.push_back(week_of(now - days(7 * back)));
    }
    std::map<std::string, WeeklySignups> by_week;
    for (const std::string& week : weeks) by_week[week] = WeeklySignups{week, 0, 0};
    for (const BankFigure& figure : bank_.read_bank_figures(bank_figure::signups, weeks)) {
        WeeklySignups& signups = by_week[figure.period];
        if (figure.item == "people") signups.users += figure.count;
        if (figure.item == "accounts") signups.accounts += figure.count;
    }
    for (const std::string& week : weeks) overview.weekly_signups.push_back(by_week[week]);
}

void AdminService::add_people(AdminOverview& overview) const {
    std::int64_t count = 0;
    for (const BankFigure& figure : bank_.read_bank_figures(bank_figure::people, {""})) {
        count += figure.count;
    }
    overview.user_count = count;
    std::vector<User> locked;
    overview.cut.locked_users =
        !bank_.for_each_locked_user(clock_.now(), limits::admin_people_listed_max,
                                    [&](const User& user) { locked.push_back(user); });
    overview.locked_users = std::move(locked);
    overview.cut.disabled_users = !bank_.for_each_disabled_user(
        limits::admin_people_listed_max,
        [&](const User& user) { overview.disabled_users.push_back(user); });
}

// The last volume_days days: postings per day and per item (a transfer counts once, by its
// outgoing leg) and the largest transfers.
void AdminService::add_postings(AdminOverview& overview) const {
    const std::vector<std::string> shown = days_shown(clock_.now());
    std::map<std::string, DailyVolume> volumes;
    std::map<std::string, MoneyFlow> flows;
    for (const BankFigure& figure : bank_.read_bank_figures(bank_figure::volume, shown)) {
        DailyVolume& volume = volumes[figure.period];
        volume.day = figure.period;
        volume.count += figure.count;
        add_to_total(volume.total, figure.total);
        MoneyFlow& flow = flows[figure.item];
        flow.item = figure.item;
        flow.count += figure.count;
        add_to_total(flow.total, figure.total);
    }
    for (auto& [day, volume] : volumes) overview.daily_volume.push_back(std::move(volume));
    for (auto& [item, flow] : flows) overview.flows.push_back(std::move(flow));
    std::vector<Transaction> transfers = bank_.largest_transfers_of(shown);
    const std::size_t kept = std::min(transfers.size(), largest_transfers_max);
    std::partial_sort(transfers.begin(), transfers.begin() + static_cast<std::ptrdiff_t>(kept),
                      transfers.end(), larger_first);
    transfers.resize(kept);
    overview.largest_transfers = std::move(transfers);
}

bool AdminService::grant_admin(const std::string& email) const {
    return roles_.set_role(email, Role::admin);
}

}  // namespace bank
