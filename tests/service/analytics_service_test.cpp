// Each analytics figure against an independent computation from the raw transactions, on
// randomised seeded histories in a SQLite store; the same through the generic implementations
// of the period reads (what an engine without indexed ones runs); and again after
// recategorising.
#include "service/analytics_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <future>
#include <map>
#include <random>
#include <set>

#include "core/limits.hpp"
#include "core/random.hpp"
#include "ledger/analytics_from_history.hpp"
#include "ledger/verifier.hpp"
#include "service/admin_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t start_micros = 1'735'732'800'000'000;  // 2025-01-01T12:00:00Z
const std::vector<std::string> test_categories = {"",       "groceries", "rent",
                                                  "dining", "travel",    "other"};
const std::vector<std::string> descriptions = {"Shop A", "Shop B", "Landlord",
                                               "Cafe",   "",       "Airline"};

// Answers the rollups from a real store and the period reads with the generic
// implementations of ledger/analytics_from_history.hpp, so those are checked against the same
// data as SqliteStore's indexed overrides; counts the rollup reads.
class GenericAnalyticsReads final : public AnalyticsReads {
public:
    explicit GenericAnalyticsReads(Store& inner) : inner_(inner) {}
    std::vector<MonthlyTotal> monthly_totals(std::string_view user,
                                             std::string_view account) override {
        return inner_.monthly_totals(user, account);
    }
    std::vector<Rollup> list_rollups(std::string_view user, std::string_view account,
                                     std::string_view from, std::string_view to) override {
        ++rollup_reads;
        return inner_.list_rollups(user, account, from, to);
    }
    std::vector<PayeeRollup> list_payee_rollups(std::string_view user, std::string_view account,
                                                std::string_view from,
                                                std::string_view to) override {
        return inner_.list_payee_rollups(user, account, from, to);
    }
    std::vector<Rollup> period_rollups(const PeriodQuery& query) override {
        return period_rollups_from_history(inner_, query);
    }
    std::vector<PayeeRollup> period_payee_rollups(const PeriodQuery& query) override {
        return period_payee_rollups_from_history(inner_, query);
    }
    std::vector<Transaction> largest_outflows(const PeriodQuery& query, const PeriodCounts&,
                                              std::size_t limit) override {
        return largest_outflows_from_history(inner_, query, limit);
    }
    std::vector<Transaction> outflows_above(const PeriodQuery& query, const PeriodCounts&,
                                            const std::vector<CategoryThreshold>& thresholds,
                                            std::size_t limit) override {
        return outflows_above_from_history(inner_, query, thresholds, limit);
    }
    std::vector<Money> balances_at(std::string_view user, std::string_view account,
                                   const std::vector<Timestamp>& at) override {
        return balances_at_from_history(inner_, user, account, at);
    }

    int rollup_reads = 0;

private:
    Store& inner_;
};

// part / whole in basis points, rounded half away from zero (std::llround) in long double:
// computed another way than the service's integer arithmetic.
std::int64_t rounded(std::int64_t part, std::int64_t whole) {
    return std::llround(static_cast<long double>(part) * 10000 / static_cast<long double>(whole));
}

bool outflow(const Transaction& row) {
    return row.transaction_type == TransactionType::withdrawal ||
           row.transaction_type == TransactionType::transfer_out;
}

// The independent computation: plain loops over every transaction of the scope.
struct Oracle {
    std::vector<Transaction> rows;  // the user's, oldest first

    std::vector<Transaction> in(const AnalyticsScope& scope) const {
        std::vector<Transaction> selected;
        for (const auto& row : rows) {
            if ((scope.account_id.empty() || row.account_id == scope.account_id) &&
                row.timestamp >= scope.period.from && row.timestamp < scope.period.to) {
                selected.push_back(row);
            }
        }
        return selected;
    }
};

class AnalyticsServiceTest : public ::testing::TestWithParam<std::uint64_t> {
protected:
    void SetUp() override {
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
        random_.seed(GetParam());
        user_ = create_user("owner@example.com");
        other_ = create_user("friend@example.com");
        checking_ = open(user_, AccountType::checking);
        savings_ = open(user_, AccountType::savings);
        friend_account_ = open(other_, AccountType::checking);
        write_history(260);
    }

