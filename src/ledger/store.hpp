#pragma once

#include "ledger/analytics_reads.hpp"
#include "ledger/bank_reads.hpp"
#include "ledger/budget_store.hpp"
#include "ledger/change_feed_reads.hpp"
#include "ledger/goal_store.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/interest_rate_store.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/ledger_writer.hpp"
#include "ledger/notification_store.hpp"
#include "ledger/passkey_store.hpp"
#include "ledger/proposal_store.hpp"
#include "ledger/recurring_decision_store.hpp"
#include "ledger/role_grants.hpp"
#include "ledger/second_factor_store.hpp"
#include "ledger/session_reads.hpp"
#include "ledger/standing_order_store.hpp"
#include "ledger/store_unavailable.hpp"
#include "ledger/verification_scans.hpp"
#include "ledger/webhook_store.hpp"

namespace bank {

// A storage engine: every role at once. Engines (SqliteStore, DynamoDbStore) implement it and
// the composition roots (`bank serve`, the CLI commands) hold one; everything else asks for
// the roles it uses, so that a test fakes only those.
class Store : public LedgerWriter,
              public IdentityReads,
              public LedgerReads,
              public AnalyticsReads,
              public BankReads,
              public RoleGrants,
              public SecondFactorStore,
              public SessionReads,
              public VerificationScans,
              public PasskeyStore,
              public StandingOrderStore,
              public ProposalStore,
              public BudgetStore,
              public GoalStore,
              public InterestRateStore,
              public ChangeFeedReads,
              public RecurringDecisionStore,
              public WebhookStore,
              public NotificationStore {};

}  // namespace bank
