// bank_bench: the helpers the scenarios under bench/scenarios need that the bank itself does
// not offer.
//
//   bank_bench seed --db FILE --transactions N [--users U] [--password P]
//       Fills a fresh SQLite store through the ledger writer: U people (bench0@example.com,
//       bench1@example.com, ...) with a checking and a savings account each, then deposits,
//       withdrawals and transfers until N transaction rows are stored. Every posting is a
//       Posting command submitted without waiting for the one before, so group commit
//       batches them, and every invariant holds as it does for the server's own writes.
//       Timestamps are spread over the last year (--days D: the last D days), so the rollups
//       span twelve months.
//
//   bank_bench seed-orders --db FILE --orders N
//       Adds N standing orders due today to a store `bank_bench seed` filled
//       (bench/seed_orders.hpp).
//
//   bank_bench post-orders --db FILE
//       The writer's like-for-like anchor of the standing-order pass (issue 14): submits the
//       commands the scheduler's pass would submit for the orders due today, without its
//       bookkeeping (bench/seed_orders.hpp). Run it on a copy of the file.
//
//   bank_bench floor --db FILE [--seconds S]
//       The storage floor: single-row commits per second on SQLite in WAL mode with
//       synchronous=FULL, one INSERT per transaction, no batching.
//
//   bank_bench rate --url http://HOST:PORT/PATH --rate R [--connections C] [--seconds S]
//                   [--header 'Name: value']...
//       An open-loop GET load at R requests/s spread evenly over C keep-alive connections
//       (bench/open_loop/open_loop_driver.hpp); latencies count from each request's scheduled
//       time. Prints the percentiles, the achieved rate and the answers by status; exits 1
//       when a request failed (connect, read, write, timeout) or could not be sent in time.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <iostream>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/clock.hpp"
#include "core/limits.hpp"
#include "core/random.hpp"
#include "open_loop/open_loop_driver.hpp"
#include "seed_orders.hpp"
#include "service/password_hasher.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace {

using namespace std::chrono_literals;

// Submitted but not yet committed, at most: well below the writer's queue bound, so the
// writer never refuses a seed command as `unavailable`.
constexpr std::size_t in_flight_max = 4096;

struct SeedOptions {
    std::string db_path;
    std::int64_t transactions = 1'000'000;
    int users = 100;
    std::string password = "Bench-passw0rd";
    int days = 365;  // the postings are spread over this many days up to now
};

// Counts what the writer has finished and lets the submitting thread wait for room.
class Progress {
public:
    // `rows` is what the command writes when it is applied.
    void submitted(std::int64_t rows) {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [this] { return in_flight_ < in_flight_max; });
        ++in_flight_;
        pending_rows_ += rows;
    }
    void finished(const bank::WriteResult& result, std::int64_t rows) {
        const std::lock_guard lock(mutex_);
        --in_flight_;
        pending_rows_ -= rows;
        if (result.status == bank::WriteStatus::ok) {
            rows_ += static_cast<std::int64_t>(result.transactions.size());
        } else {
            ++refused_;
        }
        room_.notify_all();
    }
    void wait_idle() {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [this] { return in_flight_ == 0; });
    }
    std::int64_t rows() {
        const std::lock_guard lock(mutex_);
        return rows_;
    }
    // Stored, plus what is submitted and would be stored if every command is applied.
    std::int64_t rows_expected() {
        const std::lock_guard lock(mutex_);
        return rows_ + pending_rows_;
    }
    std::int64_t refused() {
        const std::lock_guard lock(mutex_);
        return refused_;
    }

private:
    std::mutex mutex_;
    std::condition_variable room_;
    std::size_t in_flight_ = 0;
    std::int64_t rows_ = 0;
    std::int64_t pending_rows_ = 0;
    std::int64_t refused_ = 0;
};

// Submits every command without waiting for the one before, so group commit batches them
// (100,000 people register in seconds instead of one commit each), at most in_flight_max at
// once; the results in the commands' order.
std::vector<bank::WriteResult> write_all(bank::Store& store,
                                         std::vector<bank::WriteCommand> commands) {
    std::vector<bank::WriteResult> results(commands.size());
    std::mutex mutex;
    std::condition_variable room;
    std::size_t in_flight = 0;
    for (std::size_t index = 0; index < commands.size(); ++index) {
        {
            std::unique_lock lock(mutex);
            room.wait(lock, [&] { return in_flight < in_flight_max; });
            ++in_flight;
        }
        store.submit(std::move(commands[index]), [&, index](bank::WriteResult result) {
            const std::lock_guard lock(mutex);
            results[index] = std::move(result);
            --in_flight;
            room.notify_all();
        });
    }
    std::unique_lock lock(mutex);
    room.wait(lock, [&] { return in_flight == 0; });
    return results;
}

