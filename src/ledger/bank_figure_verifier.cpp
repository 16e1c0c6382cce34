#include "ledger/bank_figure_verifier.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "ledger/bank_figure_tally.hpp"

namespace bank {

namespace {

std::string name_of(const BankFigure& figure) {
    return fmt::format("{} {} {}", figure.figure, figure.period.empty() ? "-" : figure.period,
                       figure.item.empty() ? "-" : figure.item);
}

bool is_empty(const BankFigure& figure) { return figure.count == 0 && figure.total.cents() == 0; }

void compare_figures(const BankFigureSums& expected, const BankFigureSums& stored,
                     BankFigureVerifyReport& report) {
    for (const auto& [key, figure] : expected) {
        const auto found = stored.find(key);
        if (found == stored.end()) {
            if (!is_empty(figure)) report.problems.push_back("figure missing: " + name_of(figure));
            continue;
        }
        if (found->second.count != figure.count || found->second.total != figure.total) {
            report.problems.push_back(
                fmt::format("figure {} is count {} total {}, the rows make count {} total {}",
                            name_of(figure), found->second.count, found->second.total.display(),
                            figure.count, figure.total.display()));
        }
    }
    for (const auto& [key, figure] : stored) {
        if (!expected.contains(key) && !is_empty(figure)) {
            report.problems.push_back("figure without rows: " + name_of(figure));
        }
    }
}

void compare_category(const std::map<std::string, std::string>& categories, const Transaction& kept,
                      BankFigureVerifyReport& report) {
    const auto found = categories.find(kept.transaction_id);
    if (found == categories.end() || found->second == kept.category) return;
    report.problems.push_back(
        fmt::format("the largest transfer {} is kept with category \"{}\", its row has \"{}\"",
                    kept.transaction_id, kept.category, found->second));
}

void compare_largest(const BankFigureTally& tally, BankReads& reads,
                     BankFigureVerifyReport& report) {
    const std::map<std::string, std::vector<Money>> expected = tally.largest_transfer_amounts();
    const std::map<std::string, std::string> categories = tally.largest_transfer_categories();
    // Days a store let expire (DynamoDB's time-to-live) are neither read nor compared.
    const std::string kept_since = reads.largest_transfers_kept_since();
    std::vector<std::string> days;
    for (const auto& [day, amounts] : expected) {
        if (day >= kept_since) days.push_back(day);
    }
    std::map<std::string, std::vector<Money>> stored;
    for (const Transaction& row : reads.largest_transfers_of(days)) {
        stored[format_date(row.timestamp)].push_back(row.amount);
        compare_category(categories, row, report);
    }
    for (const std::string& day : days) {
        const std::vector<Money>& amounts = expected.at(day);
        ++report.days;
        std::vector<Money> kept = stored[day];
        std::sort(kept.begin(), kept.end(), std::greater<>());
        if (kept != amounts) {
            report.problems.push_back(fmt::format(
                "the largest transfers of {} are {} kept, not the {} largest of the rows", day,
                kept.size(), amounts.size()));
        }
    }
}

// Each (person, month) marker should exist exactly when a row of the person's own doing falls
// in that month: a missing one would count the person again, an extra one would keep them
// from being counted (the counts alone cannot tell, a missing and an extra one cancel out).
void compare_markers(const std::set<std::pair<std::string, std::string>>& expected,
                     const std::set<std::pair<std::string, std::string>>& stored,
                     BankFigureVerifyReport& report) {
    for (const auto& [user_id, month] : expected) {
        if (stored.contains({user_id, month})) continue;
        report.problems.push_back(fmt::format(
            "activity marker missing: {} {} (the rows make them active)", user_id, month));
    }
    for (const auto& [user_id, month] : stored) {
        if (expected.contains({user_id, month})) continue;
        report.problems.push_back(fmt::format(
            "activity marker without a posting: {} {} (no row makes them active)", user_id, month));
    }
}

}  // namespace

BankFigureVerifyReport verify_bank_figures(VerificationScans& scans, BankReads& reads) {
    BankFigureTally tally;
    scans.for_each_person([&](const User& user) { tally.add_person(user); });
    scans.for_each_account([&](const Account& account) { tally.add_account(account); });
    scans.for_each_transaction([&](const Transaction& row) { tally.add_row(row); });
    BankFigureSums stored;
    scans.for_each_bank_figure([&](const BankFigure& figure) { add_figure(stored, figure); });
    BankFigureVerifyReport report;
    report.figures = static_cast<std::int64_t>(stored.size());
    compare_figures(tally.sums(), stored, report);
    compare_largest(tally, reads, report);
    std::set<std::pair<std::string, std::string>> markers;
    scans.for_each_activity_marker([&](const std::string& user_id, const std::string& month) {
        markers.emplace(user_id, month);
    });
    report.markers = static_cast<std::int64_t>(markers.size());
    compare_markers(tally.activity(), markers, report);
    report.ok = report.problems.empty();
    return report;
}

}  // namespace bank
