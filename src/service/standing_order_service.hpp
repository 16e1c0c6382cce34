#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/standing_order.hpp"
#include "ledger/standing_order_store.hpp"

namespace bank {

// A new order as a person typed it: text straight from the form or JSON.
struct StandingOrderRequest {
    std::string user_id;
    std::string from_account_id;
    std::string to_account_number;
    std::string amount;
    std::string description;
    std::string category;
    std::string start_date;  // YYYY-MM-DD; empty: today (UTC)
    std::string rrule;
};

// What PATCH sent; a field left out stays as it is.
struct StandingOrderEdit {
    std::string user_id;
    std::string standing_order_id;
    std::optional<std::string> amount;
    std::optional<std::string> description;
    std::optional<std::string> rrule;
    std::optional<std::string> status;  // active or paused
};

// An order with what a person reads about it: the schedule in plain words and its next dates.
struct StandingOrderView {
    StandingOrder order;
    std::string schedule;          // "every month on the last day"
    std::vector<Date> next_dates;  // at most limits::standing_order_next_dates
};

// A person's standing orders: validate the text, read the state the planner needs, decide
// (ledger/standing_order_plans.hpp), write over the version decided on. The scheduler runs
// them (StandingOrderScheduler); this service never moves money.
class StandingOrderService {
public:
    StandingOrderService(StandingOrderStore& orders, LedgerReads& ledger, const Clock& clock)
        : orders_(orders), ledger_(ledger), clock_(clock) {}

    Result<StandingOrderView> create(const StandingOrderRequest& request);
    std::vector<StandingOrderView> list(const std::string& user_id);
    Result<StandingOrderView> get(const std::string& user_id, const std::string& order_id);
    Result<StandingOrderView> edit(const StandingOrderEdit& edit);
    Result<StandingOrderView> cancel(const std::string& user_id, const std::string& order_id);
    // Newest due date first, at most limits::occurrences_shown_max.
    Result<std::vector<Occurrence>> occurrences(const std::string& user_id,
                                                const std::string& order_id);

    StandingOrderView view_of(StandingOrder order) const;

private:
    StandingOrderStore& orders_;
    LedgerReads& ledger_;
    const Clock& clock_;
};

}  // namespace bank
