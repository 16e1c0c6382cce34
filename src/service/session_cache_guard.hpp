#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/ledger_writer.hpp"
#include "service/session_cache.hpp"

namespace bank {

// The writer the services that change sessions and people write through (AuthService,
// SessionService, AdminAccessService, PasswordResetService), so that the SessionCache forgets
// what a command may have changed once it is durable and before its waiter is told: a
// signed-out, revoked or disabled person's token is refused from the very next request.
// Everything else goes to the store unchanged.
class SessionCacheGuard final : public LedgerWriter {
public:
    SessionCacheGuard(LedgerWriter& store, SessionCache& sessions)
        : store_(store), sessions_(sessions) {}

    void submit(WriteCommand command, Completion done) override;
    void shutdown() override { store_.shutdown(); }
    bool reads_block() const override { return store_.reads_block(); }
    std::optional<std::uint64_t> data_version(const std::vector<std::string>& ids) override {
        return store_.data_version(ids);
    }

private:
    LedgerWriter& store_;
    SessionCache& sessions_;
};

}  // namespace bank
