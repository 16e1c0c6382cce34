#include "api/analytics_json.hpp"

#include "api/json_views.hpp"
#include "ledger/standing_order.hpp"  // iso_date

namespace bank {
namespace {

namespace json = boost::json;

json::value optional_number(const std::optional<std::int64_t>& value) {
    return value ? json::value(*value) : json::value(nullptr);
}

}  // namespace

json::object period_json(const AnalyticsScope& scope) {
    json::object period{{"key", scope.period.key},
                        {"label", scope.period.label},
                        {"from", scope.period.from_date},
                        {"to", scope.period.to_date}};
    period["account_id"] =
        scope.account_id.empty() ? json::value(nullptr) : json::value(scope.account_id);
    return period;
}

json::object spending_json(const SpendingSummary& summary) {
    json::array categories;
    for (const auto& figure : summary.categories) {
        categories.push_back(json::object{{"category", figure.category},
                                          {"total", figure.total.to_string()},
                                          {"count", figure.count},
                                          {"share_basis_points", figure.share_basis_points}});
    }
    json::array months;
    for (const auto& month : summary.months) {
        months.push_back(json::object{{"month", month.month},
                                      {"money_in", month.money_in.to_string()},
                                      {"money_out", month.money_out.to_string()},
                                      {"net", month.net.to_string()}});
    }
    json::array changes;
    for (const auto& change : summary.changes) {
        changes.push_back(
            json::object{{"category", change.category},
                         {"previous", change.previous.to_string()},
                         {"current", change.current.to_string()},
                         {"change_basis_points", optional_number(change.change_basis_points)}});
    }
    return json::object{
        {"money_in", summary.money_in.to_string()},
        {"money_out", summary.money_out.to_string()},
        {"net", summary.net.to_string()},
        {"transaction_count", summary.transaction_count},
        {"days", summary.days},
        {"average_daily_spending", summary.average_daily_spending.to_string()},
        {"savings_rate_basis_points", optional_number(summary.savings_rate_basis_points)},
        {"categories", std::move(categories)},
        {"months", std::move(months)},
        {"change_month", summary.change_month},
        {"change_days", summary.change_days},
        {"category_changes", std::move(changes)}};
}

json::object balance_json(const std::vector<BalancePoint>& series) {
    json::array points;
    for (const auto& point : series) {
        points.push_back(
            json::object{{"date", point.date}, {"balance", point.balance.to_string()}});
    }
    return json::object{{"points", std::move(points)}};
}

json::object payees_json(const std::vector<DescriptionTotal>& payees) {
    json::array rows;
    for (const auto& payee : payees) {
        rows.push_back(json::object{{"description", payee.description},
                                    {"total", payee.total.to_string()},
                                    {"count", payee.count}});
    }
    return json::object{{"payees", std::move(rows)}};
}

json::object postings_json(const std::vector<Transaction>& rows) {
    json::array items;
    for (const auto& row : rows) items.push_back(transaction_json(row));
    return json::object{{"transactions", std::move(items)}};
}

json::object unusual_json(const std::vector<UnusualTransaction>& rows) {
    json::array items;
    for (const auto& row : rows) {
        items.push_back(json::object{{"transaction", transaction_json(row.transaction)},
                                     {"category_average", row.category_average.to_string()}});
    }
    return json::object{{"factor", 3}, {"unusual", std::move(items)}};
}

namespace {

// Active customers per month and each sign-up month's cohort with its share active in every
// month since (integer basis points, as the analytics' shares).
void add_activity_json(json::object& out, const AdminOverview& overview) {
    json::array active;
    for (const auto& month : overview.active_customers) {
        active.push_back(json::object{{"month", month.month}, {"people", month.people}});
    }
    json::array cohorts;
    for (const auto& cohort : overview.cohorts) {
        json::array months;
        for (const auto& month : cohort.months) {
            months.push_back(json::object{{"month", month.month},
                                          {"active", month.active},
                                          {"share_basis_points", month.share_basis_points}});
        }
        cohorts.push_back(json::object{{"signup_month", cohort.signup_month},
                                       {"size", cohort.size},
                                       {"months", std::move(months)}});
    }
    out["active_customers"] = std::move(active);
    out["cohorts"] = std::move(cohorts);
}

}  // namespace

json::object admin_json(const AdminOverview& overview) {
    json::array types;
    for (const auto& figure : overview.account_types) {
        types.push_back(json::object{{"account_type", to_string(figure.account_type)},
                                     {"accounts", figure.accounts},
                                     {"balance", figure.balance.to_string()},
                                     {"deposits", figure.deposits.to_string()},
                                     {"deposit_count", figure.deposit_count}});
    }
    json::array days;
    for (const auto& day : overview.daily_volume) {
        days.push_back(
            json::object{{"day", day.day}, {"count", day.count}, {"total", day.total.to_string()}});
    }
    json::array weeks;
    for (const auto& week : overview.weekly_signups) {
        weeks.push_back(
            json::object{{"week", week.week}, {"users", week.users}, {"accounts", week.accounts}});
    }
    json::array transfers;
    for (const auto& row : overview.largest_transfers) {
        transfers.push_back(json::object{{"amount", row.amount.to_string()},
                                         {"category", row.category},
                                         {"timestamp", format_rfc3339(row.timestamp)}});
    }
    json::value locked = nullptr;
    if (overview.locked_users) {
        json::array users;
        for (const auto& user : *overview.locked_users) {
            users.push_back(json::object{{"email", user.email},
                                         {"locked_until", format_rfc3339(user.locked_until)}});
        }
        locked = std::move(users);
    }
    json::array disabled;
    for (const auto& user : overview.disabled_users) {
        disabled.push_back(json::object{{"email", user.email}});
    }
    json::array flows;
    for (const auto& flow : overview.flows) {
        flows.push_back(json::object{
            {"item", flow.item}, {"count", flow.count}, {"total", flow.total.to_string()}});
    }
    json::array cut;
    for (const auto& note : describe_cuts(overview.cut)) cut.emplace_back(note);
    json::object out{{"total_balance", overview.total_balance.to_string()},
                     {"user_count", optional_number(overview.user_count)},
                     {"account_types", std::move(types)},
                     {"daily_volume", std::move(days)},
                     {"weekly_signups", std::move(weeks)},
                     {"largest_transfers", std::move(transfers)},
                     {"locked_users", std::move(locked)},
                     {"disabled_users", std::move(disabled)},
                     {"flows", std::move(flows)},
                     {"cut", std::move(cut)}};
    add_activity_json(out, overview);
    return out;
}

}  // namespace bank