std::vector<bank::Account> create_people(bank::Store& store, const SeedOptions& options,
                                         bank::ManualClock& clock) {
    const std::string hash = bank::PasswordHasher(bank::limits::bcrypt_cost).hash(options.password);
    std::vector<bank::WriteCommand> registrations;
    std::vector<std::string> user_ids;
    for (int index = 0; index < options.users; ++index) {
        bank::User user;
        user.user_id = bank::new_id();
        user.email = "bench" + std::to_string(index) + "@example.com";
        user.password_hash = hash;
        user.full_name = "Bench Person " + std::to_string(index);
        user.created_at = clock.now();
        user_ids.push_back(user.user_id);
        registrations.emplace_back(bank::CreateUser{user});
    }
    for (const auto& result : write_all(store, std::move(registrations))) {
        if (result.status != bank::WriteStatus::ok) {
            throw std::runtime_error("cannot register the people (is the database fresh?)");
        }
    }
    std::vector<bank::WriteCommand> openings;
    for (const std::string& user_id : user_ids) {
        for (auto type : {bank::AccountType::checking, bank::AccountType::savings}) {
            openings.emplace_back(bank::OpenAccount{user_id, type,
                                                    bank::Money::from_cents(50'000'00),
                                                    bank::limits::accounts_per_user_max});
        }
    }
    std::vector<bank::Account> accounts;
    for (auto& opened : write_all(store, std::move(openings))) {
        if (opened.status != bank::WriteStatus::ok || !opened.account) {
            throw std::runtime_error("cannot open an account");
        }
        accounts.push_back(std::move(*opened.account));
    }
    return accounts;
}

bank::Posting random_posting(const std::vector<bank::Account>& accounts, std::mt19937_64& random) {
    static constexpr std::array<const char*, 8> categories{
        "groceries", "rent",          "utilities", "dining",
        "transport", "entertainment", "health",    "shopping"};
    static constexpr std::array<const char*, 8> payees{
        "Corner Market", "City Rent Co", "Power & Light", "Noodle Bar",
        "Metro Card",    "Cinema",       "Pharmacy",      "Book Shop"};
    const auto& account = accounts[random() % accounts.size()];
    bank::Posting posting;
    posting.user_id = account.user_id;
    posting.account_id = account.account_id;
    const auto pick = random() % 10;
    const auto label = random() % categories.size();
    if (pick < 3) {
        posting.kind = bank::PostingKind::deposit;
        posting.amount =
            bank::Money::from_cents(10'000 + static_cast<std::int64_t>(random() % 200'000));
        posting.description = "Salary";
        posting.category = "income";
        return posting;
    }
    posting.amount = bank::Money::from_cents(100 + static_cast<std::int64_t>(random() % 20'000));
    posting.description = payees[label];
    posting.category = categories[label];
    if (pick < 7) {
        posting.kind = bank::PostingKind::withdrawal;
        return posting;
    }
    posting.kind = bank::PostingKind::transfer;
    const auto& payee = accounts[random() % accounts.size()];
    posting.to_account_number = payee.account_number;
    posting.description = "Transfer";
    posting.category = "transfers";
    return posting;
}

int seed(const SeedOptions& options) {
    const auto year = std::chrono::duration_cast<std::chrono::microseconds>(24h * options.days);
    const auto started = std::chrono::steady_clock::now();
    bank::ManualClock clock(
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()) -
        year);
    bank::SqliteStore store(options.db_path, clock);
    const auto accounts = create_people(store, options, clock);
    const auto end = clock.now() + year;
    Progress progress;
    std::mt19937_64 random(42);
    const auto opening_rows = static_cast<std::int64_t>(accounts.size());
    // The opening deposits count too: the store ends with `transactions` rows (one more when
    // the last posting is a transfer).
    const std::int64_t target = std::max<std::int64_t>(0, options.transactions - opening_rows);
    // Refused postings (insufficient funds) write nothing, so top up until the count is met.
    while (progress.rows() < target) {
        // About 1.3 rows per posting, and about a sixth of them refused and replaced while the
        // pass runs: each pass spreads its postings over about 7/8 of the time left, so the
        // passes that top up the rest fit in before `end` (now), and no posting is ever dated
        // after it (the forecast of such a seed failed, 2026-12-07).
        const std::int64_t postings = (target - progress.rows_expected()) * 10 / 13;
        const auto step = (end - clock.now()) / (postings * 4 / 3 + 1);
        while (progress.rows_expected() < target) {
            auto posting = random_posting(accounts, random);
            const std::int64_t rows = posting.kind == bank::PostingKind::transfer ? 2 : 1;
            progress.submitted(rows);
            if (clock.now() + step < end) clock.advance(step);
            store.submit(std::move(posting), [&progress, rows](bank::WriteResult result) {
                progress.finished(result, rows);
            });
        }
        progress.wait_idle();
    }
    progress.wait_idle();
    store.shutdown();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    std::cout << "seeded " << progress.rows() + opening_rows << " transactions ("
              << progress.refused() << " postings refused, as a bank would) for " << options.users
              << " people in " << took.count() << " s\n";
    return 0;
}

