#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <utility>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/admin_command.hpp"
#include "app/demo_data_command.hpp"
#include "app/env_file.hpp"
#include "app/routes_command.hpp"
#include "app/serve_command.hpp"
#include "app/store_factory.hpp"
#include "core/clock.hpp"
#include "core/limits.hpp"
#include "core/standing_order_limits.hpp"
#include "ledger/bank_figure_verifier.hpp"
#include "ledger/interest_verifier.hpp"
#include "ledger/standing_order_audit_verifier.hpp"
#include "ledger/verifier.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"

namespace {

std::string env_or(const char* name, std::string fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::string(value) : std::move(fallback);
}

bool env_true(const char* name) {
    const std::string value = env_or(name, "");
    return value == "1" || value == "true" || value == "yes";
}

// Where web/ and node_modules/ are: BANK_WEB_ROOT, else the source tree it was built from.
std::string default_web_root() {
    return env_or("BANK_WEB_ROOT", env_or("BANK_SOURCE_DIR", BANK_SOURCE_DIR));
}

int run_verify(const bank::StoreOptions& options) {
    if (options.engine == "sqlite" && !std::filesystem::exists(options.db_path)) {
        std::cerr << "no database at " << options.db_path << "\n";
        return 2;
    }
    bank::SystemClock clock;
    const auto store_owner = bank::open_store(options, clock);
    bank::Store& store = *store_owner;
    const bank::VerifyReport report = bank::verify_ledger(store);
    std::cout << "accounts:      " << report.accounts << "\n"
              << "transactions:  " << report.transactions << "\n"
              << "transfers:     " << report.transfers << "\n"
              << "total balance: " << report.total_balance.display() << "\n"
              << "deposits:      " << report.total_deposits.display() << "\n"
              << "withdrawals:   " << report.total_withdrawals.display() << "\n";
    const bank::InterestVerifyReport interest = bank::verify_interest(store, store);
    const bank::BankFigureVerifyReport figures = bank::verify_bank_figures(store, store);
    const bank::OccurrenceAuditVerifyReport audits =
        bank::verify_occurrence_audits(store, store, store, clock.now());
    std::cout << "interest:      " << interest.months << " months recomputed, " << interest.postings
              << " postings\n";
    std::cout << "bank figures:  " << figures.figures << " figures, " << figures.days
              << " days of largest transfers, " << figures.markers << " activity markers\n";
    std::cout << "order audits:  " << audits.outcomes << " standing-order outcomes, "
              << audits.checked << " with their events still kept\n";
    for (const auto& problem : figures.problems) std::cout << "PROBLEM: " << problem << "\n";
    for (const auto& problem : audits.problems) std::cout << "PROBLEM: " << problem << "\n";
    for (const auto& problem : report.problems) std::cout << "PROBLEM: " << problem << "\n";
    for (const auto& problem : interest.problems) std::cout << "PROBLEM: " << problem << "\n";
    const bool ok = report.ok && interest.ok && figures.ok && audits.ok;
    std::cout << (ok ? "OK: every invariant holds\n" : "FAILED: the ledger is inconsistent\n");
    store.shutdown();
    return ok ? 0 : 1;
}

// Creates the DynamoDB tables that are missing and waits until all are ACTIVE. When it
// created the payee rollups table (an upgrade of a deployment that has postings already), or
// when asked, it fills that table from the postings; when it created the change feed's
// table, it fills that too (every posting already stored gets its feed item).
int run_setup_dynamodb(bool rebuild_payee_rollups, bool rebuild_bank_figures) {
    const bank::DynamoDbConfig config = bank::DynamoDbConfig::from_environment();
    bank::DynamoDbClient client(config);
    std::cout << "endpoint " << client.config().endpoint << ", region " << client.config().region
              << "\n";
    const bank::DynamoDbTables tables(client.config().table_prefix);
    bool fill_change_feed = false;
    for (const auto& line : tables.create_missing(client)) {
        std::cout << line << "\n";
        if (line.starts_with(tables.payee_rollups + ": created")) rebuild_payee_rollups = true;
        if (line.starts_with(tables.changes + ": created")) fill_change_feed = true;
        if (line.starts_with(tables.bank_figures + ": created")) rebuild_bank_figures = true;
    }
    if (fill_change_feed) {
        const bank::SystemClock clock;
        bank::DynamoDbStore store(config, clock);
        const std::size_t filled = store.backfill_change_feed();
        store.shutdown();
        std::cout << tables.changes << ": filled from the postings, " << filled << " written\n";
    }
    if (rebuild_payee_rollups) {
        const bank::SystemClock clock;
        bank::DynamoDbStore store(config, clock);
        const bank::PayeeRebuild rebuilt = store.rebuild_payee_rollups();
        store.shutdown();
        std::cout << tables.payee_rollups << ": rebuilt from the postings, " << rebuilt.written
                  << " written, " << rebuilt.removed << " removed\n";
    }
    if (rebuild_bank_figures) {
        const bank::SystemClock clock;
        bank::DynamoDbStore store(config, clock);
        const std::size_t written = store.rebuild_bank_figures();
        store.shutdown();
        std::cout << tables.bank_figures << ": rebuilt from the people, accounts and postings, "
                  << written << " written\n";
    }
    return 0;
}

// The serve settings from the environment (and .env), before the command line overrides them.
bank::ServeOptions serve_options_from_environment() {
    bank::ServeOptions serve;
    serve.host = env_or("BANK_HOST", "127.0.0.1");
    serve.port = static_cast<unsigned short>(std::stoi(env_or("PORT", "5000")));
    serve.store.engine = env_or("BANK_STORE", "sqlite");
    serve.store.db_path = env_or("BANK_DB", "bank.db");
    serve.web_root = default_web_root();
    serve.pipeline.cookie_secure = env_true("BANK_COOKIE_SECURE");
    for (std::string list = env_or("BANK_TRUSTED_PROXIES", ""); !list.empty();) {
        const std::size_t comma = list.find(',');
        std::string address = list.substr(0, comma);
        list = comma == std::string::npos ? "" : list.substr(comma + 1);
        address.erase(0, address.find_first_not_of(' '));
        address.erase(address.find_last_not_of(' ') + 1);
        if (!address.empty()) serve.pipeline.trusted_proxies.push_back(address);
    }
    serve.pipeline.logins_per_minute = std::stoul(env_or(
        "BANK_LOGINS_PER_MINUTE", std::to_string(bank::limits::logins_per_address_per_minute)));
    serve.pipeline.api_requests_per_minute = std::stoul(env_or(
        "BANK_API_REQUESTS_PER_MINUTE", std::to_string(bank::limits::api_requests_per_minute)));
    serve.tls_certificate = env_or("BANK_TLS_CERT", "");
    serve.tls_key = env_or("BANK_TLS_KEY", "");
    serve.secret_key_file = env_or("BANK_SECRET_KEY_FILE", "");
    serve.step_up_policy = env_or("BANK_STEP_UP", "enrolled");
    serve.mail.smtp_url = env_or("BANK_SMTP_URL", "");
    serve.mail.mail_from = env_or("BANK_MAIL_FROM", "");
    serve.mail.ca_file = env_or("BANK_SMTP_CA_FILE", "");
    serve.public_url = env_or("BANK_PUBLIC_URL", "");
    serve.scheduler_interval_seconds = static_cast<unsigned>(
        std::stoul(env_or("BANK_SCHEDULER_INTERVAL",
                          std::to_string(bank::limits::scheduler_interval_default.count()))));
    return serve;
}

CLI::App* add_serve_command(CLI::App& app, bank::ServeOptions& serve) {
    auto* serve_command = app.add_subcommand("serve", "Serve the web pages and the API");
    serve_command->add_option("--host", serve.host, "Address to listen on")->capture_default_str();
    serve_command->add_option("--port", serve.port, "Port to listen on (0: any free port)")
        ->capture_default_str();
    serve_command->add_option("--store", serve.store.engine, "Storage engine: sqlite or dynamodb")
        ->capture_default_str();
    serve_command->add_option("--db", serve.store.db_path, "SQLite database file")
        ->capture_default_str();
    serve_command->add_option("--web-root", serve.web_root, "Folder holding web/ and node_modules/")
        ->capture_default_str();
    serve_command->add_option("--threads", serve.threads, "I/O threads (0: one per core)");
    serve_command->add_flag("--cookie-secure", serve.pipeline.cookie_secure,
                            "Mark cookies Secure (behind TLS)");
    serve_command->add_option("--tls-cert", serve.tls_certificate,
                              "PEM certificate chain: serve HTTPS");
    serve_command->add_option("--tls-key", serve.tls_key, "PEM private key for --tls-cert");
    serve_command->add_option("--public-url", serve.public_url,
                              "The address people's browsers open the bank at (reset links "
                              "point there; passkeys take their origin and RP ID from it)");
    serve_command
        ->add_option("--scheduler-interval", serve.scheduler_interval_seconds,
                     "Seconds between standing-order passes (0: no scheduler here)")
        ->capture_default_str();
    return serve_command;
}

int run_command_line(int argc, char** argv) {
    bank::load_env_file(".env");
    CLI::App app{"bank: a web banking system with analytics"};
    app.require_subcommand(1);

    bank::ServeOptions serve = serve_options_from_environment();
    auto* serve_command = add_serve_command(app, serve);

    bank::StoreOptions verify_store{env_or("BANK_STORE", "sqlite"), env_or("BANK_DB", "bank.db")};
    auto* verify_command = app.add_subcommand("verify", "Check every ledger invariant of a store");
    verify_command->add_option("--store", verify_store.engine, "Storage engine: sqlite or dynamodb")
        ->capture_default_str();
    verify_command->add_option("--db", verify_store.db_path, "SQLite database file")
        ->capture_default_str();

    auto* setup_dynamodb_command = app.add_subcommand(
        "setup-dynamodb", "Create the DynamoDB tables (idempotent) and wait until they are ACTIVE");
    bool rebuild_payee_rollups = false;
    setup_dynamodb_command->add_flag(
        "--rebuild-payee-rollups", rebuild_payee_rollups,
        "Make the payee rollups again from the postings (only while no server runs); done "
        "anyway when this run creates their table");
    bool rebuild_bank_figures = false;
    setup_dynamodb_command->add_flag(
        "--rebuild-bank-figures", rebuild_bank_figures,
        "Make the bank-wide figures again from the people, accounts and postings (only while no "
        "server runs); done anyway when this run creates their table");

    auto* routes_command =
        app.add_subcommand("routes", "Print the route table: who may call each method and path");

    bank::AdminCommand admin;
    bank::add_admin_command(app, admin, verify_store);
    bank::DemoDataCommand demo;
    bank::add_demo_data_command(app, demo, verify_store);

    CLI11_PARSE(app, argc, argv);
    try {
        if (serve_command->parsed()) return bank::run_serve(serve);
        if (verify_command->parsed()) return run_verify(verify_store);
        if (admin.command->parsed()) return bank::run_admin(admin);
        if (demo.command->parsed()) return bank::run_demo_data(demo);
        if (setup_dynamodb_command->parsed()) {
            return run_setup_dynamodb(rebuild_payee_rollups, rebuild_bank_figures);
        }
        if (routes_command->parsed()) {
            bank::print_route_table(std::cout);
            return 0;
        }
    } catch (const std::exception& error) {
        spdlog::critical("{}", error.what());
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // What escapes the subcommands' own handling (a malformed PORT in the environment, a .env
    // file that cannot be read) is reported, never left to std::terminate.
    try {
        return run_command_line(argc, argv);
    } catch (const std::exception& error) {
        std::cerr << "bank: " << error.what() << "\n";
    } catch (...) {
        std::cerr << "bank: unexpected error\n";
    }
    return 1;
}
