#include "service/rate_limiter.hpp"

namespace bank {

void RateLimiter::forget_old(std::deque<Timestamp>& events, Timestamp now) const {
    while (!events.empty() && events.front() + window_ <= now) events.pop_front();
}

bool RateLimiter::allow(const std::string& key, Timestamp now) {
    std::lock_guard lock(mutex_);
    if (events_.size() >= keys_max_ && !events_.contains(key)) events_.clear();
    auto& events = events_[key];
    forget_old(events, now);
    if (events.size() >= events_max_) return false;
    events.push_back(now);
    return true;
}

std::int64_t RateLimiter::retry_after_seconds(const std::string& key, Timestamp now) {
    std::lock_guard lock(mutex_);
    const auto found = events_.find(key);
    if (found == events_.end()) return 0;
    forget_old(found->second, now);
    if (found->second.size() < events_max_) return 0;
    const auto wait = found->second.front() + window_ - now;
    return std::chrono::ceil<std::chrono::seconds>(wait).count();
}

}  // namespace bank
