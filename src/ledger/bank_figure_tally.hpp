#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ledger/bank_figures.hpp"
#include "ledger/model.hpp"

namespace bank {

// The bank-wide figures computed from the rows themselves, independently of the counters the
// writes keep: what `bank verify` compares them with. Give it every account before any
// posting row (a transfer's item names the account its money went to), and every person
// before any account (a row's activity counts in its owner's sign-up cohort).
class BankFigureTally {
public:
    void add_person(const User& user);
    void add_account(const Account& account);
    void add_row(const Transaction& row);

    const BankFigureSums& sums() const { return sums_; }
    // The (person, month) markers of ledger/activity.hpp the rows make.
    const std::set<std::pair<std::string, std::string>>& activity() const { return activity_; }
    // Per UTC day, the amounts of its largest outgoing transfer legs, largest first, at most
    // limits::bank_top_transfers_per_day (amounts alone: equal amounts are interchangeable).
    std::map<std::string, std::vector<Money>> largest_transfer_amounts() const;
    // The categories of those legs, by transaction id (of equal amounts at a day's limit,
    // any may be among them).
    std::map<std::string, std::string> largest_transfer_categories() const;

private:
    struct KeptTransfer {
        Money amount;
        std::string transaction_id;
        std::string category;
    };

    void add_activity(const std::string& user_id, const std::string& month);

    struct AccountFacts {
        AccountType account_type = AccountType::checking;
        std::string user_id;
    };

    static void keep_if_largest(std::vector<KeptTransfer>& day, const Transaction& row);

    BankFigureSums sums_;
    std::map<std::string, AccountFacts> accounts_;    // by account id
    std::map<std::string, std::string> account_ids_;  // by account number
    // By day, its largest legs: a heap of at most limits::bank_top_transfers_per_day, the
    // smallest on top.
    std::map<std::string, std::vector<KeptTransfer>> transfers_;
    std::map<std::string, std::string> signup_months_;        // by user id
    std::set<std::pair<std::string, std::string>> activity_;  // (user id, month)
};

}  // namespace bank
