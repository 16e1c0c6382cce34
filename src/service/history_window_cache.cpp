#include "service/history_window_cache.hpp"

#include <utility>

namespace bank {

std::optional<PostingWindow> HistoryWindowCache::take(const std::string& key) {
    const std::lock_guard lock(mutex_);
    return entries_.take(key);
}

void HistoryWindowCache::keep(const std::string& key, PostingWindow window) {
    const std::size_t bytes = window.bytes();
    const std::lock_guard lock(mutex_);
    entries_.keep(key, std::move(window), bytes);
}

std::size_t HistoryWindowCache::size() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace bank
