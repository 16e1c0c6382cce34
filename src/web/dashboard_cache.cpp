#include "web/dashboard_cache.hpp"

#include "core/random.hpp"

namespace bank {

namespace {

constexpr std::size_t marker_bytes = 24;

std::vector<std::string> cut(std::string_view page, std::string_view marker) {
    std::vector<std::string> pieces;
    for (;;) {
        const std::size_t at = page.find(marker);
        if (at == std::string_view::npos) break;
        pieces.emplace_back(page.substr(0, at));
        page.remove_prefix(at + marker.size());
    }
    pieces.emplace_back(page);
    return pieces;
}

}  // namespace

DashboardCache::DashboardCache(const Clock& clock, std::size_t bytes_max)
    : clock_(clock), bytes_max_(bytes_max), marker_("csrf-" + random_token(marker_bytes)) {}

std::shared_ptr<const DashboardCache::Entry> DashboardCache::find(const std::string& user_id) {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(user_id);
    if (found == entries_.end()) return nullptr;
    recent_.splice(recent_.begin(), recent_, found->second.recent);
    return found->second.entry;
}

std::shared_ptr<const DashboardCache::Entry> DashboardCache::keep(std::uint64_t version,
                                                                  std::string day,
                                                                  std::vector<std::string> ids,
                                                                  std::string_view page) {
    auto entry = std::make_shared<Entry>();
    entry->version = version;
    entry->day = std::move(day);
    entry->ids = std::move(ids);
    entry->pieces = cut(page, marker_);
    entry->bytes = page.size();
    for (const auto& id : entry->ids) entry->bytes += id.size();
    if (entry->ids.empty() || entry->bytes > bytes_max_) return entry;
    const std::string& user_id = entry->ids.front();
    const std::lock_guard lock(mutex_);
    auto found = entries_.find(user_id);
    if (found == entries_.end()) {
        recent_.push_front(user_id);
        found = entries_.emplace(user_id, Slot{nullptr, recent_.begin()}).first;
    } else {
        bytes_ -= found->second.entry->bytes;
        recent_.splice(recent_.begin(), recent_, found->second.recent);
    }
    bytes_ += entry->bytes;
    found->second.entry = entry;
    evict_over_bound();
    return entry;
}

void DashboardCache::forget(const std::string& user_id) {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(user_id);
    if (found == entries_.end()) return;
    bytes_ -= found->second.entry->bytes;
    recent_.erase(found->second.recent);
    entries_.erase(found);
}

void DashboardCache::evict_over_bound() {
    while (bytes_ > bytes_max_ && !recent_.empty()) {
        const auto found = entries_.find(recent_.back());
        bytes_ -= found->second.entry->bytes;
        entries_.erase(found);
        recent_.pop_back();
    }
}

std::string DashboardCache::page(const Entry& entry, std::string_view csrf_token) {
    std::string page;
    page.reserve(entry.bytes + entry.pieces.size() * csrf_token.size());
    for (std::size_t index = 0; index < entry.pieces.size(); ++index) {
        if (index > 0) page += csrf_token;
        page += entry.pieces[index];
    }
    return page;
}

std::string DashboardCache::today() const { return format_date(clock_.now()); }

std::string DashboardCache::today(const TimeZone& zone) const {
    return format_date(clock_.now(), zone) + " " + zone.name();
}

std::size_t DashboardCache::bytes() const {
    const std::lock_guard lock(mutex_);
    return bytes_;
}

}  // namespace bank
