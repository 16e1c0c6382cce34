#include "ledger/verifier.hpp"

#include <map>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "core/clock.hpp"

namespace bank {

namespace {

// A damaged store could produce a problem per row; the report keeps this many lines.
constexpr std::size_t problems_max = 1000;

struct AccountState {
    std::string account_number;
    Money balance;                // as the account row says
    Money running;                // as its postings add up
    bool running_broken = false;  // overflowed, so later comparisons mean nothing
};

struct TransferLeg {
    std::string transaction_id;
    std::string account_id;
    TransactionType type = TransactionType::transfer_out;
    Money amount;
    std::string counterparty_account_number;
    Timestamp timestamp;
};

// account_id, month, category, transaction type
using RollupKey = std::tuple<std::string, std::string, std::string, TransactionType>;

// account_id, month, description
using PayeeRollupKey = std::tuple<std::string, std::string, std::string>;

struct RollupSum {
    Money total;
    std::int64_t count = 0;
    bool broken = false;  // the total overflowed
};

class LedgerAudit {
public:
    void add_account(const Account& account);
    void add_transaction(const Transaction& row);
    void add_rollup(const Rollup& rollup);
    void add_payee_rollup(const PayeeRollup& rollup);
    VerifyReport finish();

private:
    void problem(std::string line);
    void add_to_total(Money& total, Money amount, std::string_view what);
    void post(AccountState& account, const Transaction& row);
    void add_transfer_leg(const Transaction& row);
    void count_in_rollup(const Transaction& row);
    void count_in_payee_rollup(const Transaction& row);
    // Adds the posting to an expected sum; an overflow breaks the sum and is reported once.
    void add_to(RollupSum& sum, const Transaction& row, std::string_view what);
    void report_missing_rollups();
    void check_transfer(const std::string& transfer_id, const TransferLeg& first,
                        const TransferLeg& second);
    std::string number_of(const std::string& account_id) const;