    void TearDown() override { store_.reset(); }

    WriteResult write(WriteCommand command) {
        return test::write_and_wait(*store_, std::move(command));
    }

    std::string create_user(const std::string& email) {
        return test::add_test_user(*store_, clock_, email).user_id;
    }

    Account open(const std::string& user_id, AccountType type) {
        User owner;
        owner.user_id = user_id;
        return test::open_test_account(*store_, owner, Money(), type);
    }

    std::int64_t between(std::int64_t low, std::int64_t high) {
        return std::uniform_int_distribution<std::int64_t>(low, high)(random_);
    }

    // Postings spread over about 14 months, with amounts that make some stand out.
    void write_history(int count) {
        for (int index = 0; index < count; ++index) {
            clock_.advance(std::chrono::minutes(between(30, 3000)));
            Posting posting;
            posting.user_id = user_;
            const std::int64_t kind = between(0, 9);
            posting.account_id = between(0, 3) == 0 ? savings_.account_id : checking_.account_id;
            posting.description = descriptions[static_cast<std::size_t>(between(0, 5))];
            posting.category = test_categories[static_cast<std::size_t>(between(0, 5))];
            posting.amount =
                Money::from_cents(between(0, 15) == 0 ? between(50000, 90000) : between(100, 9000));
            if (kind < 3) {
                posting.kind = PostingKind::deposit;
                posting.amount = Money::from_cents(between(50000, 200000));
            } else if (kind < 7) {
                posting.kind = PostingKind::withdrawal;
            } else {
                posting.kind = PostingKind::transfer;
                posting.to_account_number = kind == 9 ? friend_account_.account_number
                                            : posting.account_id == checking_.account_id
                                                ? savings_.account_number
                                                : checking_.account_number;
            }
            const WriteStatus status = write(posting).status;
            EXPECT_TRUE(status == WriteStatus::ok || status == WriteStatus::insufficient_funds);
        }
        clock_.advance(2h);
    }

    Oracle oracle() {
        Oracle result;
        TransactionQuery query{.user_id = user_, .limit = limits::page_size_max};
        for (;;) {
            auto page = store_->list_transactions(query);
            result.rows.insert(result.rows.end(), page.begin(), page.end());
            if (page.size() < query.limit) break;
            query.before_sequence = page.back().sequence;
        }
        std::reverse(result.rows.begin(), result.rows.end());
        return result;
    }

    // Every period and account, in UTC and in two zones far from it on either side (a local
    // month is then not a sum of UTC months: service/local_month_rollups.hpp).
    std::vector<AnalyticsScope> scopes(const AnalyticsService& analytics) {
        std::vector<AnalyticsScope> all;
        const Timestamp now = clock_.now();
        const std::vector<PeriodChoice> choices = {
            {"month", "", ""},
            {"3m", "", ""},
            {"12m", "", ""},
            {"custom", format_date(now - 400 * 24h), format_date(now - 20 * 24h)},
            {"custom", format_date(now - 50 * 24h), format_date(now - 40 * 24h)},
            {"custom", format_date(now - 70 * 24h), format_date(now)}};
        for (const char* zone : {"UTC", "America/Los_Angeles", "Pacific/Auckland"}) {
            for (const auto& choice : choices) {
                for (const std::string& account :
                     {std::string(), checking_.account_id, savings_.account_id}) {
                    auto scope = analytics.scope(user_, account, choice, *TimeZone::find(zone));
                    EXPECT_TRUE(scope.ok()) << choice.period << " " << choice.from << " " << zone;
                    if (scope) all.push_back(*scope);
                }
            }
        }
        return all;
    }

    void check_spending(const AnalyticsService& analytics, const AnalyticsScope& scope,
                        const Oracle& truth);
    void check_details(const AnalyticsService& analytics, const AnalyticsScope& scope,
                       const Oracle& truth);
    void check_months(const SpendingSummary& summary, const AnalyticsScope& scope,
                      const Oracle& truth);

