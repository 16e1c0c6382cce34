#pragma once

#include <cstdint>

#include <CLI/CLI.hpp>

#include "app/store_factory.hpp"

namespace bank {

// `bank demo-data --users N --months M --seed S [--transactions T]`: fills a store with a
// realistic history through the ledger, ending yesterday.
struct DemoDataCommand {
    CLI::App* command = nullptr;
    StoreOptions store;
    int users = 10;
    int months = 12;
    std::uint64_t seed = 1;
    std::int64_t transactions = 0;
};

void add_demo_data_command(CLI::App& app, DemoDataCommand& demo, const StoreOptions& defaults);
int run_demo_data(const DemoDataCommand& demo);

}  // namespace bank
