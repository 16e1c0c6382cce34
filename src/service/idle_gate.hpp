#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <utility>

#include "core/clock.hpp"

namespace bank {

// Keeps a background loop from reading the store while there is nothing for it to serve: the
// alert evaluator while nobody has a rule, the webhook dispatcher while nobody has an
// endpoint. What it knows is kept in memory: the creations and removals on this server tell
// it at once (note_created, note_removed), and it asks the store (`check`, one small read) at
// start, after a removal, and once every `recheck` (needs_presence_check), so that a creation
// on another server is found within `recheck` plus the loop's own interval. May be called from
// any thread; the store is asked outside the lock, so a creation never waits for that read.
class IdleGate {
public:
    IdleGate(std::function<bool()> check, const Clock& clock, std::chrono::seconds recheck)
        : check_(std::move(check)), clock_(clock), recheck_(recheck) {}

    // Whether the loop should run its pass now (asks the store when what it knows is stale).
    // Throws what `check` throws (a store outage); the next call asks again.
    bool should_run();
    void note_created();
    void note_removed();
    // How many times should_run was called and how many of them asked the store (tests, log).
    std::uint64_t asked() const;
    std::uint64_t checks() const;

private:
    std::function<bool()> check_;
    const Clock& clock_;
    std::chrono::seconds recheck_;
    mutable std::mutex mutex_;
    bool present_ = false;
    bool stale_ = true;  // nothing is known before the first check
    Timestamp checked_at_{};
    // Moved by every note: a check that a note overtook leaves the note's word standing.
    std::uint64_t generation_ = 0;
    std::uint64_t asked_ = 0;
    std::uint64_t checks_ = 0;
};

}  // namespace bank
