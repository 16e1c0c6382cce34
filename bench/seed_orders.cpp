#include "seed_orders.hpp"

#include <algorithm>
#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/limits.hpp"
#include "core/random.hpp"
#include "core/standing_order_limits.hpp"
#include "ledger/standing_order.hpp"
#include "ledger/standing_order_commands.hpp"
#include "ledger/standing_order_plans.hpp"
#include "service/blocking_write.hpp"
#include "service/category_service.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_standing_orders.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace bank::bench {

namespace {

// Each bench person's checking account, in the order `bank_bench seed` made the people.
std::vector<Account> checking_accounts(const std::string& db_path, const Clock& clock) {
    SqliteStore store(db_path, clock);
    std::vector<Account> checking;
    for (int index = 0;; ++index) {
        const auto user =
            store.find_user_by_email("bench" + std::to_string(index) + "@example.com");
        if (!user) break;
        const auto accounts = store.list_accounts(user->user_id);
        const auto found = std::find_if(
            accounts.begin(), accounts.end(),
            [](const Account& account) { return account.account_type == AccountType::checking; });
        if (found == accounts.end()) throw std::runtime_error("bench person without checking");
        checking.push_back(*found);
    }
    store.shutdown();
    return checking;
}

// The due orders' postings as the pass makes them. The category rules are read here, before
// the clock starts: the pass's reads are not the writer's time.
std::vector<Posting> due_postings(SqliteStore& store, const Clock& clock) {
    const auto due =
        store.due_standing_orders(utc_date(clock.now()), limits::standing_orders_per_pass_max);
    std::unordered_map<std::string, std::vector<CategoryRule>> rules;
    std::vector<Posting> postings;
    for (const auto& order : due) {
        std::string category;
        if (order.category.empty()) {
            auto found = rules.find(order.user_id);
            if (found == rules.end()) {
                found =
                    rules.emplace(order.user_id, store.list_category_rules(order.user_id)).first;
            }
            category = inferred_category(PostingKind::transfer, found->second, order.description);
        }
        postings.push_back(plan_occurrence_posting(order, *order.next_due, category));
    }
    return postings;
}

// Waits for one batch's answers; returns how many were posted.
std::size_t posted_of(std::vector<std::future<WriteResult>>& answers) {
    std::size_t posted = 0;
    for (auto& answer : answers) {
        if (answer.get().status == WriteStatus::ok) ++posted;
    }
    return posted;
}

}  // namespace

LikeThePass post_standing_orders_like_the_pass(const std::string& db_path) {
    const SystemClock clock;
    SqliteStore store(db_path, clock);
    std::vector<Posting> postings = due_postings(store, clock);
    LikeThePass done;
    done.postings = postings.size();
    const std::size_t batch = limits::standing_orders_per_batch;
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::future<WriteResult>> previous;
    for (std::size_t first = 0; first < postings.size(); first += batch) {
        std::vector<std::future<WriteResult>> answers;
        for (std::size_t index = first; index < std::min(postings.size(), first + batch); ++index) {
            answers.push_back(
                submit_for_answer(store, std::move(postings[index]), WriteUrgency::background));
        }
        // One batch ahead, so the writer never waits for this tool.
        done.posted += posted_of(previous);
        previous = std::move(answers);
    }
    done.posted += posted_of(previous);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    done.seconds = took.count();
    store.shutdown();
    return done;
}

void seed_standing_orders(const std::string& db_path, std::int64_t orders) {
    const SystemClock clock;
    const auto checking = checking_accounts(db_path, clock);
    const auto people = static_cast<std::int64_t>(checking.size());
    if (people < 2 ||
        people * static_cast<std::int64_t>(limits::standing_orders_per_user_max) < orders) {
        throw std::runtime_error("too few people for " + std::to_string(orders) +
                                 " orders: seed at least " +
                                 std::to_string(orders / limits::standing_orders_per_user_max + 2));
    }
    const Timestamp now = clock.now();
    SqliteConnection connection(db_path, SqliteConnection::Mode::read_write_create);
    SqliteStandingOrders rows(connection);
    connection.execute("BEGIN IMMEDIATE");
    for (std::int64_t index = 0; index < orders; ++index) {
        const auto person = static_cast<std::size_t>(index % people);
        StandingOrder order;
        order.standing_order_id = new_id();
        order.user_id = checking[person].user_id;
        order.from_account_id = checking[person].account_id;
        order.to_account_number = checking[(person + 1) % checking.size()].account_number;
        order.amount = Money::from_cents(1);
        order.description = "Bench order " + std::to_string(index);
        order.start_date = utc_date(now);
        order.rrule = "FREQ=DAILY;COUNT=1";
        order.next_due = order.start_date;
        order.created_at = now;
        order.updated_at = now;
        order.version = 1;
        if (!rows.add(order)) throw std::runtime_error("could not add a standing order");
    }
    connection.execute("COMMIT");
}

}  // namespace bank::bench
