#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "ledger/ledger_writer.hpp"

namespace bank {

struct DemoDataReport {
    std::int64_t users = 0;
    std::int64_t accounts = 0;
    std::int64_t postings = 0;  // applied
    std::int64_t refused = 0;   // refused by the ledger (none expected)
};

// Writes a realistic history through the ledger itself (LedgerWriter::submit with the same
// commands the web pages send), so every invariant holds: per person a monthly salary,
// rent, utilities, savings, groceries, dining, transport and more, and transfers between
// people. The store's clock is a ManualClock the generator moves forward, so postings are
// dated in the past. A day's postings are submitted without waiting for each (the store
// commits them in groups) and the day ends when all are durable.
class DemoDataGenerator {
public:
    DemoDataGenerator(LedgerWriter& writer, ManualClock& clock, std::uint64_t seed);

    // From the clock's day up to `end_day` (exclusive). `transactions_target` > 0 adds small
    // card purchases to reach about that many rows.
    DemoDataReport run(int users, std::chrono::sys_days end_day, std::int64_t transactions_target);

    static constexpr const char* password = "demo-password";

private:
    struct Person {
        std::string user_id;
        std::string email;
        std::string checking_id;
        std::string checking_number;
        std::string savings_id;
        std::string savings_number;
        std::int64_t salary_cents = 0;
        std::int64_t rent_cents = 0;
        std::int64_t checking_cents = 0;  // the balance the generator expects
    };
    struct Event {
        std::int64_t minute = 0;
        Posting posting;
        Person* payee = nullptr;  // a transfer to another person's checking account
    };

    void create_people(int users, const std::string& password_hash);
    void plan_day(Person& person, std::chrono::sys_days day, std::vector<Event>& events);
    void plan_monthly(Person& person, unsigned day_of_month, std::vector<Event>& events);
    void plan_everyday(Person& person, unsigned weekday, std::vector<Event>& events);
    void plan_dinner_split(Person& person, std::vector<Event>& events);
    // One of the merchants, drawn at random (defined and used in the .cpp only).
    template <typename Merchants>
    const typename Merchants::value_type& pick(const Merchants& merchants);
    template <typename Merchant>
    void spend_at(Person& person, const Merchant& merchant, std::int64_t minute,
                  std::vector<Event>& events);
    void add_spending(Person& person, std::int64_t minute, std::string_view description,
                      std::string_view category, std::int64_t cents, std::vector<Event>& events);
    void submit_day(std::vector<Event>& events, Timestamp day_start);
    WriteResult write_and_wait(WriteCommand command);
    void post(Posting posting);
    void wait_for_all();
    void advance_to(Timestamp at);
    std::int64_t between(std::int64_t low, std::int64_t high);
    bool chance(double probability);

    LedgerWriter& writer_;
    ManualClock& clock_;
    std::mt19937_64 random_;
    std::vector<Person> people_;
    double extra_per_day_ = 0;

    std::mutex mutex_;
    std::condition_variable settled_;
    std::int64_t in_flight_ = 0;
    DemoDataReport report_;
};

}  // namespace bank
