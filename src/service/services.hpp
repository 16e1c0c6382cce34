#pragma once

#include "service/account_service.hpp"
#include "service/admin_access_service.hpp"
#include "service/admin_service.hpp"
#include "service/alert_service.hpp"
#include "service/analytics_service.hpp"
#include "service/auth_service.hpp"
#include "service/bank_operations_service.hpp"
#include "service/budget_service.hpp"
#include "service/category_service.hpp"
#include "service/change_feed_service.hpp"
#include "service/forecast_service.hpp"
#include "service/goal_service.hpp"
#include "service/history_service.hpp"
#include "service/interest_service.hpp"
#include "service/passkey_service.hpp"
#include "service/password_reset_service.hpp"
#include "service/payment_service.hpp"
#include "service/recurring_decision_service.hpp"
#include "service/second_factor_service.hpp"
#include "service/session_service.hpp"
#include "service/standing_order_service.hpp"
#include "service/step_up_service.hpp"
#include "service/webhook_service.hpp"

namespace bank {

// The use cases the pages and the API call.
struct Services {
    AuthService& auth;
    AccountService& accounts;
    PaymentService& payments;
    HistoryService& history;
    AnalyticsService& analytics;
    CategoryService& categories;
    AdminService& admin;
    SecondFactorService& second_factors;
    StepUpService& step_up;
    SessionService& sessions;
    AdminAccessService& admin_access;
    PasswordResetService& password_resets;
    PasskeyService& passkeys;
    StandingOrderService& standing_orders;
    BankOperationsService& bank_operations;
    BudgetService& budgets;
    ForecastService& forecasts;
    InterestService& interest;
    ChangeFeedService& changes;
    RecurringDecisionService& recurring_decisions;
    GoalService& goals;
    WebhookService& webhooks;
    AlertService& alerts;
};

}  // namespace bank
