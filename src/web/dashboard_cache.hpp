#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/time_zone.hpp"

namespace bank {

// Rendered dashboards, one per person, so that a repeated GET /dashboard neither reads the
// figures nor renders while nothing of theirs changed.
//
// An entry is used only at the data version it was built at (AccountService::data_version
// over the person and the accounts the page shows: the store moves it on every committed
// write touching them, both sides of a transfer included, and on writes by other processes)
// and on the same UTC day (the page shows this month's figures). The controller reads the
// version before the data, so an entry is never newer than its version says. A store that
// cannot tell versions (DynamoDB) gets no entries. The page is kept cut around the CSRF token,
// the only part that depends on the session, and the session's token is pasted in on use.
// At most `bytes_max` bytes of pages are kept; the least recently used go first.
class DashboardCache {
public:
    struct Entry {
        std::uint64_t version = 0;
        std::string day;                  // "2026-11-25", UTC
        std::vector<std::string> ids;     // the version's: the user's, then the accounts'
        std::vector<std::string> pieces;  // the page without its CSRF tokens
        std::size_t bytes = 0;
    };

    DashboardCache(const Clock& clock, std::size_t bytes_max);

    // The entry of the person, whether or not still valid (find_valid checks).
    std::shared_ptr<const Entry> find(const std::string& user_id);
    // The entry of the person if a page may be served from it on `day`: it was built that day
    // and `version_of(entry.ids)` (an std::optional<std::uint64_t>: the data version now) is
    // still the version it was built at. The one rule the controller serves a kept page by.
    template <class VersionOf>
    std::shared_ptr<const Entry> find_valid(const std::string& user_id, std::string_view day,
                                            VersionOf&& version_of) {
        auto entry = find(user_id);
        if (!entry || entry->day != day || version_of(entry->ids) != entry->version) return nullptr;
        return entry;
    }
    // Keeps `page`, rendered with csrf_marker() as its CSRF token; `ids[0]` is the user's.
    std::shared_ptr<const Entry> keep(std::uint64_t version, std::string day,
                                      std::vector<std::string> ids, std::string_view page);
    void forget(const std::string& user_id);

    // The UTC day now, as entries record it.
    std::string today() const;
    // The person's day now in their zone, with the zone's name: the page shows this month's
    // figures of their local month and its times in that zone.
    std::string today(const TimeZone& zone) const;
    // What a page is rendered with in place of the session's CSRF token: random per cache,
    // so no text a person typed can contain it.
    const std::string& csrf_marker() const { return marker_; }
    // The page of `entry` with `csrf_token` pasted in.
    static std::string page(const Entry& entry, std::string_view csrf_token);

    std::size_t bytes() const;

private:
    struct Slot {
        std::shared_ptr<const Entry> entry;
        std::list<std::string>::iterator recent;
    };

    void evict_over_bound();

    const Clock& clock_;
    const std::size_t bytes_max_;
    const std::string marker_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Slot> entries_;
    std::list<std::string> recent_;  // user ids, most recently used first
    std::size_t bytes_ = 0;
};

}  // namespace bank
