#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "app/store_factory.hpp"

namespace bank {

// `bank admin grant EMAIL`: makes a registered user an admin (bank-wide analytics at /admin).
struct AdminCommand {
    CLI::App* command = nullptr;
    CLI::App* grant = nullptr;
    StoreOptions store;
    std::string email;
};

void add_admin_command(CLI::App& app, AdminCommand& admin, const StoreOptions& defaults);
int run_admin(const AdminCommand& admin);

}  // namespace bank
