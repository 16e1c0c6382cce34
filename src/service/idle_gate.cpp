#include "service/idle_gate.hpp"

#include "ledger/presence_check.hpp"

namespace bank {

bool IdleGate::should_run() {
    std::uint64_t generation = 0;
    {
        const std::lock_guard lock(mutex_);
        ++asked_;
        if (!needs_presence_check(stale_, checked_at_, clock_.now(), recheck_)) return present_;
        generation = generation_;
        ++checks_;
    }
    const bool found = check_();
    const std::lock_guard lock(mutex_);
    checked_at_ = clock_.now();
    if (generation_ == generation) {
        present_ = found;
        stale_ = false;
    }
    return present_;
}

void IdleGate::note_created() {
    const std::lock_guard lock(mutex_);
    ++generation_;
    present_ = true;
}

void IdleGate::note_removed() {
    const std::lock_guard lock(mutex_);
    ++generation_;
    stale_ = true;
}

std::uint64_t IdleGate::asked() const {
    const std::lock_guard lock(mutex_);
    return asked_;
}

std::uint64_t IdleGate::checks() const {
    const std::lock_guard lock(mutex_);
    return checks_;
}

}  // namespace bank
