#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "ledger/recurrence_rule.hpp"

namespace bank {

// A person's savings goal: a target amount by a target date on one of their savings accounts.
// What is saved is that account's balance, read when the goal is shown, so the goal itself
// never moves money; an automatic monthly transfer towards it is a standing order whose id it
// keeps.
struct SavingsGoal {
    std::string goal_id;
    std::string user_id;
    std::string account_id;  // one of the person's savings accounts
    std::string name;
    Money target;
    Date target_date{};
    Timestamp created_at{};
    Timestamp updated_at{};
    std::int64_t version = 0;  // 0: not stored yet
    // The standing order that feeds the goal each month; none when the transfer is off.
    std::optional<std::string> standing_order_id;
};

}  // namespace bank
