#pragma once

#include "core/result.hpp"
#include "ledger/goal_plans.hpp"

namespace bank {

// The message and status of each refusal of a goal command (GoalService), naming the field
// it belongs to; limits quoted from their named constants.
Error goal_error(GoalRefusal refusal);
Error goal_transfer_error(GoalTransferRefusal refusal);

}  // namespace bank
