#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>

#include "core/recency_cache.hpp"
#include "ledger/posting_window.hpp"

namespace bank {

// Each person's history window (ledger/posting_window.hpp) kept between requests, so that the
// first forecast or recurring report after a new posting reads only the postings newer than
// the window's, not its 20,000 rows again. A window is taken out while a request extends it
// (a second request for the same person meanwhile reads whole, as without the cache) and kept
// again after. At most `bytes_max` bytes in all; the least recently used go first.
class HistoryWindowCache {
public:
    explicit HistoryWindowCache(std::size_t bytes_max) : entries_(bytes_max) {}

    // The window kept under `key`, taken out of the cache; nullopt when none.
    std::optional<PostingWindow> take(const std::string& key);
    void keep(const std::string& key, PostingWindow window);

    std::size_t size() const;

private:
    mutable std::mutex mutex_;
    RecencyCache<PostingWindow> entries_;  // each window weighs its bytes
};

}  // namespace bank
