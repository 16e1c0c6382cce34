#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/ledger_writer.hpp"

namespace bank {

// The category a posting gets when the person chose none:
// - money out (withdrawal, transfer): the category of the first of the person's rules (oldest
//   first) whose pattern the description contains, ignoring ASCII case; "other" when none
//   matches;
// - a deposit: "income". Rules are not applied to deposits: a rule such as "uber ->
//   transport" describes spending, and a refund from Uber is money in, not transport spending.
std::string inferred_category(PostingKind kind, const std::vector<CategoryRule>& rules,
                              std::string_view description);

// A person's categories: the rules that infer them, and changing a transaction's category
// afterwards (the store moves its sums between rollups in the same atomic write).
class CategoryService {
public:
    CategoryService(LedgerReads& ledger, LedgerWriter& writer, const Clock& clock)
        : ledger_(ledger), writer_(writer), clock_(clock) {}

    // Oldest first, the order in which they are tried.
    std::vector<CategoryRule> rules(const std::string& user_id) const;
    // Pattern: 1 to category_rule_pattern_length_max bytes of printable text, trimmed, not
    // already one of the person's patterns (ignoring case); category: one of `categories`.
    // At most category_rules_per_user_max rules per person.
    boost::asio::awaitable<Result<CategoryRule>> add_rule(std::string user_id, std::string pattern,
                                                          std::string category);
    // Only the person's own rule; another's answers not_found.
    boost::asio::awaitable<Result<Unit>> delete_rule(std::string user_id, std::string rule_id);
    // What a new posting of `kind` with this description would get from the person's rules.
    std::string infer(const std::string& user_id, PostingKind kind,
                      std::string_view description) const;
    // Sets the category of one of the person's transactions (either kind, any leg of theirs);
    // another person's transaction answers not_found and is left unchanged.
    boost::asio::awaitable<Result<Transaction>> recategorize(std::string user_id,
                                                             std::string transaction_id,
                                                             std::string category);

private:
    LedgerReads& ledger_;
    LedgerWriter& writer_;
    const Clock& clock_;
};

}  // namespace bank