void check(int code, sqlite3* database, const char* what) {
    if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) {
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(database));
    }
}

int floor(const std::string& db_path, double seconds) {
    sqlite3* database = nullptr;
    check(sqlite3_open(db_path.c_str(), &database), database, "open");
    check(sqlite3_exec(
              database,
              "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
              "CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL);",
              nullptr, nullptr, nullptr),
          database, "set up");
    sqlite3_stmt* insert = nullptr;
    check(sqlite3_prepare_v2(database, "INSERT INTO floor (amount) VALUES (?1)", -1, &insert,
                             nullptr),
          database, "prepare");
    const auto started = std::chrono::steady_clock::now();
    const auto until = started + std::chrono::duration<double>(seconds);
    std::int64_t commits = 0;
    while (std::chrono::steady_clock::now() < until) {
        sqlite3_bind_int64(insert, 1, commits);
        check(sqlite3_step(insert), database, "insert");
        sqlite3_reset(insert);
        ++commits;
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    sqlite3_finalize(insert);
    sqlite3_close(database);
    std::cout << "floor_commits_per_second " << static_cast<std::int64_t>(commits / took.count())
              << "\n";
    return 0;
}

int post_orders(const std::string& db_path) {
    const auto done = bank::bench::post_standing_orders_like_the_pass(db_path);
    // The scenario reads the seconds from the end of the line.
    std::cout << "posted " << done.posted << " of " << done.postings
              << " standing orders' transfers, as the pass submits them, in " << done.seconds
              << " s\n";
    return done.posted == done.postings ? 0 : 1;
}

int rate(const bank::bench::OpenLoopOptions& options) {
    bank::bench::OpenLoopDriver driver(options);
    const auto report = driver.run();
    bank::bench::print_report(std::cout, report);
    if (!report.failed()) return 0;
    std::cerr << "bank_bench rate: " << report.errors << " requests failed, " << report.unsent
              << " not sent in time; first: " << report.first_error << "\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bank_bench: seeding, the storage floor and an open-loop load for bench/run"};
    app.require_subcommand(1);
    SeedOptions seed_options;
    auto* seed_command = app.add_subcommand("seed", "Fill a fresh SQLite store through the ledger");
    seed_command->add_option("--db", seed_options.db_path, "SQLite database file")->required();
    seed_command
        ->add_option("--transactions", seed_options.transactions, "Transaction rows to store")
        ->capture_default_str();
    seed_command->add_option("--users", seed_options.users, "People, two accounts each")
        ->capture_default_str();
    seed_command->add_option("--password", seed_options.password, "Everyone's password")
        ->capture_default_str();
    seed_command
        ->add_option("--days", seed_options.days, "Days up to now the postings are spread over")
        ->capture_default_str();
    std::string orders_db;
    std::int64_t orders = 0;
    auto* orders_command =
        app.add_subcommand("seed-orders", "Add standing orders due today to a seeded store");
    orders_command->add_option("--db", orders_db, "SQLite database file")->required();
    orders_command->add_option("--orders", orders, "Standing orders")
        ->required()
        ->check(CLI::PositiveNumber);
    std::string post_orders_db;
    auto* post_orders_command = app.add_subcommand(
        "post-orders", "Submit the standing-order pass's writes without its bookkeeping");
    post_orders_command->add_option("--db", post_orders_db, "SQLite database file")->required();
    std::string floor_db;
    double floor_seconds = 5;
    auto* floor_command =
        app.add_subcommand("floor", "SQLite WAL synchronous=FULL single-row commits/s");
    floor_command->add_option("--db", floor_db, "A scratch SQLite file")->required();
    floor_command->add_option("--seconds", floor_seconds, "How long to measure")
        ->capture_default_str();
    bank::bench::OpenLoopOptions rate_options;
    auto* rate_command =
        app.add_subcommand("rate", "Open-loop GET load at a fixed rate (latency from schedule)");
    rate_command->add_option("--url", rate_options.url, "http://HOST:PORT/PATH")->required();
    rate_command->add_option("--rate", rate_options.rate, "Requests per second in all")
        ->required()
        ->check(CLI::PositiveNumber);
    rate_command->add_option("--connections", rate_options.connections, "Keep-alive connections")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    rate_command->add_option("--seconds", rate_options.seconds, "How long requests are sent")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    rate_command->add_option("--header", rate_options.headers, "'Name: value', repeatable");
    CLI11_PARSE(app, argc, argv);
    try {
        if (seed_command->parsed()) return seed(seed_options);
        if (orders_command->parsed()) {
            bank::bench::seed_standing_orders(orders_db, orders);
            std::cout << "seeded " << orders << " standing orders due today\n";
            return 0;
        }
        if (post_orders_command->parsed()) return post_orders(post_orders_db);
        if (floor_command->parsed()) return floor(floor_db, floor_seconds);
        if (rate_command->parsed()) return rate(rate_options);
    } catch (const std::exception& error) {
        std::cerr << "bank_bench: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
