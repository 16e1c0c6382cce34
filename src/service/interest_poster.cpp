#include "service/interest_poster.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

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
    std::vector<AccountMonths> batch;
    for (const Account& account : savings) {
        if (stop_requested()) {
            complete = false;
            break;
        }
        ++pass.accounts;
        batch.push_back(months_of(account, today));
        if (batch.size() == limits::interest_accounts_per_batch) {
            if (!run_batch(batch, rates, pass)) complete = false;
            batch.clear();
        }
    }
    if (!batch.empty() && !run_batch(batch, rates, pass)) complete = false;
    if (complete) done_through_ = last_month;
    return pass;
}

InterestPoster::AccountMonths InterestPoster::months_of(const Account& account, Date today) {
    AccountMonths pending;
    pending.account = account;
    const auto records = interest_.list_interest_accruals(account.account_id);
    std::optional<Month> last_recorded;
    if (!records.empty()) {
        last_recorded = records.back().month;
        pending.carried_units = records.back().carried_units;
    }
    const Date opened = utc_date(account.created_at);
    pending.months = months_to_post(opened.year() / opened.month(), last_recorded, today);
    return pending;
}

// Round by round, the next month of every account of the batch that has one: an account's
// months stay in order (each carries the fraction of the one before), and the accounts of a
// round share one group commit of their postings and one write of their records.
bool InterestPoster::run_batch(std::vector<AccountMonths>& batch,
                               const std::vector<RatePeriod>& rates, InterestPass& pass) {
    for (;;) {
        std::vector<PlannedMonth> round = plan_round(batch, rates);
        if (round.empty()) break;
        post_round(round, pass);
        record_round(round, pass);
    }
    return std::none_of(batch.begin(), batch.end(),
                        [](const AccountMonths& pending) { return pending.refused; });
}

std::vector<InterestPoster::PlannedMonth> InterestPoster::plan_round(
    std::vector<AccountMonths>& batch, const std::vector<RatePeriod>& rates) {
    std::vector<PlannedMonth> round;
    for (AccountMonths& pending : batch) {
        if (pending.refused || pending.next == pending.months.size()) continue;
        const Month month = pending.months[pending.next];
        InterestMonthState state = read_month(pending.account, month);
        state.rates = rates;
        state.carried_units = pending.carried_units;
        PlannedMonth planned{&pending, plan_month_interest(state), {}};
        planned.record = InterestAccrualRecord{
            pending.account.account_id,         month, planned.plan.accrual.interest,
            planned.plan.accrual.carried_units, {},    clock_.now()};
        round.push_back(std::move(planned));
    }
    return round;
}

// The round's postings, submitted before any is waited for. A replay of a month posted before
// a crash is answered `duplicate` with the original row, whose id the record takes.
void InterestPoster::post_round(std::vector<PlannedMonth>& round, InterestPass& pass) {
    std::vector<WriteCommand> commands;
    std::vector<PlannedMonth*> posted;
    for (PlannedMonth& planned : round) {
        if (!planned.plan.posting) continue;
        commands.emplace_back(*planned.plan.posting);
        posted.push_back(&planned);
    }
    if (commands.empty()) return;
    const std::vector<WriteResult> results =
        write_all_and_wait(writer_, std::move(commands), WriteUrgency::background);
    for (std::size_t index = 0; index < posted.size(); ++index) {
        PlannedMonth& planned = *posted[index];
        const WriteResult& result = results[index];
        if ((result.status != WriteStatus::ok && result.status != WriteStatus::duplicate) ||
            result.transactions.empty()) {
            spdlog::warn("interest of {} for {} was refused ({}); tried again next pass",
                         planned.record.account_id, month_text(planned.record.month),
                         to_string(result.status));
            ++pass.refused;
            planned.account->refused = true;
            continue;
        }
        planned.record.transaction_id = result.transactions.front().transaction_id;
    }
}

// The round's records, added in one store call; a month another server recorded first keeps
// that server's record, which carries on.
void InterestPoster::record_round(std::vector<PlannedMonth>& round, InterestPass& pass) {
    std::vector<InterestAccrualRecord> records;
    std::vector<PlannedMonth*> recorded;
    for (PlannedMonth& planned : round) {
        if (planned.account->refused) continue;
        records.push_back(planned.record);
        recorded.push_back(&planned);
    }
    const std::vector<bool> added = interest_.add_interest_accruals(records);
    for (std::size_t index = 0; index < recorded.size(); ++index) {
        PlannedMonth& planned = *recorded[index];
        AccountMonths& pending = *planned.account;
        if (!added[index]) {
            const auto stored =
                interest_.find_interest_accrual(pending.account.account_id, planned.record.month);
            if (!stored) {
                pending.refused = true;
                continue;
            }
            planned.record = *stored;
            ++pass.busy;
        } else if (planned.plan.posting) {
            ++pass.posted;
        } else {
            ++pass.nothing;
        }
        pending.carried_units = planned.record.carried_units;
        ++pending.next;
    }
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

}  // namespace bank
