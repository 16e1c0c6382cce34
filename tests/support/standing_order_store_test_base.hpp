#pragma once

// The fixture the standing-order store tests share: on each engine, a payer with $10,000.00
// in a checking account, a payee with an empty one, and orders between them stored as the
// service makes them.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/random.hpp"
#include "ledger/standing_order_plans.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank::test {

class StandingOrderStoreTestBase : public EngineStoreTest {
protected:
    using EngineStoreTest::EngineStoreTest;

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        payer_ = add_test_user(*store_, clock_, "payer@example.com");
        payee_ = add_test_user(*store_, clock_, "payee@example.com");
        from_ = open_test_account(*store_, payer_, Money::from_cents(10'000'00));
        to_ = open_test_account(*store_, payee_);
    }

    // An order from `from_` to `to_`, planned and stored as the service does; `start`
    // defaults to the clock's day, its first possible day. A refusal fails the calling test.
    StandingOrder add_order(const std::string& rule, Money amount = Money::from_cents(100'00),
                            std::optional<Date> start = std::nullopt,
                            const std::string& description = "Rent",
                            const std::string& category = "rent") {
        StandingOrderDraft draft;
        draft.standing_order_id = random_token(16);
        draft.user_id = payer_.user_id;
        draft.from_account_id = from_.account_id;
        draft.to_account_number = to_.account_number;
        draft.amount = amount;
        draft.description = description;
        draft.category = category;
        draft.start_date = start.value_or(utc_date(clock_.now()));
        draft.rule = parse_recurrence_rule(rule).value();
        const auto plan = plan_standing_order_creation(draft, from_, to_, 0, clock_.now());
        EXPECT_EQ(plan.status, StandingOrderRefusal::ok) << to_string(plan.status);
        EXPECT_TRUE(store_->add_standing_order(plan.next));
        return plan.next;
    }

    User payer_;
    User payee_;
    Account from_;
    Account to_;
};

}  // namespace bank::test
