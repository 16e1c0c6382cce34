#include "app/demo_data_generator.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "core/limits.hpp"
#include "core/random.hpp"
#include "service/blocking_write.hpp"
#include "service/password_hasher.hpp"

namespace bank {
namespace {

using std::chrono::days;
using std::chrono::minutes;

struct Merchant {
    std::string_view description;
    std::string_view category;
    std::int64_t low_cents;
    std::int64_t high_cents;
};

constexpr std::array<Merchant, 4> dining = {{{"Cafe Luna", "dining", 450, 1800},
                                             {"Pizza Palace", "dining", 1500, 4500},
                                             {"Sushi Go", "dining", 2000, 6500},
                                             {"Burger Barn", "dining", 900, 2500}}};
constexpr std::array<Merchant, 3> transport = {{{"Uber trip", "transport", 800, 3500},
                                                {"Metro card top-up", "transport", 2000, 4000},
                                                {"Shell fuel", "transport", 3000, 7500}}};
constexpr std::array<Merchant, 3> shopping = {{{"Amazon order", "shopping", 1500, 15000},
                                               {"City Bookshop", "shopping", 1200, 6000},
                                               {"Hardware store", "shopping", 800, 9000}}};
constexpr std::array<Merchant, 2> leisure = {{{"Cinema tickets", "entertainment", 1200, 3600},
                                              {"Concert hall", "entertainment", 4000, 15000}}};
// The small purchases that fill a dense benchmark history.
constexpr std::array<Merchant, 5> card = {{{"Coffee corner", "dining", 250, 700},
                                           {"Corner grocery", "groceries", 300, 3000},
                                           {"Bus ticket", "transport", 250, 500},
                                           {"Vending machine", "other", 100, 400},
                                           {"Newsstand", "shopping", 200, 1500}}};
constexpr std::array<std::string_view, 8> first_names = {"Ana",   "Ben",   "Chloe", "David",
                                                         "Elena", "Farid", "Grace", "Hugo"};
constexpr std::array<std::string_view, 6> last_names = {"Silva",     "Novak",  "Okafor",
                                                        "Lindqvist", "Moreau", "Tanaka"};
constexpr std::int64_t card_average_cents = 1000;

Timestamp at_day(std::chrono::sys_days day) {
    return std::chrono::time_point_cast<std::chrono::microseconds>(day);
}

}  // namespace

DemoDataGenerator::DemoDataGenerator(LedgerWriter& writer, ManualClock& clock, std::uint64_t seed)
    : writer_(writer), clock_(clock), random_(seed) {}

std::int64_t DemoDataGenerator::between(std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(random_);
}

bool DemoDataGenerator::chance(double probability) {
    return std::bernoulli_distribution(probability)(random_);
}

void DemoDataGenerator::advance_to(Timestamp at) {
    const Timestamp now = clock_.now();
    if (at > now) clock_.advance(at - now);
}

WriteResult DemoDataGenerator::write_and_wait(WriteCommand command) {
    return bank::write_and_wait(writer_, std::move(command));
}

void DemoDataGenerator::post(Posting posting) {
    {
        std::unique_lock lock(mutex_);
        // Stays well below the store's queue limit, which would refuse the excess.
        settled_.wait(lock, [this] {
            return in_flight_ < static_cast<std::int64_t>(limits::writer_queue_depth_max / 2);
        });
        ++in_flight_;
    }
    writer_.submit(std::move(posting), [this](const WriteResult& result) {
        const std::lock_guard lock(mutex_);
        --in_flight_;
        if (result.status == WriteStatus::ok) {
            report_.postings += static_cast<std::int64_t>(result.transactions.size());
        } else {
            ++report_.refused;
        }
        settled_.notify_all();
    });
}

void DemoDataGenerator::wait_for_all() {
    std::unique_lock lock(mutex_);
    settled_.wait(lock, [this] { return in_flight_ == 0; });
}

void DemoDataGenerator::create_people(int users, const std::string& password_hash) {
    people_.resize(static_cast<std::size_t>(users));
    for (int index = 0; index < users; ++index) {
        Person& person = people_[static_cast<std::size_t>(index)];
        User user;
        user.user_id = new_id();
        user.email = "demo" + std::to_string(index + 1) + "@example.com";
        user.password_hash = password_hash;
        user.full_name =
            std::string(first_names[static_cast<std::size_t>(index) % first_names.size()]) + " " +
            std::string(last_names[static_cast<std::size_t>(index) % last_names.size()]);
        user.created_at = clock_.now();
        if (write_and_wait(CreateUser{user}).status != WriteStatus::ok) {
            throw std::runtime_error("cannot create " + user.email +
                                     " (is the database already filled?)");
        }
        person.user_id = user.user_id;
        person.email = user.email;
        for (auto type : {AccountType::checking, AccountType::savings}) {
            WriteResult opened = write_and_wait(
                OpenAccount{user.user_id, type, Money(), limits::accounts_per_user_max});
            if (opened.status != WriteStatus::ok || !opened.account) {
                throw std::runtime_error("cannot open an account for " + user.email);
            }
            (type == AccountType::checking ? person.checking_id : person.savings_id) =
                opened.account->account_id;
            (type == AccountType::checking ? person.checking_number : person.savings_number) =
                opened.account->account_number;
            ++report_.accounts;
        }
        person.salary_cents = between(3'200'00, 8'500'00);
        person.rent_cents = person.salary_cents * between(25, 35) / 100;
        ++report_.users;
    }
}

void DemoDataGenerator::add_spending(Person& person, std::int64_t minute,
                                     std::string_view description, std::string_view category,
                                     std::int64_t cents, std::vector<Event>& events) {
    if (cents <= 0 || cents > person.checking_cents) return;  // nobody overdraws on purpose
    person.checking_cents -= cents;
    Event event;
    event.minute = minute;
    event.posting.kind = PostingKind::withdrawal;
    event.posting.user_id = person.user_id;
    event.posting.account_id = person.checking_id;
    event.posting.amount = Money::from_cents(cents);
    event.posting.description = std::string(description);
    event.posting.category = std::string(category);
    events.push_back(std::move(event));
}

template <typename Merchants>
const typename Merchants::value_type& DemoDataGenerator::pick(const Merchants& merchants) {
    return merchants[static_cast<std::size_t>(
        between(0, static_cast<std::int64_t>(merchants.size()) - 1))];
}

template <typename Merchant>
void DemoDataGenerator::spend_at(Person& person, const Merchant& merchant, std::int64_t minute,
                                 std::vector<Event>& events) {
    add_spending(person, minute, merchant.description, merchant.category,
                 between(merchant.low_cents, merchant.high_cents), events);
}

// A day of one person's life, in a fixed order of random draws (a seed always makes the same
// history): the monthly bills, the everyday spending, a dinner split with a friend, and the
// extra card payments asked for.
void DemoDataGenerator::plan_day(Person& person, std::chrono::sys_days day,
                                 std::vector<Event>& events) {
    const std::chrono::year_month_day date{day};
    plan_monthly(person, static_cast<unsigned>(date.day()), events);
    plan_everyday(person, std::chrono::weekday(day).c_encoding(), events);
    plan_dinner_split(person, events);
    const double extra = extra_per_day_;
    auto whole = static_cast<std::int64_t>(extra);
    if (chance(extra - static_cast<double>(whole))) ++whole;
    for (std::int64_t index = 0; index < whole; ++index)
        spend_at(person, pick(card), between(7 * 60, 23 * 60), events);
}

// Salary and rent on the 1st, the savings transfer on the 2nd, the utilities on the 5th.
void DemoDataGenerator::plan_monthly(Person& person, unsigned day_of_month,
                                     std::vector<Event>& events) {
    if (day_of_month == 1) {
        Event salary;
        salary.minute = 6 * 60;
        salary.posting = Posting{PostingKind::deposit,
                                 person.user_id,
                                 person.checking_id,
                                 "",
                                 Money::from_cents(person.salary_cents),
                                 "Salary ACME Corp",
                                 "income",
                                 "",
                                 ""};
        person.checking_cents += person.salary_cents;
        events.push_back(std::move(salary));
        add_spending(person, 9 * 60, "Rent Oak Street Apartments", "rent", person.rent_cents,
                     events);
    }
    if (day_of_month == 2 && person.checking_cents > person.salary_cents / 10) {
        Event saving;
        saving.minute = 8 * 60;
        saving.posting = Posting{PostingKind::transfer,
                                 person.user_id,
                                 person.checking_id,
                                 person.savings_number,
                                 Money::from_cents(person.salary_cents / 10),
                                 "Monthly savings",
                                 "savings",
                                 "",
                                 ""};
        person.checking_cents -= person.salary_cents / 10;
        events.push_back(std::move(saving));
    }
    if (day_of_month == 5) {
        add_spending(person, 10 * 60, "City Power & Light", "utilities", between(6000, 14000),
                     events);
        add_spending(person, 10 * 60 + 5, "FiberNet Internet", "utilities", 5500, events);
        add_spending(person, 10 * 60 + 10, "Mobile phone plan", "utilities", 3500, events);
    }
}

// Groceries on Saturdays (6) and Wednesdays (3), then the chance of each kind of spending.
void DemoDataGenerator::plan_everyday(Person& person, unsigned weekday,
                                      std::vector<Event>& events) {
    if (weekday == 6)
        add_spending(person, 11 * 60, "FreshMart groceries", "groceries", between(6000, 18000),
                     events);
    if (weekday == 3)
        add_spending(person, 18 * 60, "Corner grocery", "groceries", between(1500, 6000), events);
    if (chance(0.35)) spend_at(person, pick(dining), between(12 * 60, 21 * 60), events);
    if (weekday >= 1 && weekday <= 5 && chance(0.5))
        spend_at(person, pick(transport), between(7 * 60, 9 * 60), events);
    if (chance(0.1)) spend_at(person, pick(shopping), between(10 * 60, 20 * 60), events);
    if (chance(0.05)) spend_at(person, pick(leisure), between(18 * 60, 22 * 60), events);
    if (chance(0.03))
        add_spending(person, 16 * 60, "Pharmacy", "health", between(1000, 8000), events);
    if (chance(0.01))
        add_spending(person, 20 * 60, "Anniversary dinner at Le Jardin", "dining",
                     between(15000, 40000), events);
    if (chance(0.004))
        add_spending(person, 15 * 60, "Emergency dentist", "health", between(40000, 90000), events);
    if (chance(0.004))
        add_spending(person, 13 * 60, "Airline tickets", "travel", between(30000, 120000), events);
}

void DemoDataGenerator::plan_dinner_split(Person& person, std::vector<Event>& events) {
    if (people_.size() > 1 && chance(0.04)) {
        Person& friend_ = people_[static_cast<std::size_t>(
            between(0, static_cast<std::int64_t>(people_.size()) - 1))];
        const std::int64_t cents = between(1000, 8000);
        if (&friend_ != &person && cents <= person.checking_cents) {
            Event split;
            split.minute = between(19 * 60, 23 * 60);
            split.posting = Posting{PostingKind::transfer,
                                    person.user_id,
                                    person.checking_id,
                                    friend_.checking_number,
                                    Money::from_cents(cents),
                                    "Dinner split with " + friend_.email,
                                    "dining",
                                    "",
                                    ""};
            split.payee = &friend_;
            person.checking_cents -= cents;
            events.push_back(std::move(split));
        }
    }
}

void DemoDataGenerator::submit_day(std::vector<Event>& events, Timestamp day_start) {
    std::stable_sort(events.begin(), events.end(), [](const Event& left, const Event& right) {
        return left.minute < right.minute;
    });
    std::int64_t hour = -1;
    for (Event& event : events) {
        // The writer dates a posting when it applies it: the postings of one hour are durable
        // before the clock enters the next, so none is dated more than an hour late.
        if (event.minute / 60 != hour) {
            wait_for_all();
            hour = event.minute / 60;
        }
        advance_to(day_start + minutes(event.minute));
        if (event.payee) event.payee->checking_cents += event.posting.amount.cents();
        post(std::move(event.posting));
    }
    events.clear();
    wait_for_all();
}

DemoDataReport DemoDataGenerator::run(int users, std::chrono::sys_days end_day,
                                      std::int64_t transactions_target) {
    const auto start_day = std::chrono::floor<days>(clock_.now());
    const std::int64_t day_count = std::max<std::int64_t>(0, (end_day - start_day).count());
    // About 45 rows per person and month come from the regular life below.
    const double natural = 45.0 * static_cast<double>(day_count) / 30.4 * users;
    if (static_cast<double>(transactions_target) > natural && day_count > 0) {
        extra_per_day_ = (static_cast<double>(transactions_target) - natural) /
                         static_cast<double>(day_count * users);
    }
    create_people(users, PasswordHasher(limits::bcrypt_cost).hash(password));
    // Dense histories get the income to pay for their purchases.
    const auto extra_monthly = static_cast<std::int64_t>(extra_per_day_ * 31 * card_average_cents);
    for (Person& person : people_) person.salary_cents += extra_monthly;

    std::vector<Event> events;
    for (auto day = start_day; day < end_day; day += days(1)) {
        for (Person& person : people_) plan_day(person, day, events);
        submit_day(events, at_day(day));
    }
    advance_to(at_day(end_day));
    return report_;
}

}  // namespace bank
