#include "ledger/report_queries.hpp"

#include <algorithm>
#include <map>

namespace bank {

PeriodCounts PeriodCounts::of(const std::vector<Rollup>& rollups) {
    std::map<std::string, std::map<std::string, std::int64_t>, std::less<>> outflows;
    std::map<std::string, std::int64_t, std::less<>> postings;
    for (const Rollup& rollup : rollups) {
        if (rollup.count == 0) continue;
        postings[rollup.account_id] += rollup.count;
        if (!is_credit(rollup.transaction_type)) {
            outflows[rollup.account_id][rollup.category] += rollup.count;
        }
    }
    PeriodCounts counts;
    for (const auto& [account_id, count] : postings) {
        Account account{account_id, count, {}};
        if (const auto found = outflows.find(account_id); found != outflows.end()) {
            account.outflows_by_category.assign(found->second.begin(), found->second.end());
        }
        counts.accounts.push_back(std::move(account));
    }
    return counts;
}

const PeriodCounts::Account* PeriodCounts::find(std::string_view account_id) const {
    const auto found = std::find_if(accounts.begin(), accounts.end(), [&](const Account& account) {
        return account.account_id == account_id;
    });
    return found == accounts.end() ? nullptr : &*found;
}

}  // namespace bank
