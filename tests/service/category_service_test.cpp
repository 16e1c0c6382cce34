#include "service/category_service.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>
#include <future>
#include <optional>

#include "core/limits.hpp"
#include "core/random.hpp"
#include "service/payment_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/run_awaitable.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

using namespace std::chrono_literals;

CategoryRule rule(std::string pattern, std::string category) {
    CategoryRule made;
    made.pattern = std::move(pattern);
    made.category = std::move(category);
    return made;
}

TEST(InferredCategory, FirstMatchingRuleWinsIgnoringCase) {
    const std::vector<CategoryRule> rules = {rule("uber", "transport"), rule("Uber Eats", "dining"),
                                             rule("RENT", "rent")};
    // "Uber Eats" also contains "uber": the older rule is tried first.
    EXPECT_EQ(inferred_category(PostingKind::withdrawal, rules, "UBER EATS order"), "transport");
    EXPECT_EQ(inferred_category(PostingKind::transfer, rules, "March rent"), "rent");
    EXPECT_EQ(inferred_category(PostingKind::withdrawal, rules, "Parent's gift"), "rent");
    EXPECT_EQ(inferred_category(PostingKind::withdrawal, rules, "Bakery"), "other");
    EXPECT_EQ(inferred_category(PostingKind::withdrawal, rules, ""), "other");
    EXPECT_EQ(inferred_category(PostingKind::withdrawal, {}, "uber"), "other");
}

TEST(InferredCategory, LaterRulesApplyWhenEarlierOnesDoNotMatch) {
    const std::vector<CategoryRule> rules = {rule("Uber Eats", "dining"),
                                             rule("uber", "transport")};
    EXPECT_EQ(inferred_category(PostingKind::withdrawal, rules, "uber eats"), "dining");
    EXPECT_EQ(inferred_category(PostingKind::withdrawal, rules, "Uber trip"), "transport");
}

TEST(InferredCategory, DepositsAreIncomeAndIgnoreRules) {
    const std::vector<CategoryRule> rules = {rule("uber", "transport")};
    EXPECT_EQ(inferred_category(PostingKind::deposit, rules, "Uber refund"), "income");
}

TEST(InferredCategory, OnlyAsciiLettersAreFolded) {
    const std::vector<CategoryRule> rules = {rule("café", "dining")};
    EXPECT_EQ(inferred_category(PostingKind::withdrawal, rules, "CAFé Paris"), "dining");
    // Non-ASCII letters are compared as they are, never half a character.
    EXPECT_EQ(inferred_category(PostingKind::withdrawal, rules, "CAFÉ Paris"), "other");
}