    // A leg of a transfer between the owner's checking and savings, seen over all her accounts:
    // money moved, neither money in nor spending.
    bool moved_between_own(const Transaction& row, const AnalyticsScope& scope) const {
        const bool transfer = row.transaction_type == TransactionType::transfer_in ||
                              row.transaction_type == TransactionType::transfer_out;
        return scope.account_id.empty() && transfer &&
               (row.counterparty_account_number == checking_.account_number ||
                row.counterparty_account_number == savings_.account_number);
    }
    void check_everything(AnalyticsReads& reads);

    test::ScratchDirectory directory_{"bank_analytics"};
    ManualClock clock_{from_micros(start_micros)};
    std::unique_ptr<SqliteStore> store_;
    std::mt19937_64 random_;
    std::string user_;
    std::string other_;
    Account checking_;
    Account savings_;
    Account friend_account_;
};

void AnalyticsServiceTest::check_spending(const AnalyticsService& analytics,
                                          const AnalyticsScope& scope, const Oracle& truth) {
    const SpendingSummary summary = analytics.spending(scope);
    std::int64_t money_in = 0, money_out = 0, count = 0;
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> categories;
    for (const auto& row : truth.in(scope)) {
        ++count;
        if (moved_between_own(row, scope)) continue;
        if (is_credit(row.transaction_type)) {
            money_in += row.amount.cents();
        } else {
            money_out += row.amount.cents();
            categories[row.category].first += row.amount.cents();
            ++categories[row.category].second;
        }
    }
    const std::string label =
        scope.period.label + " account=" + scope.account_id + " " + scope.period.zone.name();
    EXPECT_EQ(summary.money_in.cents(), money_in) << label;
    EXPECT_EQ(summary.money_out.cents(), money_out) << label;
    EXPECT_EQ(summary.net.cents(), money_in - money_out) << label;
    EXPECT_EQ(summary.transaction_count, count) << label;
    ASSERT_EQ(summary.categories.size(), categories.size()) << label;
    std::int64_t shares = 0;
    for (std::size_t index = 0; index < summary.categories.size(); ++index) {
        const auto& figure = summary.categories[index];
        EXPECT_EQ(figure.total.cents(), categories[figure.category].first)
            << label << " " << figure.category;
        EXPECT_EQ(figure.count, categories[figure.category].second) << label;
        // Largest remainder: each share at most 0.01% from its rounded value, all of them 100%.
        EXPECT_LE(std::abs(figure.share_basis_points - rounded(figure.total.cents(), money_out)), 1)
            << label << " " << figure.category;
        shares += figure.share_basis_points;
        if (index > 0) {
            EXPECT_GE(summary.categories[index - 1].total, figure.total);
        }
    }
    if (money_out > 0) EXPECT_EQ(shares, 10000) << label;
    if (money_in > 0) {
        EXPECT_EQ(summary.savings_rate_basis_points, rounded(money_in - money_out, money_in))
            << label;
    } else {
        EXPECT_FALSE(summary.savings_rate_basis_points.has_value());
    }
    const std::int64_t days = summary.days;
    EXPECT_GE(days, 1);
    EXPECT_LE(std::abs(summary.average_daily_spending.cents() * days - money_out), days) << label;

    check_months(summary, scope, truth);
}

