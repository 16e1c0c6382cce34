#include "ledger/interest_verifier.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "ledger/interest_plans.hpp"
#include "ledger/standing_order.hpp"

namespace bank {

namespace {

struct SavingsAccount {
    Account account;
    std::vector<Transaction> rows;  // sorted by sequence before use
};

// The opening balance and the postings of `month`, from the account's rows in sequence order.
InterestMonthState month_state(const SavingsAccount& savings, Month month) {
    InterestMonthState state;
    state.user_id = savings.account.user_id;
    state.account_id = savings.account.account_id;
    state.month = month;
    const Timestamp start = utc_day_start(month / 1);
    const Timestamp end = utc_day_start((month + std::chrono::months(1)) / 1);
    for (const Transaction& row : savings.rows) {
        if (row.timestamp < start) state.opening = row.balance_after;
        if (row.timestamp >= start && row.timestamp < end) {
            state.steps.push_back({row.timestamp, row.balance_after});
        }
    }
    return state;
}

class InterestAudit {
public:
    explicit InterestAudit(std::vector<RatePeriod> rates) : rates_(std::move(rates)) {}

    void check_account(const SavingsAccount& savings,
                       const std::vector<InterestAccrualRecord>& records);
    void check_unrecorded(const std::vector<Transaction>& interest_rows);
    InterestVerifyReport finish() { return std::move(report_); }

private:
    void check_month(const SavingsAccount& savings, const InterestAccrualRecord& record,
                     std::int64_t carried_in);
    void problem(std::string line) {
        report_.ok = false;
        report_.problems.push_back(std::move(line));
    }

    std::vector<RatePeriod> rates_;
    std::set<std::string> recorded_keys_;
    InterestVerifyReport report_;
};

void InterestAudit::check_account(const SavingsAccount& savings,
                                  const std::vector<InterestAccrualRecord>& records) {
    std::int64_t carried = 0;
    for (const InterestAccrualRecord& record : records) {
        check_month(savings, record, carried);
        carried = record.carried_units;
    }
}

void InterestAudit::check_month(const SavingsAccount& savings, const InterestAccrualRecord& record,
                                std::int64_t carried_in) {
    ++report_.months;
    const std::string key = interest_key(record.account_id, record.month);
    recorded_keys_.insert(key);
    InterestMonthState state = month_state(savings, record.month);
    state.rates = rates_;
    state.carried_units = carried_in;
    const InterestAccrual expected = plan_month_interest(state).accrual;
    const std::string what = "interest of account " + savings.account.account_number + " for " +
                             month_text(record.month);
    if (expected.interest != record.interest || expected.carried_units != record.carried_units) {
        problem(what + ": recorded " + record.interest.to_string() + " carrying " +
                std::to_string(record.carried_units) + ", recomputed " +
                expected.interest.to_string() + " carrying " +
                std::to_string(expected.carried_units));
    }
    std::vector<const Transaction*> postings;
    for (const Transaction& row : savings.rows) {
        if (row.idempotency_key == key) postings.push_back(&row);
    }
    report_.postings += static_cast<std::int64_t>(postings.size());
    const std::size_t wanted = expected.interest.is_positive() ? 1 : 0;
    if (postings.size() != wanted) {
        problem(what + ": " + std::to_string(postings.size()) + " postings, expected " +
                std::to_string(wanted));
    } else if (wanted == 1 && (postings.front()->amount != expected.interest ||
                               postings.front()->transaction_type != TransactionType::deposit)) {
        problem(what + ": posted " + postings.front()->amount.to_string() + ", recomputed " +
                expected.interest.to_string());
    }
}

void InterestAudit::check_unrecorded(const std::vector<Transaction>& interest_rows) {
    for (const Transaction& row : interest_rows) {
        if (recorded_keys_.contains(row.idempotency_key)) continue;
        problem("interest posting " + row.transaction_id + " (" + row.idempotency_key +
                ") has no record of its month");
    }
}

}  // namespace

InterestVerifyReport verify_interest(VerificationScans& scans, InterestRateStore& interest) {
    std::map<std::string, SavingsAccount> savings;
    scans.for_each_account([&](const Account& account) {
        if (account.account_type == AccountType::savings) {
            savings[account.account_id].account = account;
        }
    });
    std::vector<Transaction> interest_rows;
    scans.for_each_transaction([&](const Transaction& row) {
        if (row.idempotency_key.starts_with(interest_key_prefix)) interest_rows.push_back(row);
        const auto found = savings.find(row.account_id);
        if (found != savings.end()) found->second.rows.push_back(row);
    });
    InterestAudit audit(rate_periods(interest.list_interest_rates(AccountType::savings)));
    for (auto& [account_id, account] : savings) {
        std::sort(
            account.rows.begin(), account.rows.end(),
            [](const Transaction& a, const Transaction& b) { return a.sequence < b.sequence; });
        audit.check_account(account, interest.list_interest_accruals(account_id));
    }
    audit.check_unrecorded(interest_rows);
    return audit.finish();
}

}  // namespace bank
