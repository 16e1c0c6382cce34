#include "web/analytics_views.hpp"

#include <boost/json/serialize.hpp>

#include "web/page_support.hpp"

namespace bank {
namespace {

namespace json = boost::json;
using kainjow::mustache::data;

data list() { return data{data::type::list}; }

ViewData category_rows(const std::vector<CategoryFigure>& categories) {
    data rows = list();
    for (const auto& figure : categories) {
        data row;
        row.set("category", category_label(figure.category));
        row.set("total", figure.total.display());
        row.set("count", std::to_string(figure.count));
        row.set("share", percent(figure.share_basis_points));
        rows.push_back(row);
    }
    return rows;
}

ViewData month_rows(const std::vector<MonthFigure>& months) {
    data rows = list();
    for (const auto& month : months) {
        data row;
        row.set("month", month.month);
        row.set("money_in", month.money_in.display());
        row.set("money_out", month.money_out.display());
        row.set("net", month.net.display());
        row.set("net_negative", month.net.is_negative());
        rows.push_back(row);
    }
    return rows;
}

ViewData change_rows(const std::vector<CategoryChange>& changes) {
    data rows = list();
    for (const auto& change : changes) {
        data row;
        row.set("category", category_label(change.category));
        row.set("previous", change.previous.display());
        row.set("current", change.current.display());
        row.set("change",
                change.change_basis_points ? percent(*change.change_basis_points) : "new");
        row.set("rising", change.change_basis_points && *change.change_basis_points > 0);
        rows.push_back(row);
    }
    return rows;
}

void add_charts(ViewData& view, const SpendingSummary& summary) {
    json::array labels, values;
    for (const auto& figure : summary.categories) {
        labels.emplace_back(category_label(figure.category));
        values.emplace_back(figure.total.to_string());
    }
    view.set("spending_chart",
             chart_json("doughnut", labels, json::array{dataset("Spending", values)}));
    json::array months, money_in, money_out;
    for (const auto& month : summary.months) {
        months.emplace_back(month.month);
        money_in.emplace_back(month.money_in.to_string());
        money_out.emplace_back(month.money_out.to_string());
    }
    view.set("months_chart", chart_json("bar", months,
                                        json::array{dataset("Money in", money_in),
                                                    dataset("Spending", money_out)}));
}

std::string account_number_of(const Transaction& row, const std::vector<Account>& accounts) {
    for (const auto& account : accounts) {
        if (account.account_id == row.account_id) return account.account_number;
    }
    return "";
}

ViewData posting_row(const Transaction& row, const std::vector<Account>& accounts,
                     const TimeZone& zone) {
    data view;
    view.set("date", format_date(row.timestamp, zone));
    view.set("timestamp_iso", format_html_datetime(row.timestamp));
    view.set("description", row.description);
    view.set("category", category_label(row.category));
    view.set("type_name", std::string(display_name(row.transaction_type)));
    view.set("amount", row.amount.display());
    view.set("account_number", account_number_of(row, accounts));
    return view;
}

}  // namespace

std::string category_label(std::string_view category) {
    if (category.empty()) return "Uncategorised";
    std::string label(category);
    label[0] = static_cast<char>(label[0] - 'a' + 'A');
    return label;
}

std::string percent(std::int64_t basis_points) {
    const std::int64_t magnitude = basis_points < 0 ? -basis_points : basis_points;
    const std::int64_t hundredths = magnitude % 100;
    return std::string(basis_points < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." +
           (hundredths < 10 ? "0" : "") + std::to_string(hundredths) + "%";
}

json::object dataset(std::string_view label, const json::array& values) {
    return json::object{{"label", label}, {"data", values}};
}

std::string chart_json(std::string_view type, const json::array& labels,
                       const json::array& datasets) {
    const std::string text =
        json::serialize(json::object{{"type", type}, {"labels", labels}, {"datasets", datasets}});
    std::string safe;
    safe.reserve(text.size());
    for (char c : text) {
        if (c == '<') {
            safe += "\\u003c";
        } else {
            safe += c;
        }
    }
    return safe;
}

void add_spending_views(ViewData& view, const SpendingSummary& summary) {
    view.set("money_in", summary.money_in.display());
    view.set("money_out", summary.money_out.display());
    view.set("net", summary.net.display());
    view.set("net_negative", summary.net.is_negative());
    view.set("transaction_count", std::to_string(summary.transaction_count));
    view.set("days", std::to_string(summary.days));
    view.set("average_daily_spending", summary.average_daily_spending.display());
    view.set("savings_rate", summary.savings_rate_basis_points
                                 ? percent(*summary.savings_rate_basis_points)
                                 : std::string("no income"));
    view.set("categories", category_rows(summary.categories));
    view.set("has_categories", !summary.categories.empty());
    view.set("months", month_rows(summary.months));
    view.set("change_month", summary.change_month);
    // kainjow treats an empty string as true in a section, so the test is a bool.
    view.set("partial_change_month", summary.change_days != 0);
    view.set("change_days", std::to_string(summary.change_days));
    view.set("changes", change_rows(summary.changes));
    view.set("has_changes", !summary.changes.empty());
    add_charts(view, summary);
}

void add_balance_views(ViewData& view, const std::vector<BalancePoint>& series) {
    data rows = list();
    json::array labels, values;
    for (const auto& point : series) {
        data row;
        row.set("date", point.date);
        row.set("balance", point.balance.display());
        rows.push_back(row);
        labels.emplace_back(point.date);
        values.emplace_back(point.balance.to_string());
    }
    view.set("balance_points", rows);
    view.set("has_balance", !series.empty());
    view.set("balance_chart", chart_json("line", labels, json::array{dataset("Balance", values)}));
}

void add_detail_views(ViewData& view, const std::vector<DescriptionTotal>& payees,
                      const std::vector<Transaction>& largest,
                      const std::vector<UnusualTransaction>& unusual,
                      const std::vector<Account>& accounts, const TimeZone& zone) {
    data payee_rows = list();
    for (const auto& payee : payees) {
        data row;
        row.set("description", payee.description.empty() ? "(no description)" : payee.description);
        row.set("total", payee.total.display());
        row.set("count", std::to_string(payee.count));
        payee_rows.push_back(row);
    }
    view.set("payees", payee_rows);
    view.set("has_payees", !payees.empty());
    data largest_rows = list();
    for (const auto& row : largest) largest_rows.push_back(posting_row(row, accounts, zone));
    view.set("largest", largest_rows);
    view.set("has_largest", !largest.empty());
    data unusual_rows = list();
    for (const auto& item : unusual) {
        data row = posting_row(item.transaction, accounts, zone);
        row.set("category_average", item.category_average.display());
        unusual_rows.push_back(row);
    }
    view.set("unusual", unusual_rows);
    view.set("has_unusual", !unusual.empty());
}

namespace {

// The users' figures, and what the reads' limits cut from every figure.
void add_admin_user_views(ViewData& view, const AdminOverview& overview, const TimeZone& zone) {
    view.set("users_supported", overview.locked_users.has_value());
    view.set("user_count", overview.user_count ? std::to_string(*overview.user_count) : "");
    data locked = list();
    for (const auto& user : overview.locked_users.value_or(std::vector<User>{})) {
        data row;
        row.set("email", user.email);
        row.set("full_name", user.full_name);
        row.set("locked_until", format_display(user.locked_until, zone));
        locked.push_back(row);
    }
    view.set("locked_users", locked);
    const std::vector<std::string> notes = describe_cuts(overview.cut);
    data cut_notes = list();
    for (const auto& note : notes) cut_notes.push_back(data(note));
    view.set("cut_notes", cut_notes);
    view.set("has_cut_notes", !notes.empty());
    view.set("has_locked_users", overview.locked_users && !overview.locked_users->empty());
    data disabled = list();
    for (const auto& user : overview.disabled_users) {
        data row;
        row.set("email", user.email);
        disabled.push_back(row);
    }
    view.set("disabled_users", disabled);
    view.set("has_disabled_users", !overview.disabled_users.empty());
}

// Where the money of the last days went: deposits, withdrawals and transfers between account
// types, one person's own or to others.
void add_admin_flow_views(ViewData& view, const AdminOverview& overview) {
    data flows = list();
    for (const auto& flow : overview.flows) {
        data row;
        row.set("item", flow.item);
        row.set("count", std::to_string(flow.count));
        row.set("total", flow.total.display());
        flows.push_back(row);
    }
    view.set("flows", flows);
    view.set("has_flows", !overview.flows.empty());
}

// Active customers per month, and the cohorts as a triangle: a row per sign-up month, a
// column per month since it (0 is the sign-up month itself), the cell the share of the
// cohort active in that month and how many that is.
void add_admin_activity_views(ViewData& view, const AdminOverview& overview) {
    data active = list();
    for (const auto& month : overview.active_customers) {
        data row;
        row.set("month", month.month);
        row.set("people", std::to_string(month.people));
        active.push_back(row);
    }
    view.set("active_customers", active);
    data offsets = list();
    for (std::size_t offset = 0; offset < overview.cohorts.size(); ++offset) {
        offsets.push_back(data("Month " + std::to_string(offset)));
    }
    view.set("cohort_offsets", offsets);
    data cohorts = list();
    for (const auto& cohort : overview.cohorts) {
        data row;
        row.set("signup_month", cohort.signup_month);
        row.set("size", std::to_string(cohort.size));
        data cells = list();
        for (std::size_t offset = 0; offset < overview.cohorts.size(); ++offset) {
            data cell;
            cell.set("label", "Month " + std::to_string(offset));
            if (offset < cohort.months.size() && cohort.size > 0) {
                const CohortMonth& month = cohort.months[offset];
                cell.set("value", percent(month.share_basis_points) + " (" +
                                      std::to_string(month.active) + ")");
            }
            cells.push_back(cell);
        }
        row.set("cells", cells);
        cohorts.push_back(row);
    }
    view.set("cohorts", cohorts);
}

}  // namespace

void add_admin_views(ViewData& view, const AdminOverview& overview, const TimeZone& zone) {
    data types = list();
    json::array type_labels, balances, deposits;
    for (const auto& figure : overview.account_types) {
        data row;
        row.set("account_type", std::string(display_name(figure.account_type)));
        row.set("accounts", std::to_string(figure.accounts));
        row.set("balance", figure.balance.display());
        row.set("deposits", figure.deposits.display());
        row.set("deposit_count", std::to_string(figure.deposit_count));
        types.push_back(row);
        type_labels.emplace_back(display_name(figure.account_type));
        balances.emplace_back(figure.balance.to_string());
        deposits.emplace_back(figure.deposits.to_string());
    }
    view.set("account_types", types);
    view.set("total_balance", overview.total_balance.display());
    view.set("types_chart",
             chart_json("bar", type_labels,
                        json::array{dataset("Balances", balances), dataset("Deposits", deposits)}));
    data days = list();
    json::array day_labels, day_totals;
    for (const auto& day : overview.daily_volume) {
        data row;
        row.set("day", day.day);
        row.set("count", std::to_string(day.count));
        row.set("total", day.total.display());
        days.push_back(row);
        day_labels.emplace_back(day.day);
        day_totals.emplace_back(day.total.to_string());
    }
    view.set("daily_volume", days);
    view.set("has_daily_volume", !overview.daily_volume.empty());
    view.set("volume_chart",
             chart_json("bar", day_labels, json::array{dataset("Volume", day_totals)}));
    data weeks = list();
    json::array week_labels, users, accounts;
    for (const auto& week : overview.weekly_signups) {
        data row;
        row.set("week", week.week);
        row.set("users", overview.user_count ? std::to_string(week.users) : std::string("n/a"));
        row.set("accounts", std::to_string(week.accounts));
        weeks.push_back(row);
        week_labels.emplace_back(week.week);
        users.emplace_back(week.users);
        accounts.emplace_back(week.accounts);
    }
    view.set("weekly_signups", weeks);
    view.set("signups_chart", chart_json("line", week_labels,
                                         json::array{dataset("New users", users),
                                                     dataset("New accounts", accounts)}));
    data transfers = list();
    for (const auto& row : overview.largest_transfers)
        transfers.push_back(posting_row(row, {}, zone));
    view.set("largest_transfers", transfers);
    view.set("has_largest_transfers", !overview.largest_transfers.empty());
    add_admin_user_views(view, overview, zone);
    add_admin_flow_views(view, overview);
    add_admin_activity_views(view, overview);
}

}  // namespace bank
