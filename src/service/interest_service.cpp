#include "service/interest_service.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "core/interest_limits.hpp"
#include "ledger/interest_plans.hpp"
#include "ledger/standing_order.hpp"

namespace bank {

Result<InterestRate> InterestService::set_rate(const Identity& admin,
                                               const std::string& account_type,
                                               const std::string& annual_rate,
                                               const std::string& effective_from) {
    if (admin.user.role != Role::admin) {
        return make_error(ErrorCode::forbidden, "This is for the bank's administrators.");
    }
    const auto type = parse_account_type(account_type);
    if (!type) {
        return make_error(ErrorCode::validation_failed,
                          "The account type must be savings (or checking, which earns none).",
                          "account_type");
    }
    const auto rate = AnnualRate::parse_percent(annual_rate);
    if (!rate) return rate.error();
    const auto from = parse_iso_date(effective_from);
    if (!from) {
        return make_error(ErrorCode::validation_failed,
                          "The date a rate takes effect must be a date such as 2026-12-01.",
                          "effective_from");
    }
    const auto existing = rates_.list_interest_rates(*type);
    NewInterestRate request{*type, *from, *rate, admin.user.user_id, clock_.now()};
    auto planned = plan_new_interest_rate(request, existing);
    if (!planned) return planned.error();
    if (!rates_.add_interest_rate(*planned)) {
        // Another administrator added a period from that date meanwhile.
        return make_error(ErrorCode::conflict,
                          "A rate from " + effective_from +
                              " is already set; rates are never edited, so choose another date.",
                          "effective_from");
    }
    spdlog::info("administrator {} set the {} interest rate to {} % from {}", admin.user.user_id,
                 to_string(*type), rate->percent_text(), effective_from);
    return planned;
}

InterestRateHistory InterestService::history_of(AccountType type) {
    InterestRateHistory history;
    history.account_type = type;
    auto periods = rates_.list_interest_rates(type);
    const Date today = utc_date(clock_.now());
    for (const InterestRate& period : periods) {
        if (period.effective_from <= today) history.in_force = period;
    }
    std::reverse(periods.begin(), periods.end());
    if (periods.size() > limits::interest_rates_shown_max) {
        periods.resize(limits::interest_rates_shown_max);
    }
    history.periods = std::move(periods);
    return history;
}

Result<std::vector<InterestRateHistory>> InterestService::list_rates(const Identity& admin) {
    if (admin.user.role != Role::admin) {
        return make_error(ErrorCode::forbidden, "This is for the bank's administrators.");
    }
    return std::vector<InterestRateHistory>{history_of(AccountType::savings)};
}

InterestRateHistory InterestService::savings_rates() { return history_of(AccountType::savings); }

}  // namespace bank
