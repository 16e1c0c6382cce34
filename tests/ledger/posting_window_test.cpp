// A history window extended with the postings read since (ledger/posting_window.hpp) holds
// exactly what a full read of it holds, or says that a full read is needed: on random
// histories whose dates do not follow their sequences, with the window's start moving and
// the row limit reached or not.
#include "ledger/posting_window.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "ledger/recurring_detection.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

const Timestamp origin{std::chrono::microseconds(1'735'732'800'000'000)};  // 2025-01-01 12:00Z

WindowPosting posting(std::int64_t sequence, Timestamp at, std::string description) {
    return WindowPosting{sequence,
                         at,
                         Date(std::chrono::floor<std::chrono::days>(at)),
                         Money::from_cents(100 + sequence % 7),
                         sequence % 3 != 0,
                         false,
                         std::move(description)};
}

// What a full read returns: the newest rows_max postings since `from`, newest first.
std::vector<WindowPosting> full_read(std::vector<WindowPosting> all, Timestamp from,
                                     std::size_t rows_max, bool& truncated) {
    std::erase_if(all, [from](const WindowPosting& row) { return row.timestamp < from; });
    std::sort(all.begin(), all.end(),
              [](const auto& left, const auto& right) { return left.sequence > right.sequence; });
    truncated = all.size() >= rows_max;
    if (all.size() > rows_max) all.resize(rows_max);
    return all;
}

PostingWindow whole_window(const std::vector<WindowPosting>& all, Timestamp from,
                           std::size_t rows_max) {
    bool truncated = false;
    PostingWindow window;
    append_to_window(window, full_read(all, from, rows_max, truncated));
    EXPECT_TRUE(advance_window(window, from, rows_max));
    EXPECT_EQ(window.truncated, truncated);
    return window;
}

// The rows as text: sequence, date, amount, direction, description and payee as keyed.
std::vector<std::string> texts(const PostingWindow& window) {
    std::vector<std::string> out;
    for (const WindowRow& row : window.rows) {
        out.push_back(std::to_string(row.sequence) + ' ' +
                      std::to_string(row.timestamp.time_since_epoch().count()) + ' ' +
                      row.amount.to_string() + ' ' + std::to_string(row.outgoing) + ' ' +
                      window.descriptions[row.description] + '|' + window.payees[row.payee]);
    }
    return out;
}

struct WindowCase {
    std::string name;
    std::size_t rows_max;
    int postings_before;
    int postings_after;
    std::chrono::hours advance;  // how far the window's start moves in between
};

class PostingWindowRandom : public ::testing::TestWithParam<WindowCase> {};

TEST_P(PostingWindowRandom, AnExtendedWindowHoldsWhatAFullReadHolds) {
    const WindowCase& c = GetParam();
    const std::vector<std::string> payees{"Rent",         "rent ",       "Gym",
                                          "Coffee  shop", "coffee shop", ""};
    int full_reads_needed = 0;
    for (unsigned seed = 1; seed <= 200; ++seed) {
        std::mt19937 random(seed);
        std::vector<WindowPosting> all;
        std::int64_t sequence = 0;
        const auto add = [&](int count, Timestamp newest) {
            for (int i = 0; i < count; ++i) {
                // Mostly in date order, some backdated by up to 40 days.
                const auto back = std::chrono::hours(random() % 5 == 0 ? random() % 960 : 0);
                all.push_back(posting(++sequence, newest - back - std::chrono::minutes(count - i),
                                      payees[random() % payees.size()]));
            }
        };
        const Timestamp first_from = origin - 240h;
        add(c.postings_before, origin);
        PostingWindow window = whole_window(all, first_from, c.rows_max);
        const std::size_t before = all.size();
        const Timestamp later = origin + c.advance;
        add(c.postings_after, later);
        std::vector<WindowPosting> newer(all.begin() + static_cast<std::ptrdiff_t>(before),
                                         all.end());
        std::shuffle(newer.begin(), newer.end(), random);
        append_to_window(window, std::move(newer));
        const Timestamp from = first_from + c.advance;
        if (!advance_window(window, from, c.rows_max)) {
            ++full_reads_needed;
            continue;
        }
        const PostingWindow whole = whole_window(all, from, c.rows_max);
        ASSERT_EQ(texts(window), texts(whole)) << "seed " << seed;
        ASSERT_EQ(window.truncated, whole.truncated) << "seed " << seed;
        for (const WindowRow& row : window.rows) {
            ASSERT_EQ(window.payees[row.payee], payee_key(window.descriptions[row.description]));
        }
    }
    // A window that never reached its limit is always extended.
    if (c.rows_max >
        static_cast<std::size_t>(c.postings_before) + static_cast<std::size_t>(c.postings_after)) {
        EXPECT_EQ(full_reads_needed, 0);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PostingWindowRandom,
    ::testing::Values(WindowCase{"UnderTheLimitTheStartStill", 500, 60, 20, 0h},
                      WindowCase{"UnderTheLimitTheStartMoves", 500, 60, 20, 200h},
                      WindowCase{"AtTheLimitTheStartStill", 40, 60, 20, 0h},
                      WindowCase{"AtTheLimitTheStartMoves", 40, 60, 20, 100h},
                      WindowCase{"ReachingTheLimitWithTheNewRows", 70, 60, 20, 50h},
                      WindowCase{"NothingNew", 40, 60, 0, 30h}),
    [](const auto& info) { return info.param.name; });

TEST(PostingWindow, AStartThatWentBackOrRowsLostAtTheLimitNeedAFullRead) {
    std::vector<WindowPosting> all;
    for (int i = 1; i <= 10; ++i) all.push_back(posting(i, origin + std::chrono::hours(i), "Gym"));
    PostingWindow window = whole_window(all, origin, 5);  // sequences 10 to 6
    ASSERT_TRUE(window.truncated);
    EXPECT_FALSE(advance_window(window, origin - 1h, 5)) << "the start went back";
    PostingWindow limited = whole_window(all, origin, 5);
    EXPECT_FALSE(advance_window(limited, origin + 7h, 5))
        << "row 6 left: older rows it never read might belong to it now";
    PostingWindow short_one = whole_window(all, origin, 20);
    EXPECT_TRUE(advance_window(short_one, origin + 7h, 20));
    EXPECT_EQ(short_one.rows.size(), 4U);  // sequences 10 to 7
    EXPECT_FALSE(short_one.truncated);
}

TEST(PostingWindow, KeysEachDescriptionOnceAndSaysWhenItsTablesOutgrowItsRows) {
    PostingWindow window;
    append_to_window(window, {posting(1, origin, "Netflix"), posting(2, origin, "NETFLIX "),
                              posting(3, origin, "Netflix")});
    EXPECT_EQ(window.descriptions.size(), 2U);
    EXPECT_EQ(window.payees.size(), 1U);
    EXPECT_EQ(window.newest_sequence, 3);
    EXPECT_FALSE(window_tables_oversized(window, 1));
    append_to_window(window, {posting(4, origin, "Rent")});
    EXPECT_TRUE(window_tables_oversized(window, 1));
}

}  // namespace
}  // namespace bank
