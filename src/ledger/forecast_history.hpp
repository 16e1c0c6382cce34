#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ledger/cash_flow_forecast.hpp"
#include "ledger/standing_order.hpp"

namespace bank {

// One posting as the forecast sees it, in its scope's terms: its local date, description and
// signed amount (negative when money left). Over all of a person's accounts, transfers
// between two of them are left out (they cancel in the total).
struct ForecastPosting {
    Date date;
    std::string description;
    Money amount;
    std::uint32_t payee = 0;  // index into ForecastHistory::payees, once keyed
};

// What the service read for one scope (all accounts, or one).
struct ForecastHistory {
    Date today;
    Money balance;  // now
    // Every posting of the scope dated from `covered_from` to `today`, in any order.
    std::vector<ForecastPosting> postings;
    Date covered_from;
    // payee_key of the postings' descriptions, by ForecastPosting::payee: keyed once by
    // key_forecast_postings (or from a kept window) rather than on each of the forecasts the
    // back-test runs. Empty with postings: not keyed yet (each use keys a copy).
    std::vector<std::string> payees;
};

// Keys every posting's payee (ForecastHistory::payees).
void key_forecast_postings(ForecastHistory& history);

// The scope of a forecast: one account (its id and number), or all of them (empty id) with
// the person's account numbers, so that orders between two of them cancel.
struct ForecastScope {
    std::string account_id;
    std::string account_number;
    std::set<std::string> own_numbers;
};

// The days of history the variable money is learnt from: about three months.
inline constexpr int forecast_learning_days = 90;
// The back-test: as of this many month starts, over this many days.
inline constexpr int forecast_backtest_months = 6;
inline constexpr int forecast_backtest_days = 30;

// The exact flows of the active orders in the scope from their next due date to `today` +
// `days` (a date already due and not posted counts on the first day). Paused, cancelled and
// completed orders have none. Over all accounts an order to one of the person's own accounts
// cancels; for one account, an order from it leaves it and one to its number comes in.
std::vector<ForecastFlow> standing_order_flows(const std::vector<StandingOrder>& orders,
                                               const ForecastScope& scope, Date today, int days);

// The forecast's input as of the end of `as_of` (on or before history.today): the balance
// then, the recurring series detected from the postings up to then (by
// ledger/recurring_detection.hpp) with their expected dates and amounts up to `days` ahead,
// except the payees in `ordered_payees` (payee_key of the person's standing orders: projected
// exactly from the orders) and the series the person dismissed (`dismissed`, their
// recurrence_key of ledger/recurring_decision.hpp: not recurring, so their postings are
// variable money), and the variable money of the learning days before `as_of`: the postings
// that belong to no series projected and no ordered payee, summed per day. A confirmed series
// counts as a detected one does.
ForecastInput forecast_input_as_of(const ForecastHistory& history, Date as_of, int days,
                                   const std::set<std::string>& ordered_payees,
                                   const std::set<std::string>& dismissed = {});

// How well the method did: as of each of the last `forecast_backtest_months` month starts
// whose 30 days have fully passed and whose learning days are in the history, the same
// method's forecast (from the postings alone) against the real end-of-day balances. Empty
// optionals when no month could be tested.
struct ForecastAccuracy {
    int months = 0;
    std::optional<Money> mean_absolute_error;     // of the balance at the 30th day's end
    std::optional<int> inside_band_basis_points;  // of the 30 x months days
    // The naive anchors over the same months: today's balance carried flat, and the last 30
    // days' change repeated.
    std::optional<Money> flat_mean_absolute_error;
    std::optional<Money> last_month_mean_absolute_error;
};

ForecastAccuracy backtest_forecast(const ForecastHistory& history);

}  // namespace bank
