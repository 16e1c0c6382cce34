#include "service/category_service.hpp"

#include "core/limits.hpp"
#include "core/random.hpp"
#include "ledger/category.hpp"
#include "service/async_write.hpp"
#include "service/refusal_text.hpp"
#include "service/validation.hpp"
#include "service/write_errors.hpp"

namespace bank {
namespace {

// ASCII only, like SQLite's lower(): bytes of multi-byte UTF-8 characters are left alone,
// so a pattern never matches half a character.
std::string ascii_lower(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

Result<std::string> checked_category(std::string_view text) {
    std::string category = trim(text);
    if (!is_category(category))
        return invalid_field("Choose a category from the list.", "category");
    return category;
}

}  // namespace

std::string inferred_category(PostingKind kind, const std::vector<CategoryRule>& rules,
                              std::string_view description) {
    if (kind == PostingKind::deposit) return "income";
    const std::string haystack = ascii_lower(description);
    for (const CategoryRule& rule : rules) {
        if (!rule.pattern.empty() &&
            haystack.find(ascii_lower(rule.pattern)) != std::string::npos) {
            return rule.category;
        }
    }
    return "other";
}

std::vector<CategoryRule> CategoryService::rules(const std::string& user_id) const {
    return ledger_.list_category_rules(user_id);
}

std::string CategoryService::infer(const std::string& user_id, PostingKind kind,
                                   std::string_view description) const {
    if (kind == PostingKind::deposit) return inferred_category(kind, {}, description);
    return inferred_category(kind, ledger_.list_category_rules(user_id), description);
}

boost::asio::awaitable<Result<CategoryRule>> CategoryService::add_rule(std::string user_id,
                                                                       std::string pattern,
                                                                       std::string category) {
    CategoryRule rule;
    rule.pattern = trim(pattern);
    if (rule.pattern.empty()) co_return invalid_field("Enter the text to look for.", "pattern");
    if (rule.pattern.size() > limits::category_rule_pattern_length_max) {
        co_return invalid_field("The text to look for can have at most " +
                                    std::to_string(limits::category_rule_pattern_length_max) +
                                    " characters.",
                                "pattern");
    }
    if (!is_clean_text(rule.pattern)) {
        co_return invalid_field("The text to look for contains characters that are not allowed.",
                                "pattern");
    }
    auto checked = checked_category(category);
    if (!checked) co_return checked.error();
    rule.category = std::move(*checked);
    const std::string folded = ascii_lower(rule.pattern);
    for (const CategoryRule& existing : ledger_.list_category_rules(user_id)) {
        if (ascii_lower(existing.pattern) == folded) {
            co_return invalid_field("You already have a rule for \"" + existing.pattern + "\".",
                                    "pattern");
        }
    }
    rule.rule_id = new_id();
    rule.user_id = std::move(user_id);
    rule.created_at = clock_.now();
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = CreateCategoryRule{rule, limits::category_rules_per_user_max};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    co_return rule;
}

boost::asio::awaitable<Result<Unit>> CategoryService::delete_rule(std::string user_id,
                                                                  std::string rule_id) {
    rule_id = trim(rule_id);
    if (rule_id.empty()) co_return to_error(WriteStatus::rule_not_found);
    WriteCommand command = DeleteCategoryRule{std::move(user_id), std::move(rule_id)};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    co_return Unit{};
}

boost::asio::awaitable<Result<Transaction>> CategoryService::recategorize(
    std::string user_id, std::string transaction_id, std::string category) {
    transaction_id = trim(transaction_id);
    if (transaction_id.empty()) co_return to_error(WriteStatus::transaction_not_found);
    auto checked = checked_category(category);
    if (!checked) co_return checked.error();
    WriteCommand command =
        Recategorize{std::move(user_id), std::move(transaction_id), std::move(*checked)};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    if (result.transactions.empty()) co_return to_error(WriteStatus::unavailable);
    co_return result.transactions.front();
}

}  // namespace bank
