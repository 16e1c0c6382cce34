#pragma once

#include "service/budget_service.hpp"
#include "web/view_renderer.hpp"

namespace bank {

// The progress rows of /budgets and the dashboard's budget card: each budget's figures in
// words beside a <progress> bar (partial_budget_progress.mustache), so a person who cannot
// see the bar reads the same figures.
ViewData budget_progress_rows(const BudgetReport& report);

}  // namespace bank
