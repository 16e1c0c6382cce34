#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "core/clock.hpp"
#include "core/recency_cache.hpp"

namespace bank {

// Reports computed from a person's history (the forecast, the recurring payments), kept so
// that a repeated request neither reads nor decodes thousands of postings while nothing of the
// person's changed.
//
// An entry answers only under the same key (the caller puts in it everything else the report
// was computed from: the person, the asked values, the person's today, their standing orders
// and decisions as read now), at the same data version (LedgerWriter::data_version over the
// person and their accounts, read before the history it guards), and while `now` is at most
// its `valid_through`: the instant the history window's start would pass the oldest posting
// read, after which the same read would find fewer rows. At most `entries_max` entries; the
// least recently used go first.
template <class Report>
class PersonReportCache {
public:
    explicit PersonReportCache(std::size_t entries_max) : entries_(entries_max) {}

    std::optional<Report> find(const std::string& key, std::uint64_t version, Timestamp now) {
        const std::lock_guard lock(mutex_);
        const Slot* slot = entries_.find(key);
        if (slot == nullptr || slot->version != version || now > slot->valid_through) {
            return std::nullopt;
        }
        return slot->report;
    }

    void keep(const std::string& key, std::uint64_t version, Timestamp valid_through,
              Report report) {
        const std::lock_guard lock(mutex_);
        entries_.keep(key, Slot{version, valid_through, std::move(report)}, 1);
    }

    std::size_t size() const {
        const std::lock_guard lock(mutex_);
        return entries_.size();
    }

private:
    struct Slot {
        std::uint64_t version = 0;
        Timestamp valid_through;
        Report report;
    };

    mutable std::mutex mutex_;
    RecencyCache<Slot> entries_;  // each entry weighs 1: at most `entries_max` of them
};

}  // namespace bank
