#include "app/demo_data_command.hpp"

#include <chrono>
#include <iostream>

#include "app/demo_data_generator.hpp"
#include "app/test_clock_hook.hpp"
#include "service/analytics_period.hpp"

namespace bank {

void add_demo_data_command(CLI::App& app, DemoDataCommand& demo, const StoreOptions& defaults) {
    demo.store = defaults;
    demo.command = app.add_subcommand("demo-data",
                                      "Write a realistic demo history through the ledger (users "
                                      "demoN@example.com, password demo-password)");
    demo.command->add_option("--users", demo.users, "People to create")
        ->capture_default_str()
        ->check(CLI::Range(1, 100000));
    demo.command->add_option("--months", demo.months, "Months of history before this one")
        ->capture_default_str()
        ->check(CLI::Range(1, 240));
    demo.command->add_option("--seed", demo.seed, "Seed of the random choices")
        ->capture_default_str();
    demo.command
        ->add_option("--transactions", demo.transactions,
                     "About this many rows in all (adds small card purchases)")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    demo.command->add_option("--store", demo.store.engine, "Storage engine: sqlite or dynamodb")
        ->capture_default_str();
    demo.command->add_option("--db", demo.store.db_path, "SQLite database file")
        ->capture_default_str();
}

int run_demo_data(const DemoDataCommand& demo) {
    const Timestamp now = process_clock()->now();
    ManualClock clock(month_start(now, -demo.months));
    const auto started = std::chrono::steady_clock::now();
    const auto store = open_store(demo.store, clock);
    DemoDataGenerator generator(*store, clock, demo.seed);
    const DemoDataReport report =
        generator.run(demo.users, std::chrono::floor<std::chrono::days>(now), demo.transactions);
    store->shutdown();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "users:        " << report.users << "\n"
              << "accounts:     " << report.accounts << "\n"
              << "transactions: " << report.postings << "\n"
              << "refused:      " << report.refused << "\n"
              << "seconds:      " << seconds << "\n"
              << "sign in as demo1@example.com with password " << DemoDataGenerator::password
              << "\n";
    return report.refused == 0 ? 0 : 1;
}

}  // namespace bank
