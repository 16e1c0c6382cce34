#include "ledger/bank_figure_tally.hpp"

#include <algorithm>
#include <functional>

#include "core/bank_figure_limits.hpp"
#include "ledger/activity.hpp"

namespace bank {

void BankFigureTally::keep_if_largest(std::vector<KeptTransfer>& day, const Transaction& row) {
    const auto smallest_on_top = [](const KeptTransfer& left, const KeptTransfer& right) {
        return left.amount > right.amount;
    };
    if (day.size() == limits::bank_top_transfers_per_day) {
        if (day.front().amount >= row.amount) return;
        std::pop_heap(day.begin(), day.end(), smallest_on_top);
        day.pop_back();
    }
    day.push_back(KeptTransfer{row.amount, row.transaction_id, row.category});
    std::push_heap(day.begin(), day.end(), smallest_on_top);
}

void BankFigureTally::add_person(const User& user) {
    for (const BankFigure& delta : registration_deltas(user)) add_figure(sums_, delta);
    signup_months_[user.user_id] = format_month(user.created_at);
}

void BankFigureTally::add_account(const Account& account) {
    for (const BankFigure& delta : account_opening_deltas(account)) add_figure(sums_, delta);
    add_figure(sums_, BankFigure{std::string(bank_figure::balances), "",
                                 std::string(to_string(account.account_type)), 0, account.balance});
    accounts_[account.account_id] = AccountFacts{account.account_type, account.user_id};
    account_ids_[account.account_number] = account.account_id;
}

void BankFigureTally::add_row(const Transaction& row) {
    if (row.transaction_type == TransactionType::transfer_in) return;
    const auto own = accounts_.find(row.account_id);
    if (own == accounts_.end()) return;  // the ledger verifier names a row without an account
    const AccountFacts& from = own->second;
    AccountFacts to = from;
    if (row.transaction_type == TransactionType::transfer_out) {
        const auto number = account_ids_.find(row.counterparty_account_number);
        if (number != account_ids_.end()) to = accounts_[number->second];
        keep_if_largest(transfers_[format_date(row.timestamp)], row);
    }
    const std::string item = volume_item(row.transaction_type, from.account_type, to.account_type,
                                         from.user_id == to.user_id);
    add_figure(sums_, BankFigure{std::string(bank_figure::volume), format_date(row.timestamp), item,
                                 1, row.amount});
    if (row.transaction_type == TransactionType::deposit) {
        add_figure(sums_, BankFigure{std::string(bank_figure::deposits), "",
                                     std::string(to_string(from.account_type)), 1, row.amount});
    }
    if (counts_as_activity(row)) add_activity(from.user_id, format_month(row.timestamp));
}

void BankFigureTally::add_activity(const std::string& user_id, const std::string& month) {
    const bool counted = !activity_.emplace(user_id, month).second;
    for (const BankFigure& delta : activity_deltas(signup_months_[user_id], month, counted)) {
        add_figure(sums_, delta);
    }
}

std::map<std::string, std::vector<Money>> BankFigureTally::largest_transfer_amounts() const {
    std::map<std::string, std::vector<Money>> largest;
    for (const auto& [day, kept] : transfers_) {
        std::vector<Money> sorted;
        for (const KeptTransfer& transfer : kept) sorted.push_back(transfer.amount);
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        largest[day] = std::move(sorted);
    }
    return largest;
}

std::map<std::string, std::string> BankFigureTally::largest_transfer_categories() const {
    std::map<std::string, std::string> categories;
    for (const auto& [day, kept] : transfers_) {
        for (const KeptTransfer& transfer : kept) {
            categories[transfer.transaction_id] = transfer.category;
        }
    }
    return categories;
}

}  // namespace bank
