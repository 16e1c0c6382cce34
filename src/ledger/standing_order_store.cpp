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

std::vector<OccurrenceFinished> StandingOrderStore::finish_occurrences(
    const std::vector<OccurrenceFinish>& finishes) {
    std::vector<OccurrenceFinished> finished(finishes.size());
    std::vector<Occurrence> outcomes;
    for (const auto& finish : finishes) {
        if (finish.outcome) outcomes.push_back(*finish.outcome);
    }
    const std::vector<bool> outcomes_saved = save_occurrences(outcomes);
    std::vector<StandingOrder> orders;
    std::vector<std::size_t> order_index;
    std::size_t outcome = 0;
    for (std::size_t index = 0; index < finishes.size(); ++index) {
        finished[index].outcome_saved = !finishes[index].outcome || outcomes_saved[outcome++];
        if (!finished[index].outcome_saved || !finishes[index].next) continue;
        orders.push_back(*finishes[index].next);
        order_index.push_back(index);
    }
    const std::vector<bool> orders_saved = save_standing_orders(orders);
    for (std::size_t index = 0; index < orders.size(); ++index) {
        finished[order_index[index]].order_saved = orders_saved[index];
    }
    return finished;
}

}  // namespace bank
