#include "app/admin_command.hpp"

#include <iostream>

#include "core/clock.hpp"
#include "service/admin_service.hpp"
#include "service/audit_log.hpp"

namespace bank {

void add_admin_command(CLI::App& app, AdminCommand& admin, const StoreOptions& defaults) {
    admin.store = defaults;
    admin.command = app.add_subcommand("admin", "Manage the admin role");
    admin.command->require_subcommand(1);
    admin.grant = admin.command->add_subcommand("grant", "Make a registered user an admin");
    admin.grant->add_option("--store", admin.store.engine, "Storage engine: sqlite or dynamodb")
        ->capture_default_str();
    admin.grant->add_option("--db", admin.store.db_path, "SQLite database file")
        ->capture_default_str();
    admin.grant->add_option("email", admin.email, "The user's email")->required();
}

namespace {

// In the person's own audit log, so they can see on /profile that they were given the role.
// No client address: it came from the command line.
void record_role_granted(IdentityReads& identities, LedgerWriter& writer, const Clock& clock,
                         const std::string& email) {
    const auto user = identities.find_user_by_email(email);
    if (!user) return;
    AuditLog audit_log(identities, writer, clock);
    audit_log.record(audit_log.make(user->user_id, AuditEventKind::role_granted, "",
                                    "Admin role granted from the command line"));
}

}  // namespace

int run_admin(const AdminCommand& admin) {
    SystemClock clock;
    const auto store = open_store(admin.store, clock);
    const bool granted = AdminService(*store, *store, clock).grant_admin(admin.email);
    if (granted) record_role_granted(*store, *store, clock, admin.email);
    store->shutdown();  // after the audit event is durable
    if (!granted) {
        std::cerr << "no user with email " << admin.email << "\n";
        return 1;
    }
    std::cout << admin.email << " is now an admin\n";
    return 0;
}

}  // namespace bank
