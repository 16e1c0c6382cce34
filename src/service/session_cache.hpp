#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/recency_cache.hpp"
#include "ledger/identity_reads.hpp"

namespace bank {

// Sessions and their people as AuthService::authenticate read them, under the hash of the
// token, so that each request of a signed-in person does not read both again.
//
// An entry answers only at the same data version (LedgerWriter::data_version({}), which grows
// with every commit of another process on the same file; read before the read it guards) and
// only until it is forgotten. This process's own changes to sessions and people do not move
// that version, so every command that may change what an entry holds forgets it once durable,
// before its waiter is told (SessionCacheGuard), and `keep` refuses an entry read before a
// forget that came in between (the ticket). At most `entries_max` entries: beyond that the
// least recently used go first, and their people's next requests read again.
class SessionCache {
public:
    explicit SessionCache(std::size_t entries_max) : entries_(entries_max) {}

    // Taken before the read whose answer is then given to `keep`.
    std::uint64_t ticket() const;
    std::optional<SessionAndUser> find(const std::string& token_hash, std::uint64_t version);
    void keep(const std::string& token_hash, std::uint64_t version, std::uint64_t ticket,
              const SessionAndUser& found);
    // The session's last_seen as recorded by authenticate's own TouchSession.
    void touched(const std::string& token_hash, Timestamp last_seen);
    void forget(const std::string& token_hash);
    void forget_person(const std::string& user_id);
    void forget_all();
    std::size_t size() const;

private:
    struct Slot {
        std::uint64_t version = 0;
        SessionAndUser found;
    };

    mutable std::mutex mutex_;
    std::uint64_t forgets_ = 0;   // grows with every forget: a ticket older than it is refused
    RecencyCache<Slot> entries_;  // each entry weighs 1: the weight is the count
};

}  // namespace bank