// The months table: from the first month with a posting (at most 12 back) to the period's
// last, never past today's; each category's change compares the same number of days.
void AnalyticsServiceTest::check_months(const SpendingSummary& summary, const AnalyticsScope& scope,
                                        const Oracle& truth) {
    const TimeZone& zone = scope.period.zone;
    const std::string label =
        scope.period.label + " account=" + scope.account_id + " " + zone.name();
    const Timestamp end_of_today = local_day_start(clock_.now(), zone, 1);
    const Timestamp end = std::min(scope.period.to, end_of_today);
    const Timestamp last_month = local_month_start(end - 1us, zone);
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> months;
    std::set<std::string> posted;  // the months with any posting, moves included
    for (const auto& row : truth.rows) {
        if (!scope.account_id.empty() && row.account_id != scope.account_id) continue;
        posted.insert(format_month(row.timestamp, zone));
        if (moved_between_own(row, scope)) continue;
        const std::string month = format_month(row.timestamp, zone);
        (is_credit(row.transaction_type) ? months[month].first : months[month].second) +=
            row.amount.cents();
    }
    std::vector<std::string> expected;
    for (int back = 11; back >= 0; --back) {
        const std::string month = format_month(local_month_start(last_month, zone, -back), zone);
        if (!expected.empty() || posted.contains(month)) expected.push_back(month);
    }
    std::vector<std::string> actual;
    for (const auto& month : summary.months) {
        actual.push_back(month.month);
        EXPECT_EQ(month.money_in.cents(), months[month.month].first) << label << " " << month.month;
        EXPECT_EQ(month.money_out.cents(), months[month.month].second)
            << label << " " << month.month;
    }
    EXPECT_EQ(actual, expected) << label;

    // The change month so far against as many days of the month before.
    // As many of the person's days and hours: by their wall clock.
    const Timestamp previous_start = local_month_start(last_month, zone, -1);
    const Timestamp previous_end =
        std::min(last_month, zone.from_wall(zone.to_wall(previous_start) +
                                            (zone.to_wall(end) - zone.to_wall(last_month))));
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> spent;  // before, after
    for (const auto& row : truth.rows) {
        if (!outflow(row) || (!scope.account_id.empty() && row.account_id != scope.account_id) ||
            moved_between_own(row, scope)) {
            continue;
        }
        if (row.timestamp >= previous_start && row.timestamp < previous_end) {
            spent[row.category].first += row.amount.cents();
        } else if (row.timestamp >= last_month && row.timestamp < end) {
            spent[row.category].second += row.amount.cents();
        }
    }
    EXPECT_EQ(summary.change_month, format_month(last_month, zone)) << label;
    EXPECT_EQ(summary.change_days, end < local_month_start(last_month, zone, 1)
                                       ? std::chrono::ceil<std::chrono::days>(
                                             zone.to_wall(end) - zone.to_wall(last_month))
                                             .count()
                                       : 0)
        << label;
    ASSERT_EQ(summary.changes.size(), spent.size()) << label;
    for (const auto& change : summary.changes) {
        const auto [before, after] = spent[change.category];
        EXPECT_EQ(change.previous.cents(), before) << label << " " << change.category;
        EXPECT_EQ(change.current.cents(), after) << label << " " << change.category;
        if (before > 0) {
            EXPECT_EQ(change.change_basis_points, rounded(after - before, before));
        } else {
            EXPECT_FALSE(change.change_basis_points.has_value());
        }
    }
}