// A real SQLite store in a temporary folder and a clock the test moves.
class CategoryServiceTest : public ::testing::Test {
protected:
    CategoryServiceTest() : clock_(from_micros(1'768'435'200'000'000)) {
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
        categories_ = std::make_unique<CategoryService>(*store_, *store_, clock_);
        payments_ = std::make_unique<PaymentService>(*store_, *store_);
        ada_ = add_user("ada@example.com");
        grace_ = add_user("grace@example.com");
        adas_ = open(ada_);
        graces_ = open(grace_);
    }
    ~CategoryServiceTest() override { store_->shutdown(); }

    template <class T>
    static T run(boost::asio::awaitable<T> task) {
        return test::run_awaitable(std::move(task));
    }

    WriteResult write(WriteCommand command) {
        return test::write_and_wait(*store_, std::move(command));
    }

    User add_user(const std::string& email) { return test::add_test_user(*store_, clock_, email); }

    Account open(const User& user) {
        return test::open_test_account(*store_, user, Money::from_cents(100'000));
    }

    Result<CategoryRule> add_rule(const User& user, std::string pattern, std::string category) {
        clock_.advance(1s);
        return run(categories_->add_rule(user.user_id, std::move(pattern), std::move(category)));
    }

    Result<PaymentReceipt> withdraw(const User& user, const Account& account,
                                    std::string description, std::string category = "") {
        PaymentRequest request;
        request.user_id = user.user_id;
        request.account_id = account.account_id;
        request.amount = "12.50";
        request.description = std::move(description);
        request.category = std::move(category);
        return run(payments_->withdraw(std::move(request)));
    }

    test::ScratchDirectory directory_{"category_test"};
    ManualClock clock_;
    std::unique_ptr<SqliteStore> store_;
    std::unique_ptr<CategoryService> categories_;
    std::unique_ptr<PaymentService> payments_;
    User ada_, grace_;
    Account adas_, graces_;
};

TEST_F(CategoryServiceTest, AddsListsInOrderAndDeletesRules) {
    const auto uber = add_rule(ada_, "  Uber  ", "transport");
    ASSERT_TRUE(uber);
    EXPECT_EQ(uber->pattern, "Uber");  // trimmed
    EXPECT_EQ(uber->rule_id.size(), 32u);
    ASSERT_TRUE(add_rule(ada_, "Tesco", "groceries"));
    ASSERT_TRUE(add_rule(grace_, "uber", "travel"));

    auto rules = categories_->rules(ada_.user_id);
    ASSERT_EQ(rules.size(), 2u);
    EXPECT_EQ(rules[0].pattern, "Uber");
    EXPECT_EQ(rules[1].pattern, "Tesco");

    // Another person's rule cannot be deleted, and is not touched.
    const auto foreign = run(categories_->delete_rule(grace_.user_id, uber->rule_id));
    ASSERT_FALSE(foreign);
    EXPECT_EQ(foreign.error().code, ErrorCode::not_found);
    EXPECT_EQ(categories_->rules(ada_.user_id).size(), 2u);

    ASSERT_TRUE(run(categories_->delete_rule(ada_.user_id, uber->rule_id)));
    rules = categories_->rules(ada_.user_id);
    ASSERT_EQ(rules.size(), 1u);
    EXPECT_EQ(rules[0].pattern, "Tesco");
    const auto again = run(categories_->delete_rule(ada_.user_id, uber->rule_id));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::not_found);
    EXPECT_EQ(categories_->rules(grace_.user_id).size(), 1u);
}

TEST_F(CategoryServiceTest, RefusesInvalidRules) {
    const struct {
        std::string pattern;
        std::string category;
        std::string field;
    } cases[] = {
        {"", "transport", "pattern"},
        {"   ", "transport", "pattern"},
        {std::string(limits::category_rule_pattern_length_max + 1, 'x'), "transport", "pattern"},
        {"tab\there", "transport", "pattern"},
        {"bad\xff", "transport", "pattern"},
        {"uber", "", "category"},
        {"uber", "bribes", "category"},
        {"uber", "Transport", "category"},
    };
    for (const auto& c : cases) {
        const auto made = add_rule(ada_, c.pattern, c.category);
        ASSERT_FALSE(made) << c.pattern << " -> " << c.category;
        EXPECT_EQ(made.error().code, ErrorCode::validation_failed);
        EXPECT_EQ(made.error().field, c.field) << c.pattern << " -> " << c.category;
    }
    EXPECT_TRUE(categories_->rules(ada_.user_id).empty());
    // The longest pattern allowed is fine.
    EXPECT_TRUE(
        add_rule(ada_, std::string(limits::category_rule_pattern_length_max, 'x'), "other"));
}

TEST_F(CategoryServiceTest, RefusesAPatternThePersonAlreadyHasIgnoringCase) {
    ASSERT_TRUE(add_rule(ada_, "Uber", "transport"));
    const auto twin = add_rule(ada_, "UBER", "travel");
    ASSERT_FALSE(twin);
    EXPECT_EQ(twin.error().field, "pattern");
    EXPECT_TRUE(add_rule(grace_, "uber", "travel"));  // rules are per person
}

TEST_F(CategoryServiceTest, KeepsAtMostTheLimitOfRules) {
    for (std::size_t index = 0; index < limits::category_rules_per_user_max; ++index) {
        ASSERT_TRUE(add_rule(ada_, "shop " + std::to_string(index), "shopping")) << index;
    }
    const auto over = add_rule(ada_, "one more", "shopping");
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(over.error().field, "pattern");
    EXPECT_EQ(categories_->rules(ada_.user_id).size(), limits::category_rules_per_user_max);
    EXPECT_TRUE(add_rule(grace_, "one more", "shopping"));
}

TEST_F(CategoryServiceTest, PaymentsWithoutACategoryAreInferredFromThePersonsRules) {
    ASSERT_TRUE(add_rule(ada_, "uber", "transport"));
    ASSERT_TRUE(add_rule(ada_, "eats", "dining"));
    ASSERT_TRUE(add_rule(grace_, "coffee", "dining"));

    EXPECT_EQ(withdraw(ada_, adas_, "UBER trip home")->transaction.category, "transport");
    EXPECT_EQ(withdraw(ada_, adas_, "Uber Eats")->transaction.category, "transport");
    EXPECT_EQ(withdraw(ada_, adas_, "Deliveroo eats")->transaction.category, "dining");
    EXPECT_EQ(withdraw(ada_, adas_, "Coffee")->transaction.category, "other");  // Grace's rule
    // A chosen category wins over the rules.
    EXPECT_EQ(withdraw(ada_, adas_, "Uber", "travel")->transaction.category, "travel");
    EXPECT_EQ(categories_->infer(ada_.user_id, PostingKind::transfer, "uber"), "transport");

    PaymentRequest transfer;
    transfer.user_id = ada_.user_id;
    transfer.account_id = adas_.account_id;
    transfer.to_account_number = graces_.account_number;
    transfer.amount = "5";
    transfer.description = "Uber share";
    const auto sent = run(payments_->transfer(std::move(transfer)));
    ASSERT_TRUE(sent);
    EXPECT_EQ(sent->transaction.category, "transport");
    // Grace's leg does not show Ada's category.
    TransactionQuery graces_history;
    graces_history.user_id = grace_.user_id;
    const auto rows = store_->list_transactions(graces_history);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows.front().transaction_type, TransactionType::transfer_in);
    EXPECT_EQ(rows.front().category, "");

    PaymentRequest deposit;
    deposit.user_id = ada_.user_id;
    deposit.account_id = adas_.account_id;
    deposit.amount = "100";
    deposit.description = "Uber refund";
    EXPECT_EQ(run(payments_->deposit(std::move(deposit)))->transaction.category, "income");
}

TEST_F(CategoryServiceTest, RecategorisesOnlyThePersonsOwnTransactions) {
    const auto paid = withdraw(ada_, adas_, "Lunch");
    ASSERT_TRUE(paid);
    const std::string id = paid->transaction.transaction_id;
    EXPECT_EQ(paid->transaction.category, "other");

    const auto changed = run(categories_->recategorize(ada_.user_id, id, "dining"));
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->category, "dining");
    EXPECT_EQ(store_->find_transaction(ada_.user_id, id)->category, "dining");

