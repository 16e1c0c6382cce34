#pragma once

#include <vector>

#include "ledger/model.hpp"
#include "service/goal_service.hpp"
#include "web/view_renderer.hpp"

namespace bank {

// The goals of /goals and the dashboard's goal card: each goal's figures in words beside a
// <progress> bar labelled by its name and those words (partial_goal_progress.mustache), so a
// person who cannot see the bar reads the same figures. `accounts` are the person's, to name
// a goal's account and its transfer's.
ViewData goal_rows(const std::vector<GoalView>& goals, const std::vector<Account>& accounts);

}  // namespace bank
