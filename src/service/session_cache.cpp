#include "service/session_cache.hpp"

#include <iterator>

namespace bank {

std::uint64_t SessionCache::ticket() const {
    const std::lock_guard lock(mutex_);
    return forgets_;
}

std::optional<SessionAndUser> SessionCache::find(const std::string& token_hash,
                                                 std::uint64_t version) {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(token_hash);
    if (found == entries_.end()) return std::nullopt;
    if (found->second.version != version) {
        entries_.erase(found);
        return std::nullopt;
    }
    return found->second.found;
}

void SessionCache::keep(const std::string& token_hash, std::uint64_t version, std::uint64_t ticket,
                        const SessionAndUser& found) {
    const std::lock_guard lock(mutex_);
    // Something was forgotten since the read began: what it read may be what was forgotten.
    if (ticket != forgets_) return;
    if (entries_.size() >= entries_max_ && !entries_.contains(token_hash)) entries_.clear();
    entries_.insert_or_assign(token_hash, Slot{version, found});
}

void SessionCache::touched(const std::string& token_hash, Timestamp last_seen) {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(token_hash);
    if (found != entries_.end()) found->second.found.session.last_seen = last_seen;
}

void SessionCache::forget(const std::string& token_hash) {
    const std::lock_guard lock(mutex_);
    ++forgets_;
    entries_.erase(token_hash);
}

void SessionCache::forget_person(const std::string& user_id) {
    const std::lock_guard lock(mutex_);
    ++forgets_;
    for (auto slot = entries_.begin(); slot != entries_.end();) {
        const auto next = std::next(slot);
        if (slot->second.found.user.user_id == user_id) entries_.erase(slot);
        slot = next;
    }
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