void AnalyticsServiceTest::check_details(const AnalyticsService& analytics,
                                         const AnalyticsScope& scope, const Oracle& truth) {
    const std::string label =
        scope.period.label + " account=" + scope.account_id + " " + scope.period.zone.name();
    const auto rows = truth.in(scope);
    // Spending: over all her accounts, a move between two of them is none (not a payee, not
    // among the largest, neither unusual nor in a category's average).
    std::vector<Transaction> outflows;
    std::copy_if(
        rows.begin(), rows.end(), std::back_inserter(outflows),
        [&](const Transaction& row) { return outflow(row) && !moved_between_own(row, scope); });

    // Balance over time: each point against the last posting of each account by then.
    for (const auto& point : analytics.balance_over_time(scope)) {
        Timestamp day{};
        ASSERT_TRUE(parse_date(point.date, day));
        // The end of the person's day: the next local midnight.
        const Timestamp end_of_day = scope.period.zone.from_wall(day + 24h);
        std::map<std::string, std::int64_t> last;
        for (const auto& row : truth.rows) {
            if (row.timestamp < end_of_day &&
                (scope.account_id.empty() || row.account_id == scope.account_id)) {
                last[row.account_id] = row.balance_after.cents();
            }
        }
        std::int64_t expected = 0;
        for (const auto& [account, cents] : last) expected += cents;
        EXPECT_EQ(point.balance.cents(), expected) << label << " " << point.date;
    }

    // Top descriptions.
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> by_description;
    for (const auto& row : outflows) {
        by_description[row.description].first += row.amount.cents();
        ++by_description[row.description].second;
    }
    const auto payees = analytics.top_payees(scope);
    EXPECT_EQ(payees.size(),
              std::min<std::size_t>(by_description.size(), AnalyticsService::top_payees_max));
    for (std::size_t index = 0; index < payees.size(); ++index) {
        EXPECT_EQ(payees[index].total.cents(), by_description[payees[index].description].first)
            << label;
        EXPECT_EQ(payees[index].count, by_description[payees[index].description].second) << label;
        if (index > 0) {
            EXPECT_GE(payees[index - 1].total, payees[index].total);
        }
    }

    // Largest: by amount, then newest.
    auto sorted = outflows;
    std::sort(sorted.begin(), sorted.end(), [](const auto& left, const auto& right) {
        return std::tie(left.amount, left.sequence) > std::tie(right.amount, right.sequence);
    });
    const auto largest = analytics.largest(scope);
    ASSERT_EQ(largest.size(), std::min(sorted.size(), AnalyticsService::largest_max)) << label;
    for (std::size_t index = 0; index < largest.size(); ++index) {
        EXPECT_EQ(largest[index].transaction_id, sorted[index].transaction_id) << label;
    }

    // Unusual: above three times the category's average (rounded to the cent), newest first.
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> per_category;
    for (const auto& row : outflows) {
        per_category[row.category].first += row.amount.cents();
        ++per_category[row.category].second;
    }
    std::vector<std::string> expected;
    for (auto it = outflows.rbegin();
         it != outflows.rend() && expected.size() < AnalyticsService::unusual_max; ++it) {
        const auto [total, count] = per_category[it->category];
        const std::int64_t average = (total + count / 2) / count;
        if (it->amount.cents() > 3 * average) expected.push_back(it->transaction_id);
    }
    std::vector<std::string> actual;
    for (const auto& item : analytics.unusual(scope)) {
        actual.push_back(item.transaction.transaction_id);
        const auto [total, count] = per_category[item.transaction.category];
        EXPECT_EQ(item.category_average.cents(), (total + count / 2) / count);
    }
    EXPECT_EQ(actual, expected) << label;
}

void AnalyticsServiceTest::check_everything(AnalyticsReads& reads) {
    const AnalyticsService analytics(*store_, reads, clock_);
    const Oracle truth = oracle();
    ASSERT_GT(truth.rows.size(), 150u);
    for (const auto& scope : scopes(analytics)) {
        check_spending(analytics, scope, truth);
        check_details(analytics, scope, truth);
    }
}

TEST_P(AnalyticsServiceTest, EveryFigureEqualsARecomputationFromTheTransactions) {
    check_everything(*store_);
}

TEST_P(AnalyticsServiceTest, TheGenericStoreImplementationsGiveTheSameFigures) {
    GenericAnalyticsReads generic(*store_);
    check_everything(generic);
}

TEST_P(AnalyticsServiceTest, RecategorisingKeepsEveryFigureEqualToARecomputation) {
    const Oracle before = oracle();
    for (int index = 0; index < 40; ++index) {
        const auto& row = before.rows[static_cast<std::size_t>(
            between(0, static_cast<std::int64_t>(before.rows.size()) - 1))];
        const std::string category = test_categories[static_cast<std::size_t>(between(1, 5))];
        EXPECT_EQ(write(Recategorize{user_, row.transaction_id, category}).status, WriteStatus::ok);
    }
    check_everything(*store_);
    EXPECT_TRUE(verify_ledger(*store_).ok);
}