    std::map<std::string, AccountState> accounts_;
    std::unordered_map<std::string, TransferLeg> unpaired_legs_;
    // Recomputed from the transactions; a stored rollup takes its entry out once compared.
    std::map<RollupKey, RollupSum> expected_rollups_;
    std::map<PayeeRollupKey, RollupSum> expected_payee_rollups_;
    VerifyReport report_;
    std::size_t problems_dropped_ = 0;
};

void LedgerAudit::problem(std::string line) {
    report_.ok = false;
    if (report_.problems.size() < problems_max) {
        report_.problems.push_back(std::move(line));
    } else {
        ++problems_dropped_;
    }
}

void LedgerAudit::add_to_total(Money& total, Money amount, std::string_view what) {
    const auto sum = total.checked_add(amount);
    if (!sum) {
        problem("the total of " + std::string(what) + " overflows");
        return;
    }
    total = *sum;
}

void LedgerAudit::add_account(const Account& account) {
    ++report_.accounts;
    if (account.balance.is_negative()) {
        problem("account " + account.account_number + " (" + account.account_id +
                ") has a negative balance " + account.balance.to_string());
    }
    add_to_total(report_.total_balance, account.balance, "balances");
    accounts_[account.account_id] =
        AccountState{account.account_number, account.balance, {}, false};
}

void LedgerAudit::add_transaction(const Transaction& row) {
    ++report_.transactions;
    const std::string name = "transaction " + row.transaction_id;
    if (!row.amount.is_positive()) {
        problem(name + " has a non-positive amount " + row.amount.to_string());
    }
    const auto found = accounts_.find(row.account_id);
    if (found == accounts_.end()) {
        problem(name + " belongs to unknown account " + row.account_id);
    } else {
        post(found->second, row);
    }
    count_in_rollup(row);
    count_in_payee_rollup(row);
    if (row.transaction_type == TransactionType::deposit) {
        add_to_total(report_.total_deposits, row.amount, "deposits");
    } else if (row.transaction_type == TransactionType::withdrawal) {
        add_to_total(report_.total_withdrawals, row.amount, "withdrawals");
    }
    const bool is_transfer = row.transaction_type == TransactionType::transfer_in ||
                             row.transaction_type == TransactionType::transfer_out;
    if (is_transfer && row.transfer_id.empty()) {
        problem(name + " is a transfer leg without a transfer_id");
    } else if (!is_transfer && !row.transfer_id.empty()) {
        problem(name + " is a " + std::string(to_string(row.transaction_type)) +
                " but carries transfer_id " + row.transfer_id);
    } else if (is_transfer) {
        add_transfer_leg(row);
    }
}

void LedgerAudit::post(AccountState& account, const Transaction& row) {
    if (account.running_broken) return;
    const auto running = is_credit(row.transaction_type) ? account.running.checked_add(row.amount)
                                                         : account.running.checked_sub(row.amount);
    if (!running) {
        account.running_broken = true;
        problem("account " + account.account_number + ": the running balance overflows at " +
                "transaction " + row.transaction_id);
        return;
    }
    account.running = *running;
    if (row.balance_after != account.running) {
        problem("account " + account.account_number + ": transaction " + row.transaction_id +
                " says balance_after " + row.balance_after.to_string() +
                " but the running balance is " + account.running.to_string());
    }
}

void LedgerAudit::add_transfer_leg(const Transaction& row) {
    TransferLeg leg{row.transaction_id,
                    row.account_id,
                    row.transaction_type,
                    row.amount,
                    row.counterparty_account_number,
                    row.timestamp};
    const auto found = unpaired_legs_.find(row.transfer_id);
    if (found == unpaired_legs_.end()) {
        unpaired_legs_.emplace(row.transfer_id, std::move(leg));
        return;
    }
    ++report_.transfers;
    check_transfer(row.transfer_id, found->second, leg);
    unpaired_legs_.erase(found);
}

void LedgerAudit::check_transfer(const std::string& transfer_id, const TransferLeg& first,
                                 const TransferLeg& second) {
    const std::string name = "transfer " + transfer_id;
    if (first.type == second.type) {
        problem(name + " has two " + std::string(to_string(first.type)) +
                " legs instead of one out and one in");
        return;
    }
    const TransferLeg& out = first.type == TransactionType::transfer_out ? first : second;
    const TransferLeg& in = first.type == TransactionType::transfer_out ? second : first;
    if (out.amount != in.amount) {
        problem(name + " moves " + out.amount.to_string() + " out but " + in.amount.to_string() +
                " in");
    }
    // A retried transfer finds its other leg by account and instant (SqliteLedgerCommands).
    if (out.timestamp != in.timestamp) {
        problem(name + " has legs at different instants: out at " + format_rfc3339(out.timestamp) +
                ", in at " + format_rfc3339(in.timestamp));
    }
    if (out.account_id == in.account_id) {
        problem(name + " has both legs on account " + number_of(out.account_id));
        return;
    }
    if (out.counterparty_account_number != number_of(in.account_id) ||
        in.counterparty_account_number != number_of(out.account_id)) {
        problem(name + " legs do not name each other: out on " + number_of(out.account_id) +
                " names " + out.counterparty_account_number + ", in on " +
                number_of(in.account_id) + " names " + in.counterparty_account_number);
    }
}

void LedgerAudit::count_in_rollup(const Transaction& row) {
    add_to(expected_rollups_[RollupKey{row.account_id, format_month(row.timestamp), row.category,
                                       row.transaction_type}],
           row, "rollup");
}

void LedgerAudit::count_in_payee_rollup(const Transaction& row) {
    if (is_credit(row.transaction_type)) return;
    add_to(expected_payee_rollups_[PayeeRollupKey{row.account_id, format_month(row.timestamp),
                                                  row.description}],
           row, "payee rollup");
}

void LedgerAudit::add_to(RollupSum& sum, const Transaction& row, std::string_view what) {
    ++sum.count;
    if (sum.broken) return;
    const auto total = sum.total.checked_add(row.amount);
    if (!total) {
        sum.broken = true;
        problem("account " + number_of(row.account_id) + ": the " + format_month(row.timestamp) +
                " " + std::string(what) + " total overflows at transaction " + row.transaction_id);
        return;
    }
    sum.total = *total;
}

std::string describe(const RollupKey& key, const std::string& account_number) {
    const auto& [account_id, month, category, type] = key;
    return "rollup of account " + account_number + " for " + month + ", category '" + category +
           "', " + std::string(to_string(type));
}

void LedgerAudit::add_rollup(const Rollup& rollup) {
    ++report_.rollups;
    RollupKey key{rollup.account_id, rollup.month, rollup.category, rollup.transaction_type};
    const auto found = expected_rollups_.find(key);
    const std::string name = describe(key, number_of(rollup.account_id));
    if (found == expected_rollups_.end()) {
        problem(name + " (" + rollup.total.to_string() + " in " + std::to_string(rollup.count) +
                " postings) has no postings behind it");
        return;
    }
    const RollupSum& expected = found->second;
    if (!expected.broken && (expected.total != rollup.total || expected.count != rollup.count)) {
        problem(name + " says " + rollup.total.to_string() + " in " + std::to_string(rollup.count) +
                " postings but the postings add up to " + expected.total.to_string() + " in " +
                std::to_string(expected.count));
    }
    expected_rollups_.erase(found);
}

std::string describe(const PayeeRollupKey& key, const std::string& account_number) {
    const auto& [account_id, month, description] = key;
    return "payee rollup of account " + account_number + " for " + month + ", description '" +
           description + "'";
}

void LedgerAudit::add_payee_rollup(const PayeeRollup& rollup) {
    ++report_.payee_rollups;
    PayeeRollupKey key{rollup.account_id, rollup.month, rollup.description};
    const auto found = expected_payee_rollups_.find(key);
    const std::string name = describe(key, number_of(rollup.account_id));
    if (found == expected_payee_rollups_.end()) {
        problem(name + " (" + rollup.total.to_string() + " in " + std::to_string(rollup.count) +
                " postings) has no outgoing postings behind it");
        return;
    }
    const RollupSum& expected = found->second;
    if (!expected.broken && (expected.total != rollup.total || expected.count != rollup.count)) {
        problem(name + " says " + rollup.total.to_string() + " in " + std::to_string(rollup.count) +
                " postings but the outgoing postings add up to " + expected.total.to_string() +
                " in " + std::to_string(expected.count));
    }
    expected_payee_rollups_.erase(found);
}

void LedgerAudit::report_missing_rollups() {
    for (const auto& [key, expected] : expected_rollups_) {
        problem(describe(key, number_of(std::get<0>(key))) +
                " is missing (its postings add up to " +
                (expected.broken ? std::string("out of range") : expected.total.to_string()) +
                " in " + std::to_string(expected.count) + ")");
    }
    expected_rollups_.clear();
    for (const auto& [key, expected] : expected_payee_rollups_) {
        problem(describe(key, number_of(std::get<0>(key))) +
                " is missing (its outgoing postings add up to " +
                (expected.broken ? std::string("out of range") : expected.total.to_string()) +
                " in " + std::to_string(expected.count) + ")");
    }
    expected_payee_rollups_.clear();
}

std::string LedgerAudit::number_of(const std::string& account_id) const {
    const auto found = accounts_.find(account_id);
    return found == accounts_.end() ? "unknown account " + account_id
                                    : found->second.account_number;
}

VerifyReport LedgerAudit::finish() {
    report_missing_rollups();
    for (const auto& [transfer_id, leg] : unpaired_legs_) {
        ++report_.transfers;
        problem("transfer " + transfer_id + " has only one leg (" +
                std::string(to_string(leg.type)) + " on account " + number_of(leg.account_id) +
                ", transaction " + leg.transaction_id + ")");
    }
    for (const auto& [account_id, account] : accounts_) {
        if (!account.running_broken && account.running != account.balance) {
            problem("account " + account.account_number + " (" + account_id + ") has balance " +
                    account.balance.to_string() + " but its postings sum to " +
                    account.running.to_string());
        }
    }
    const auto net = report_.total_deposits.checked_sub(report_.total_withdrawals);
    if (!net || *net != report_.total_balance) {
        problem("the balances sum to " + report_.total_balance.to_string() + " but deposits " +
                report_.total_deposits.to_string() + " minus withdrawals " +
                report_.total_withdrawals.to_string() + " is " +
                (net ? net->to_string() : std::string("out of range")));
    }
    if (problems_dropped_ > 0) {
        report_.problems.push_back("... and " + std::to_string(problems_dropped_) +
                                   " more problems");
    }
    return std::move(report_);
}

}  // namespace

VerifyReport verify_ledger(VerificationScans& store) {
    LedgerAudit audit;
    store.for_each_account([&](const Account& account) { audit.add_account(account); });
    store.for_each_transaction([&](const Transaction& row) { audit.add_transaction(row); });
    store.for_each_rollup([&](const Rollup& rollup) { audit.add_rollup(rollup); });
    store.for_each_payee_rollup([&](const PayeeRollup& rollup) { audit.add_payee_rollup(rollup); });
    return audit.finish();
}

}  // namespace bank