    const auto foreign = run(categories_->recategorize(grace_.user_id, id, "rent"));
    ASSERT_FALSE(foreign);
    EXPECT_EQ(foreign.error().code, ErrorCode::not_found);
    EXPECT_EQ(store_->find_transaction(ada_.user_id, id)->category, "dining");

    const auto unknown = run(categories_->recategorize(ada_.user_id, new_id(), "rent"));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::not_found);

    for (const std::string bad : {"", "bribes", "DINING"}) {
        const auto refused = run(categories_->recategorize(ada_.user_id, id, bad));
        ASSERT_FALSE(refused) << bad;
        EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
        EXPECT_EQ(refused.error().field, "category");
    }
    EXPECT_EQ(store_->find_transaction(ada_.user_id, id)->category, "dining");

    // The rollups moved with it: dining holds the amount, other holds nothing.
    std::int64_t dining = 0, other = 0;
    for (const Rollup& rollup : store_->list_rollups(ada_.user_id, "", "", "")) {
        if (rollup.transaction_type != TransactionType::withdrawal) continue;
        if (rollup.category == "dining") dining += rollup.total.cents();
        if (rollup.category == "other") other += rollup.total.cents();
    }
    EXPECT_EQ(dining, 1'250);
    EXPECT_EQ(other, 0);
}

}  // namespace
}  // namespace bank
