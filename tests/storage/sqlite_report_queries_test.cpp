// The largest and unusual postings of SqliteStore choose between walking the outgoing
// postings by category and amount and reading the period in time order, by the period's
// counts. Whatever the choice, the rows must be those of a plain loop over the raw postings
// (and of the generic implementation in ledger/analytics_from_history.hpp): here each is forced
// both ways and also left to choose, over periods with many, few and no outflows.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <future>
#include <limits>
#include <map>
#include <memory>
#include <random>

#include "core/random.hpp"
#include "ledger/analytics_from_history.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t start_micros = 1'767'268'800'000'000;  // 2026-01-01T12:00:00Z
constexpr std::size_t largest_limit = 10;
constexpr std::size_t unusual_limit = 20;

class SqliteReportQueriesTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
        const User user = test::add_test_user(*store_, clock_, "ada@example.com");
        user_id_ = user.user_id;
        for (int index = 0; index < 2; ++index) {
            accounts_.push_back(
                test::open_test_account(*store_, user, Money::from_cents(5'000'000)).account_id);
        }
        write_history();
    }

    void TearDown() override { store_.reset(); }

    WriteResult write(WriteCommand command) {
        return test::write_and_wait(*store_, std::move(command));
    }

    void post(PostingKind kind, std::size_t account, std::int64_t cents,
              const std::string& category) {
        Posting command;
        command.kind = kind;
        command.user_id = user_id_;
        command.account_id = accounts_[account];
        command.amount = Money::from_cents(cents);
        command.category = category;
        command.description = "payee " + category;
        ASSERT_EQ(write(command).status, WriteStatus::ok);
    }

    // Four months of outflows with many repeated amounts (ties at every cut), then 20 days
    // of deposits only, then one day with a single small withdrawal, then more outflows.
    void write_history() {
        std::mt19937_64 random(5);
        const auto between = [&](std::int64_t low, std::int64_t high) {
            return std::uniform_int_distribution<std::int64_t>(low, high)(random);
        };
        const std::vector<std::string> categories = {"", "groceries", "rent", "dining"};
        const auto busy = [&](int count) {
            for (int index = 0; index < count; ++index) {
                clock_.advance(std::chrono::minutes(between(100, 700)));
                const auto account = static_cast<std::size_t>(between(0, 1));
                const std::string& category = categories[static_cast<std::size_t>(between(0, 3))];
                const std::int64_t cents =
                    between(0, 9) == 0 ? between(5, 9) * 10'000 : between(1, 12) * 100;
                post(between(0, 7) == 0 ? PostingKind::deposit : PostingKind::withdrawal, account,
                     cents, category);
            }
        };
        busy(300);
        quiet_from_ = clock_.now() + 1h;
        for (int day = 0; day < 20; ++day) {
            clock_.advance(24h);
            post(PostingKind::deposit, static_cast<std::size_t>(day % 2), 10'000, "");
        }
        quiet_to_ = clock_.now() + 1h;
        clock_.advance(24h);
        lonely_from_ = clock_.now() - 1h;
        post(PostingKind::withdrawal, 0, 100, "dining");
        lonely_to_ = clock_.now() + 1h;
        clock_.advance(24h);
        busy(100);
        clock_.advance(1h);
    }

    std::vector<Transaction> outflows_in(const PeriodQuery& query) {
        std::vector<Transaction> rows;
        store_->for_each_transaction([&](const Transaction& row) {
            if ((query.account_id.empty() || row.account_id == query.account_id) &&
                row.timestamp >= query.from && row.timestamp < query.to &&
                !is_credit(row.transaction_type)) {
                rows.push_back(row);
            }
        });
        return rows;
    }

    // The exact counts, and the same with every account's budget made endless (the walk
    // always finishes) or nothing (the walk gives up at once, so the period is read in time
    // order).
    std::vector<PeriodCounts> plans(const PeriodQuery& query) {
        const PeriodCounts exact = PeriodCounts::of(store_->period_rollups(query));
        PeriodCounts walk = exact;
        PeriodCounts scan = exact;
        for (auto& account : walk.accounts) {
            account.postings = std::numeric_limits<std::int32_t>::max();
        }
        for (auto& account : scan.accounts) account.postings = 0;
        return {exact, walk, scan};
    }

    std::vector<PeriodQuery> periods() {
        const Timestamp start = from_micros(start_micros);
        const Timestamp now = clock_.now();
        std::vector<PeriodQuery> all;
        for (const std::string& account : {std::string(), accounts_[0], accounts_[1]}) {
            for (const auto& [from, to] : std::vector<std::pair<Timestamp, Timestamp>>{
                     {start, now + 1h},                     // the whole history
                     {start + 24h * 40, start + 24h * 71},  // a month, partial at both ends
                     {start + 24h * 50, start + 24h * 51},  // a day
                     {quiet_from_, quiet_to_},              // deposits only
                     {lonely_from_, lonely_to_},            // one small withdrawal
                     {quiet_from_, lonely_to_},             // both
                     {now + 24h, now + 48h}}) {             // nothing at all
                all.push_back(PeriodQuery{user_id_, account, from, to});
            }
        }
        return all;
    }

    test::ScratchDirectory directory_{"bank_reports"};
    ManualClock clock_{from_micros(start_micros)};
    std::unique_ptr<SqliteStore> store_;
    std::string user_id_;
    std::vector<std::string> accounts_;
    Timestamp quiet_from_{}, quiet_to_{}, lonely_from_{}, lonely_to_{};
};

