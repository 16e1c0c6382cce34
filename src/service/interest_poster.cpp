#include "service/interest_poster.hpp"

#include <spdlog/spdlog.h>

#include "core/interest_limits.hpp"
#include "ledger/standing_order.hpp"
#include "service/blocking_write.hpp"

namespace bank {

namespace {

Timestamp first_instant_of(Month month) { return utc_day_start(month / 1); }

// An active savings account. One frozen for credits would refuse the deposit at every pass
// (and keep every pass of the month visiting all accounts); its months wait, still to post in
// order, for the first pass of a month after its unfreeze.
bool earns_interest(const Account& account) {
    const bool frozen_for_credits = account.freeze && freeze_forbids(*account.freeze, false);
    return account.account_type == AccountType::savings &&
           account.status == AccountStatus::active && !frozen_for_credits;
}

}  // namespace

InterestPass InterestPoster::run_pass(const std::function<bool()>& stop_requested) {
    InterestPass pass;
    const Date today = utc_date(clock_.now());
    const Month last_month = today.year() / today.month() - std::chrono::months(1);
    if (done_through_ == last_month) return pass;
    std::vector<Account> savings;
    bank_.for_each_bank_account(limits::interest_accounts_per_pass_max,
                                [&](const Account& account) {
                                    if (earns_interest(account)) savings.push_back(account);
                                });
    const auto rates = rate_periods(interest_.list_interest_rates(AccountType::savings));
    bool complete = true;
    for (const Account& account : savings) {
        if (stop_requested()) {
            complete = false;
            break;
        }
        ++pass.accounts;
        if (!run_account(account, rates, today, pass)) complete = false;
    }
    if (complete) done_through_ = last_month;
    return pass;
}

bool InterestPoster::run_account(const Account& account, const std::vector<RatePeriod>& rates,
                                 Date today, InterestPass& pass) {
    const auto records = interest_.list_interest_accruals(account.account_id);
    std::optional<Month> last_recorded;
    std::int64_t carried = 0;
    if (!records.empty()) {
        last_recorded = records.back().month;
        carried = records.back().carried_units;
    }
    const Date opened = utc_date(account.created_at);
    for (const Month month : months_to_post(opened.year() / opened.month(), last_recorded, today)) {
        InterestMonthState state = read_month(account, month);
        state.rates = rates;
        state.carried_units = carried;
        const InterestMonthPlan plan = plan_month_interest(state);
        InterestAccrualRecord record{account.account_id,         month, plan.accrual.interest,
                                     plan.accrual.carried_units, {},    clock_.now()};
        if (plan.posting) {
            const WriteResult result = write(*plan.posting);
            if ((result.status != WriteStatus::ok && result.status != WriteStatus::duplicate) ||
                result.transactions.empty()) {
                spdlog::warn("interest of {} for {} was refused ({}); tried again next pass",
                             account.account_id, month_text(month), to_string(result.status));
                ++pass.refused;
                return false;
            }
            record.transaction_id = result.transactions.front().transaction_id;
        }
        if (!interest_.add_interest_accrual(record)) {
            // Another server recorded the month first; its record carries on.
            const auto stored = interest_.find_interest_accrual(account.account_id, month);
            if (!stored) return false;
            record = *stored;
            ++pass.busy;
        } else if (plan.posting) {
            ++pass.posted;
        } else {
            ++pass.nothing;
        }
        carried = record.carried_units;
    }
    return true;
}

InterestMonthState InterestPoster::read_month(const Account& account, Month month) {
    InterestMonthState state;
    state.user_id = account.user_id;
    state.account_id = account.account_id;
    state.month = month;
    TransactionQuery before;
    before.user_id = account.user_id;
    before.account_id = account.account_id;
    before.to = first_instant_of(month);
    before.sort = TransactionSort::newest;
    before.limit = 1;
    const auto last_before = ledger_.list_transactions(before);
    if (!last_before.empty()) state.opening = last_before.front().balance_after;
    TransactionQuery within = before;
    within.from = first_instant_of(month);
    within.to = first_instant_of(month + std::chrono::months(1));
    within.sort = TransactionSort::oldest;
    within.limit = limits::interest_rows_per_page;
    for (;;) {
        const auto rows = ledger_.list_transactions(within);
        for (const Transaction& row : rows)
            state.steps.push_back({row.timestamp, row.balance_after});
        if (rows.size() < within.limit) break;
        within.continue_after(rows.back());
    }
    return state;
}

WriteResult InterestPoster::write(WriteCommand command) {
    return write_and_wait(writer_, std::move(command));
}

}  // namespace bank
