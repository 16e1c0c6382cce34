#include "service/history_window_cache.hpp"

#include <utility>

namespace bank {

std::optional<PostingWindow> HistoryWindowCache::take(const std::string& key) {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(key);
    if (found == entries_.end()) return std::nullopt;
    PostingWindow window = std::move(found->second.window);
    erase(found);
    return window;
}

void HistoryWindowCache::keep(const std::string& key, PostingWindow window) {
    const std::size_t bytes = window.bytes();
    if (bytes > bytes_max_) return;
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(key);
    if (found != entries_.end()) erase(found);
    recent_.push_front(key);
    entries_.emplace(key, Slot{std::move(window), bytes, recent_.begin()});
    bytes_ += bytes;
    while (bytes_ > bytes_max_) erase(entries_.find(recent_.back()));
}

std::size_t HistoryWindowCache::size() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
}

void HistoryWindowCache::erase(std::unordered_map<std::string, Slot>::iterator slot) {
    bytes_ -= slot->second.bytes;
    recent_.erase(slot->second.recent);
    entries_.erase(slot);
}

}  // namespace bank