std::vector<std::string> ids_of(const std::vector<Transaction>& rows) {
    std::vector<std::string> ids;
    for (const Transaction& row : rows) ids.push_back(row.transaction_id);
    return ids;
}

TEST_F(SqliteReportQueriesTest, LargestOutflowsAreTheSameWhicheverPlanReadsThem) {
    for (const PeriodQuery& query : periods()) {
        std::vector<Transaction> expected = outflows_in(query);
        std::sort(expected.begin(), expected.end(), [](const auto& left, const auto& right) {
            return std::tie(left.amount, left.sequence) > std::tie(right.amount, right.sequence);
        });
        if (expected.size() > largest_limit) expected.resize(largest_limit);
        const std::string label =
            format_date(query.from) + ".." + format_date(query.to) + " " + query.account_id;
        for (const PeriodCounts& counts : plans(query)) {
            EXPECT_EQ(ids_of(store_->largest_outflows(query, counts, largest_limit)),
                      ids_of(expected))
                << label;
            EXPECT_EQ(ids_of(largest_outflows_from_history(*store_, query, largest_limit)),
                      ids_of(expected))
                << label;
        }
    }
}

TEST_F(SqliteReportQueriesTest, OutflowsAboveThresholdsAreTheSameWhicheverPlanReadsThem) {
    for (const PeriodQuery& query : periods()) {
        const std::vector<Transaction> outflows = outflows_in(query);
        // Twice each category's average (rows above it in most periods), and nothing for
        // the uncategorised, so a category without a threshold is left out.
        std::map<std::string, std::pair<std::int64_t, std::int64_t>> spent;
        for (const Transaction& row : outflows) {
            spent[row.category].first += row.amount.cents();
            ++spent[row.category].second;
        }
        std::vector<CategoryThreshold> thresholds;
        std::map<std::string, std::int64_t> threshold_of;
        for (const auto& [category, figures] : spent) {
            if (category.empty()) continue;
            const std::int64_t cents = 2 * figures.first / figures.second;
            thresholds.push_back(CategoryThreshold{category, Money::from_cents(cents)});
            threshold_of[category] = cents;
        }
        std::vector<std::string> expected;
        for (auto row = outflows.rbegin();
             row != outflows.rend() && expected.size() < unusual_limit; ++row) {
            const auto found = threshold_of.find(row->category);
            if (found != threshold_of.end() && row->amount.cents() > found->second) {
                expected.push_back(row->transaction_id);
            }
        }
        const std::string label =
            format_date(query.from) + ".." + format_date(query.to) + " " + query.account_id;
        for (const PeriodCounts& counts : plans(query)) {
            EXPECT_EQ(ids_of(store_->outflows_above(query, counts, thresholds, unusual_limit)),
                      expected)
                << label;
            EXPECT_EQ(
                ids_of(outflows_above_from_history(*store_, query, thresholds, unusual_limit)),
                expected)
                << label;
        }
    }
}

TEST_F(SqliteReportQueriesTest, APeriodWithoutOutflowsHasNoLargestOrUnusualPostings) {
    const PeriodQuery quiet{user_id_, "", quiet_from_, quiet_to_};
    const PeriodCounts counts = PeriodCounts::of(store_->period_rollups(quiet));
    ASSERT_EQ(counts.accounts.size(), 2u);  // deposits in both accounts, nothing going out
    for (const auto& account : counts.accounts) {
        EXPECT_GT(account.postings, 0);
        EXPECT_TRUE(account.outflows_by_category.empty());
    }
    EXPECT_TRUE(store_->largest_outflows(quiet, counts, largest_limit).empty());
    const std::vector<CategoryThreshold> everything = {{"dining", Money()}, {"", Money()}};
    EXPECT_TRUE(store_->outflows_above(quiet, counts, everything, unusual_limit).empty());
}

}  // namespace
}  // namespace bank
