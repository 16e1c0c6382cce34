#include "ledger/posting_batch_plan.hpp"

#include <algorithm>
#include <unordered_map>

namespace bank {

namespace {

constexpr std::string_view batch_prefix = "batch:";
constexpr char refusal_mark = '!';

void sort_unique(std::vector<std::string>& values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
}

// The batch's accounts as its earlier items left them.
class RunningAccounts {
public:
    explicit RunningAccounts(const std::vector<Account>& accounts) {
        for (const Account& account : accounts) {
            id_by_number_[account.account_number] = account.account_id;
            by_id_[account.account_id] = account;
        }
    }

    std::optional<Account> by_id(const std::string& account_id) const {
        const auto found = by_id_.find(account_id);
        if (found == by_id_.end()) return std::nullopt;
        return found->second;
    }

    std::optional<Account> by_number(const std::string& account_number) const {
        const auto found = id_by_number_.find(account_number);
        if (found == id_by_number_.end()) return std::nullopt;
        return by_id(found->second);
    }

    void update(const Account& after) { by_id_[after.account_id] = after; }

private:
    std::unordered_map<std::string, Account> by_id_;
    std::unordered_map<std::string, std::string> id_by_number_;
};

}  // namespace

BatchAccountsNamed accounts_named(const std::vector<Posting>& items) {
    BatchAccountsNamed named;
    // A batch mostly repeats its payer (and often its payee) item after item: a repeat of the
    // one just named is skipped here rather than copied and sorted away.
    for (const Posting& item : items) {
        if (named.account_ids.empty() || named.account_ids.back() != item.account_id) {
            named.account_ids.push_back(item.account_id);
        }
        if (item.kind != PostingKind::transfer) continue;
        if (named.account_numbers.empty() ||
            named.account_numbers.back() != item.to_account_number) {
            named.account_numbers.push_back(item.to_account_number);
        }
    }
    sort_unique(named.account_ids);
    sort_unique(named.account_numbers);
    return named;
}

PostingBatchPlan plan_posting_batch(const std::vector<Posting>& items,
                                    const std::vector<Account>& accounts, Timestamp now) {
    RunningAccounts running(accounts);
    PostingBatchPlan batch;
    batch.items.reserve(items.size());
    for (const Posting& item : items) {
        std::optional<Account> payee;
        if (item.kind == PostingKind::transfer) payee = running.by_number(item.to_account_number);
        PostingPlan plan = plan_posting(item, running.by_id(item.account_id), payee, now);
        if (plan.status == WriteStatus::ok) {
            running.update(*plan.payer);
            if (plan.payee) running.update(*plan.payee);
        }
        batch.items.push_back(std::move(plan));
    }
    return batch;
}

std::string encode_batch_outcomes(const std::vector<WriteResult>& items) {
    std::string text(batch_prefix);
    for (std::size_t index = 0; index < items.size(); ++index) {
        if (index > 0) text += ',';
        const WriteResult& item = items[index];
        if (item.status == WriteStatus::ok && !item.transactions.empty()) {
            text += item.transactions.front().transaction_id;
        } else {
            text += refusal_mark;
            text += to_string(item.status);
        }
    }
    return text;
}

std::optional<std::vector<BatchItemOutcome>> decode_batch_outcomes(std::string_view text) {
    if (!text.starts_with(batch_prefix)) return std::nullopt;
    text.remove_prefix(batch_prefix.size());
    std::vector<BatchItemOutcome> outcomes;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const std::string_view entry = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        if (entry.empty()) return std::nullopt;
        if (entry.front() != refusal_mark) {
            outcomes.push_back({WriteStatus::ok, std::string(entry)});
            continue;
        }
        const auto status = write_status_named(entry.substr(1));
        if (!status || *status == WriteStatus::ok) return std::nullopt;
        outcomes.push_back({*status, ""});
    }
    return outcomes;
}

std::optional<WriteStatus> write_status_named(std::string_view name) {
    const auto last = static_cast<int>(WriteStatus::invariant_violated);
    for (int value = 0; value <= last; ++value) {
        const auto status = static_cast<WriteStatus>(value);
        if (to_string(status) == name) return status;
    }
    return std::nullopt;
}

}  // namespace bank