TEST_P(AnalyticsServiceTest, APagesFiguresShareOneReadOfThePeriodsRollups) {
    GenericAnalyticsReads counting(*store_);
    const AnalyticsService analytics(*store_, counting, clock_);
    const auto scope = analytics.scope(user_, "", {"12m", "", ""});
    ASSERT_TRUE(scope);
    const SpendingSummary spending = analytics.spending(*scope);
    // The period's rollups, then the twelve months of the chart.
    EXPECT_EQ(counting.rollup_reads, 2);
    analytics.largest(*scope);
    analytics.unusual(*scope);
    EXPECT_EQ(counting.rollup_reads, 2) << "largest and unusual read the rollups again";

    // A new request's scope reads what is stored now, not what an earlier one read.
    Posting spend;
    spend.kind = PostingKind::withdrawal;
    spend.user_id = user_;
    spend.account_id = checking_.account_id;
    spend.amount = Money::from_cents(1);
    spend.description = "Shop A";
    ASSERT_EQ(write(spend).status, WriteStatus::ok);
    const auto next = analytics.scope(user_, "", {"12m", "", ""});
    ASSERT_TRUE(next);
    EXPECT_EQ(analytics.spending(*next).money_out.cents(), spending.money_out.cents() + 1);
    EXPECT_EQ(counting.rollup_reads, 4);
}

TEST_P(AnalyticsServiceTest, ARefusedPeriodOrAccountIsAnErrorNotAFigure) {
    const AnalyticsService analytics(*store_, *store_, clock_);
    EXPECT_EQ(analytics.scope(user_, "", {"week", "", ""}).error().field, "period");
    EXPECT_EQ(analytics.scope(user_, "", {"custom", "2025-02-30", "2025-03-01"}).error().field,
              "from");
    EXPECT_EQ(analytics.scope(user_, "", {"custom", "2025-03-02", "2025-03-01"}).error().field,
              "from");
    EXPECT_EQ(analytics.scope(user_, "", {"custom", "2000-01-01", "2025-03-01"}).error().field,
              "from");
    EXPECT_EQ(analytics.scope(user_, friend_account_.account_id, {"", "", ""}).error().code,
              ErrorCode::not_found);
    EXPECT_EQ(analytics.scope(other_, checking_.account_id, {"", "", ""}).error().code,
              ErrorCode::not_found);
}

TEST_P(AnalyticsServiceTest, TheAdminOverviewAddsUpTheWholeBank) {
    const AdminService admin(*store_, *store_, clock_);
    EXPECT_FALSE(admin.grant_admin("nobody@example.com"));
    EXPECT_TRUE(admin.grant_admin("OWNER@example.com"));
    EXPECT_EQ(store_->find_user(user_)->role, Role::admin);
    const AdminOverview overview = admin.overview();
    std::map<AccountType, std::int64_t> balances, deposits;
    std::int64_t total = 0;
    std::map<std::string, AccountType> type_of;
    store_->for_each_account([&](const Account& account) {
        balances[account.account_type] += account.balance.cents();
        total += account.balance.cents();
        type_of[account.account_id] = account.account_type;
    });
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> days;
    const Timestamp from = std::chrono::floor<std::chrono::days>(clock_.now()) -
                           std::chrono::days(AdminService::volume_days - 1);
    store_->for_each_transaction([&](const Transaction& row) {
        if (row.transaction_type == TransactionType::deposit)
            deposits[type_of[row.account_id]] += row.amount.cents();
        if (row.timestamp >= from && row.transaction_type != TransactionType::transfer_in) {
            ++days[format_date(row.timestamp)].first;
            days[format_date(row.timestamp)].second += row.amount.cents();
        }
    });
    EXPECT_EQ(overview.total_balance.cents(), total);
    for (const auto& figure : overview.account_types) {
        EXPECT_EQ(figure.balance.cents(), balances[figure.account_type]);
        EXPECT_EQ(figure.deposits.cents(), deposits[figure.account_type]);
    }
    ASSERT_EQ(overview.daily_volume.size(), days.size());
    for (const auto& day : overview.daily_volume) {
        EXPECT_EQ(day.count, days[day.day].first);
        EXPECT_EQ(day.total.cents(), days[day.day].second);
    }
    EXPECT_EQ(overview.user_count, 2);
    ASSERT_TRUE(overview.locked_users.has_value());
    EXPECT_TRUE(overview.locked_users->empty());
    EXPECT_EQ(overview.weekly_signups.size(), static_cast<std::size_t>(AdminService::signup_weeks));
}

INSTANTIATE_TEST_SUITE_P(Seeds, AnalyticsServiceTest, ::testing::Values(1u, 2u, 3u));

}  // namespace
}  // namespace bank
