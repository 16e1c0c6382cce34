#include "service/session_cache.hpp"

namespace bank {

std::uint64_t SessionCache::ticket() const {
    const std::lock_guard lock(mutex_);
    return forgets_;
}

std::optional<SessionAndUser> SessionCache::find(const std::string& token_hash,
                                                 std::uint64_t version) {
    const std::lock_guard lock(mutex_);
    const Slot* found = entries_.find(token_hash);
    if (found == nullptr) return std::nullopt;
    if (found->version != version) {
        entries_.take(token_hash);
        return std::nullopt;
    }
    return found->found;
}

void SessionCache::keep(const std::string& token_hash, std::uint64_t version, std::uint64_t ticket,
                        const SessionAndUser& found) {
    const std::lock_guard lock(mutex_);
    // Something was forgotten since the read began: what it read may be what was forgotten.
    if (ticket != forgets_) return;
    entries_.keep(token_hash, Slot{version, found}, 1);
}

void SessionCache::touched(const std::string& token_hash, Timestamp last_seen) {
    const std::lock_guard lock(mutex_);
    if (Slot* found = entries_.find(token_hash)) found->found.session.last_seen = last_seen;
}

void SessionCache::forget(const std::string& token_hash) {
    const std::lock_guard lock(mutex_);
    ++forgets_;
    entries_.take(token_hash);
}

void SessionCache::forget_person(const std::string& user_id) {
    const std::lock_guard lock(mutex_);
    ++forgets_;
    entries_.erase_if([&](const Slot& slot) { return slot.found.user.user_id == user_id; });
}

void SessionCache::forget_all() {
    const std::lock_guard lock(mutex_);
    ++forgets_;
    entries_.clear();
}

std::size_t SessionCache::size() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace bank
