#include "ledger/standing_order_store.hpp"

namespace bank {

std::vector<std::optional<Occurrence>> StandingOrderStore::find_occurrences(
    const std::vector<OccurrenceId>& ids) {
    std::vector<std::optional<Occurrence>> found;
    found.reserve(ids.size());
    for (const auto& id : ids) {
        found.push_back(find_occurrence(id.user_id, id.standing_order_id, id.due_date));
    }
    return found;
}

std::vector<bool> StandingOrderStore::save_occurrences(const std::vector<Occurrence>& next) {
    std::vector<bool> written;
    written.reserve(next.size());
    for (const auto& occurrence : next) written.push_back(save_occurrence(occurrence));
    return written;
}

std::vector<bool> StandingOrderStore::save_standing_orders(const std::vector<StandingOrder>& next) {
    std::vector<bool> written;
    written.reserve(next.size());
    for (const auto& order : next) written.push_back(save_standing_order(order));
    return written;
}

}  // namespace bank
