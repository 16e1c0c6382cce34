#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/standing_order.hpp"
#include "ledger/store_unavailable.hpp"

namespace bank {

// Names one occurrence for a batch read: the order's owner, the order, the due date.
struct OccurrenceId {
    std::string user_id;
    std::string standing_order_id;
    Date due_date{};
};

// The scheduler's last write for an occurrence: its outcome, then its order moved past it.
struct OccurrenceFinish {
    std::optional<Occurrence> outcome;  // nullopt: already stored (decided at the claim)
    std::optional<StandingOrder> next;  // nullopt: the order stays (a date still retrying)
};

struct OccurrenceFinished {
    bool outcome_saved = false;  // true too when there was no outcome to write
    bool order_saved = false;    // false too when there was no order to write
};

// Standing orders and their occurrences. No money moves here (an occurrence's posting goes
// through the LedgerWriter), so nothing waits in the writer's queue: like PasskeyStore, each
// change is one conditional write over the version it was decided on. That condition is the
// claim that lets several servers run the same orders: only one wins an occurrence. May be
// called from any thread at once; a backend that cannot answer throws StoreUnavailable.
class StandingOrderStore {
public:
    virtual ~StandingOrderStore() = default;

    // A person's orders, oldest first (strongly consistent).
    virtual std::vector<StandingOrder> list_standing_orders(std::string_view user_id) = 0;
    // The person's order with this id; nullopt when there is none (or it is another's).
    virtual std::optional<StandingOrder> find_standing_order(std::string_view user_id,
                                                             std::string_view order_id) = 0;
    // Stores a new order (version 1); false, writing nothing, when its id is taken.
    virtual bool add_standing_order(const StandingOrder& order) = 0;
    // Writes `next` only over the stored version `next.version - 1`; false otherwise.
    virtual bool save_standing_order(const StandingOrder& next) = 0;
    // Active orders of everyone whose next due date is on or before `through`, at most
    // `limit` of them (the scheduler's read).
    virtual std::vector<StandingOrder> due_standing_orders(Date through, std::size_t limit) = 0;

    // An order's occurrences, newest due date first, at most `limit`.
    virtual std::vector<Occurrence> list_occurrences(std::string_view user_id,
                                                     std::string_view order_id,
                                                     std::size_t limit) = 0;
    virtual std::optional<Occurrence> find_occurrence(std::string_view user_id,
                                                      std::string_view order_id, Date due_date) = 0;
    // Version 1: stores the occurrence only if none with its order and date exists. Later
    // versions: only over the stored version `next.version - 1`. False, writing nothing,
    // otherwise (another server claimed or changed it first).
    virtual bool save_occurrence(const Occurrence& next) = 0;

    // The scheduler's batches: the same reads and conditional writes for many occurrences or
    // orders at once, answered element by element in the order given. Each write keeps its
    // single call's condition, so a batch of claims wins exactly those no other server holds;
    // a refused element changes nothing and does not stop the others. An engine makes one
    // batch cheap (SQLite: one transaction, so one commit; DynamoDB: the conditional PutItems
    // sent concurrently, never BatchWriteItem, which has no conditions). These defaults call
    // the single methods one by one, for stores that gain nothing from a batch.
    virtual std::vector<std::optional<Occurrence>> find_occurrences(
        const std::vector<OccurrenceId>& ids);
    // Claims (version 1) and outcomes (later versions), as save_occurrence.
    virtual std::vector<bool> save_occurrences(const std::vector<Occurrence>& next);
    // Each order over its stored version `version - 1`, as save_standing_order.
    virtual std::vector<bool> save_standing_orders(const std::vector<StandingOrder>& next);
    // A round's outcomes and next dates together: each element's outcome as save_occurrence,
    // then its order as save_standing_order, only when the outcome was written (an order never
    // moves past a date whose outcome is lost). SQLite makes the whole batch one transaction,
    // so one commit where outcomes and next dates were two. This default: the outcomes' batch,
    // then the orders' batch.
    virtual std::vector<OccurrenceFinished> finish_occurrences(
        const std::vector<OccurrenceFinish>& finishes);
};

}  // namespace bank
