// Detection over keyed rows (KeyedRecurringInput, as the kept history windows give them) finds
// the same series in the same order as detection over the descriptions, however the payees
// were numbered: on random histories of a few payees written in varying case and spacing.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "ledger/recurring_detection.hpp"

namespace bank {
namespace {

using namespace std::chrono;

std::string text_of(const std::vector<RecurringSeries>& found) {
    std::ostringstream out;
    for (const RecurringSeries& series : found) {
        out << series.description << ' ' << series.outgoing << ' ' << to_string(series.interval)
            << ' ' << series.usual_amount.to_string() << ' ' << series.next_amount.to_string()
            << ' ' << sys_days(series.first_date).time_since_epoch().count() << ' '
            << sys_days(series.next_date).time_since_epoch().count() << ' ' << series.occurrences
            << '\n';
    }
    return out.str();
}

TEST(KeyedRecurringDetection, FindsWhatDetectionOverDescriptionsFinds) {
    const std::vector<std::string> names{"Rent", "rent", "RENT ", "Gym", "Netflix", "netflix",
                                         "Pay",  "Pay ", "",      " ",   "Coffee"};
    const Date today = 2026y / June / 15d;
    int found_any = 0;
    for (unsigned seed = 1; seed <= 300; ++seed) {
        std::mt19937 random(seed);
        std::vector<RecurringInput> rows;
        for (const std::string& name : names) {
            const int step = std::vector<int>{7, 30, 31, 365, 3}[random() % 5];
            const int count = static_cast<int>(random() % 8);
            for (int i = 0; i < count; ++i) {
                const Date date{sys_days(today) - days(step * i + static_cast<int>(random() % 2))};
                rows.push_back(RecurringInput{
                    date, name,
                    Money::from_cents(1'000 + static_cast<std::int64_t>(random() % 3) * 50),
                    random() % 4 != 0});
            }
        }
        std::shuffle(rows.begin(), rows.end(), random);
        const std::vector<RecurringSeries> by_text = detect_recurring(rows, today);
        found_any += by_text.empty() ? 0 : 1;
        // The payees numbered in a random order.
        std::vector<std::string> payees;
        std::unordered_map<std::string, std::uint32_t> index;
        for (const std::string& name : names) {
            if (index.try_emplace(payee_key(name), 0).second) payees.push_back(payee_key(name));
        }
        std::shuffle(payees.begin(), payees.end(), random);
        for (std::uint32_t i = 0; i < payees.size(); ++i) index[payees[i]] = i;
        std::vector<KeyedRecurringInput> keyed;
        for (const RecurringInput& row : rows) {
            keyed.push_back(KeyedRecurringInput{row.date, row.amount, row.outgoing,
                                                index.at(payee_key(row.description)),
                                                &row.description});
        }
        std::vector<std::uint32_t> series_payees;
        const std::vector<RecurringSeries> by_key =
            detect_recurring(keyed, payees, today, {}, &series_payees);
        ASSERT_EQ(text_of(by_key), text_of(by_text)) << "seed " << seed;
        ASSERT_EQ(series_payees.size(), by_key.size());
        for (std::size_t i = 0; i < by_key.size(); ++i) {
            EXPECT_EQ(payees[series_payees[i]], payee_key(by_key[i].description));
        }
    }
    EXPECT_GT(found_any, 100);
}

}  // namespace
}  // namespace bank
