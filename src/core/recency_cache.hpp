#pragma once

#include <cstddef>
#include <iterator>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace bank {

// Values under string keys, each with a weight (1 for a count of entries, its size for a
// budget of bytes), at most `weight_max` in all: the least recently used go first. Not
// synchronised: each cache that keeps one holds its own lock around it. The caches of
// reports and of history windows share this instead of each keeping its own list and map.
template <class Value>
class RecencyCache {
public:
    explicit RecencyCache(std::size_t weight_max) : weight_max_(weight_max) {}

    // The value under `key`, now the most recently used; nullptr when none.
    Value* find(const std::string& key) {
        const auto found = entries_.find(key);
        if (found == entries_.end()) return nullptr;
        recent_.splice(recent_.begin(), recent_, found->second.recent);
        return &found->second.value;
    }

    // The value under `key`, taken out; nullopt when none.
    std::optional<Value> take(const std::string& key) {
        const auto found = entries_.find(key);
        if (found == entries_.end()) return std::nullopt;
        Value value = std::move(found->second.value);
        erase(found);
        return value;
    }

    // Keeps `value` under `key` (replacing what was there), then drops the least recently used
    // until the weights fit. A value heavier than the whole budget is not kept.
    void keep(const std::string& key, Value value, std::size_t weight) {
        const auto found = entries_.find(key);
        if (found != entries_.end()) erase(found);
        if (weight > weight_max_) return;
        recent_.push_front(key);
        entries_.emplace(key, Slot{std::move(value), weight, recent_.begin()});
        weight_ += weight;
        while (weight_ > weight_max_) erase(entries_.find(recent_.back()));
    }

    // Drops every value for which `drop(value)` holds, whatever its recency.
    template <class Predicate>
    void erase_if(Predicate drop) {
        for (auto slot = entries_.begin(); slot != entries_.end();) {
            const auto next = std::next(slot);
            if (drop(std::as_const(slot->second.value))) erase(slot);
            slot = next;
        }
    }

    void clear() {
        entries_.clear();
        recent_.clear();
        weight_ = 0;
    }

    std::size_t size() const { return entries_.size(); }
    std::size_t weight() const { return weight_; }

private:
    struct Slot {
        Value value;
        std::size_t weight = 0;
        std::list<std::string>::iterator recent;
    };
    using Entries = std::unordered_map<std::string, Slot>;

    void erase(typename Entries::iterator slot) {
        weight_ -= slot->second.weight;
        recent_.erase(slot->second.recent);
        entries_.erase(slot);
    }

    const std::size_t weight_max_;
    Entries entries_;
    std::list<std::string> recent_;  // keys, most recently used first
    std::size_t weight_ = 0;
};

}  // namespace bank
