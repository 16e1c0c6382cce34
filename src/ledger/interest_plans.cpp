#include "ledger/interest_plans.hpp"

#include <algorithm>

#include "core/interest_limits.hpp"
#include "ledger/standing_order.hpp"

namespace bank {

Result<InterestRate> plan_new_interest_rate(const NewInterestRate& request,
                                            std::span<const InterestRate> existing) {
    if (request.account_type != AccountType::savings) {
        return make_error(ErrorCode::validation_failed,
                          "Interest is paid on savings accounts only: the account type must be "
                          "savings.",
                          "account_type");
    }
    const Date today = utc_date(request.now);
    const Date month_start = today.year() / today.month() / 1;
    if (request.effective_from < month_start) {
        return make_error(ErrorCode::validation_failed,
                          "A rate may take effect from " + iso_date(month_start) +
                              " on: the months before are posted at the rates then in force.",
                          "effective_from");
    }
    for (const InterestRate& rate : existing) {
        if (rate.account_type == request.account_type &&
            rate.effective_from == request.effective_from) {
            return make_error(ErrorCode::conflict,
                              "A rate from " + iso_date(request.effective_from) +
                                  " is already set; rates are never edited, so choose another "
                                  "date.",
                              "effective_from");
        }
    }
    InterestRate rate;
    rate.account_type = request.account_type;
    rate.effective_from = request.effective_from;
    rate.annual_rate = request.annual_rate;
    rate.set_by = request.set_by;
    rate.set_at = request.now;
    return rate;
}

std::vector<RatePeriod> rate_periods(std::span<const InterestRate> rates) {
    std::vector<RatePeriod> periods;
    periods.reserve(rates.size());
    for (const InterestRate& rate : rates)
        periods.push_back({rate.effective_from, rate.annual_rate});
    std::sort(periods.begin(), periods.end(), [](const RatePeriod& a, const RatePeriod& b) {
        return a.effective_from < b.effective_from;
    });
    return periods;
}

std::vector<DayBalance> end_of_day_balances(Month month, Money opening,
                                            std::span<const BalanceStep> steps) {
    using std::chrono::days;
    const std::chrono::sys_days first{month / 1};
    const std::chrono::sys_days end{(month + std::chrono::months(1)) / 1};
    std::vector<DayBalance> balances;
    Money balance = opening;
    auto step = steps.begin();
    for (std::chrono::sys_days day = first; day < end; day += days(1)) {
        const Timestamp day_end = utc_day_start(Date{day + days(1)});
        while (step != steps.end() && step->at < day_end) {
            balance = step->balance_after;
            ++step;
        }
        balances.push_back({Date{day}, balance});
    }
    return balances;
}

std::vector<Month> months_to_post(Month opened, std::optional<Month> last_recorded, Date today) {
    const Month last = today.year() / today.month() - std::chrono::months(1);
    Month first = last_recorded ? *last_recorded + std::chrono::months(1) : opened;
    const Month earliest = last - std::chrono::months(limits::interest_catch_up_months_max - 1);
    if (first < earliest) first = earliest;
    std::vector<Month> months;
    for (Month month = first; month <= last; month += std::chrono::months(1)) {
        months.push_back(month);
    }
    return months;
}

InterestMonthPlan plan_month_interest(const InterestMonthState& state) {
    const auto days = end_of_day_balances(state.month, state.opening, state.steps);
    InterestMonthPlan plan;
    plan.accrual = accrue_interest(days, state.rates, state.carried_units);
    if (!plan.accrual.interest.is_positive()) return plan;
    Posting posting;
    posting.kind = PostingKind::deposit;
    posting.user_id = state.user_id;
    posting.account_id = state.account_id;
    posting.amount = plan.accrual.interest;
    posting.description = "Interest for " + month_text(state.month);
    posting.category = "income";
    posting.idempotency_key = interest_key(state.account_id, state.month);
    // The same for every try of this month, so a retry is a replay, never a conflict.
    posting.request_fingerprint = posting.idempotency_key;
    plan.posting = std::move(posting);
    return plan;
}

}  // namespace bank
