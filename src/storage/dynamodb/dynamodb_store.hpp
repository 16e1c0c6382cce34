#pragma once

#include <memory>

#include "core/clock.hpp"
#include "ledger/analytics_from_history.hpp"
#include "ledger/store.hpp"
#include "storage/dynamodb/dynamodb_bank_reads.hpp"
#include "storage/dynamodb/dynamodb_client.hpp"
#include "storage/dynamodb/dynamodb_config.hpp"
#include "storage/dynamodb/dynamodb_ledger_commands.hpp"
#include "storage/dynamodb/dynamodb_reads.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"
#include "storage/dynamodb/dynamodb_user_commands.hpp"
#include "storage/dynamodb/dynamodb_write_pool.hpp"

namespace bank {

// The Store on AWS DynamoDB (tables made by `bank setup-dynamodb`). It keeps no state of
// its own, so any number of server processes can share one set of tables: sessions,
// lockout counters and idempotency records live there too. Each write command runs on the
// store's own thread pool and is one atomic DynamoDB write (TransactWriteItems where it
// touches several items); `done` runs on that pool once DynamoDB has acknowledged it.
// What DynamoDbStore::rebuild_payee_rollups wrote and removed.
struct PayeeRebuild {
    std::size_t written = 0;
    std::size_t removed = 0;
};

class DynamoDbStore final : public Store {
public:
    DynamoDbStore(DynamoDbConfig config, const Clock& clock);
    ~DynamoDbStore() override;
    DynamoDbStore(const DynamoDbStore&) = delete;
    DynamoDbStore& operator=(const DynamoDbStore&) = delete;

    void submit(WriteCommand command, Completion done) override;
    // The invariant checks every plan passes before it is written (tests inject faults).
    PlanGuard& plan_guard() { return plan_guard_; }
    // The client, for tests that make its requests fail (DynamoDbClient::inject_fault).
    DynamoDbClient& client() { return client_; }
    void shutdown() override;
    bool reads_block() const override { return true; }
    // Other servers write the same tables, so no version could tell of their writes.
    std::optional<std::uint64_t> data_version(const std::vector<std::string>&) override {
        return std::nullopt;
    }

    std::optional<User> find_user(std::string_view user_id) override;
    std::optional<User> find_user_by_email(std::string_view email) override;
    std::optional<Session> find_session(std::string_view token_hash) override;
    std::optional<SessionAndUser> find_session_and_user(std::string_view token_hash) override {
        return find_session_then_user(*this, token_hash);
    }
    // SessionReads, in dynamodb_store_sessions.cpp.
    std::vector<Session> list_sessions(std::string_view user_id) override;
    std::vector<Account> list_accounts(std::string_view user_id) override;
    std::optional<Account> find_account(std::string_view account_id) override;
    std::optional<Account> find_account_by_number(std::string_view account_number) override;
    std::vector<Transaction> list_transactions(const TransactionQuery& query) override;
    std::vector<MonthlyTotal> monthly_totals(std::string_view user_id,
                                             std::string_view account_id) override;
    std::vector<Rollup> list_rollups(std::string_view user_id, std::string_view account_id,
                                     std::string_view from_month,
                                     std::string_view to_month) override;
    std::vector<PayeeRollup> list_payee_rollups(std::string_view user_id,
                                                std::string_view account_id,
                                                std::string_view from_month,
                                                std::string_view to_month) override;
    std::optional<Transaction> find_transaction(std::string_view user_id,
                                                std::string_view transaction_id) override;
    std::vector<CategoryRule> list_category_rules(std::string_view user_id) override;
    // In dynamodb_remembered_requests.cpp.
    std::optional<RememberedRequest> find_remembered_request(
        std::string_view user_id, std::string_view idempotency_key) override;
    std::vector<AuditEvent> list_audit_events(std::string_view user_id, std::size_t limit) override;

    // No index answers these better than the history does (see analytics_from_history.hpp).
    std::vector<Rollup> period_rollups(const PeriodQuery& query) override {
        return period_rollups_from_history(*this, query);
    }
    std::vector<PayeeRollup> period_payee_rollups(const PeriodQuery& query) override {
        return period_payee_rollups_from_history(*this, query);
    }
    std::vector<Transaction> largest_outflows(const PeriodQuery& query, const PeriodCounts&,
                                              std::size_t limit) override {
        return largest_outflows_from_history(*this, query, limit);
    }
    std::vector<Transaction> outflows_above(const PeriodQuery& query, const PeriodCounts&,
                                            const std::vector<CategoryThreshold>& thresholds,
                                            std::size_t limit) override {
        return outflows_above_from_history(*this, query, thresholds, limit);
    }
    std::vector<Money> balances_at(std::string_view user_id, std::string_view account_id,
                                   const std::vector<Timestamp>& at) override {
        return balances_at_from_history(*this, user_id, account_id, at);
    }

    void for_each_account(const std::function<void(const Account&)>& visit) override;
    void for_each_transaction(const std::function<void(const Transaction&)>& visit) override;
    void for_each_rollup(const std::function<void(const Rollup&)>& visit) override;
    void for_each_payee_rollup(const std::function<void(const PayeeRollup&)>& visit) override;
    bool for_each_bank_account(std::size_t limit,
                               const std::function<void(const Account&)>& visit) override {
        return bank_reads_.for_each_account(limit, visit);
    }
    bool set_role(std::string_view email, Role role) override;
    // dynamodb_store_second_factors.cpp
    std::optional<SecondFactor> find_second_factor(std::string_view user_id) override;
    bool save_second_factor(const SecondFactor& next) override;
    // dynamodb_store_passkeys.cpp
    std::vector<Passkey> list_passkeys(std::string_view user_id) override;
    std::optional<Passkey> find_passkey(std::string_view credential_id) override;
    bool add_passkey(const Passkey& passkey) override;
    bool save_passkey(const Passkey& next) override;
    bool remove_passkey(const Passkey& current) override;
    // dynamodb_store_standing_orders.cpp
    std::vector<StandingOrder> list_standing_orders(std::string_view user_id) override;
    std::optional<StandingOrder> find_standing_order(std::string_view user_id,
                                                     std::string_view order_id) override;
    bool add_standing_order(const StandingOrder& order) override;
    bool save_standing_order(const StandingOrder& next) override;
    std::vector<StandingOrder> due_standing_orders(Date through, std::size_t limit) override;
    std::vector<Occurrence> list_occurrences(std::string_view user_id, std::string_view order_id,
                                             std::size_t limit) override;
    std::optional<Occurrence> find_occurrence(std::string_view user_id, std::string_view order_id,
                                              Date due_date) override;
    bool save_occurrence(const Occurrence& next) override;
    // dynamodb_standing_order_batches.cpp
    std::vector<std::optional<Occurrence>> find_occurrences(
        const std::vector<OccurrenceId>& ids) override;
    std::vector<bool> save_occurrences(const std::vector<Occurrence>& next) override;
    std::vector<bool> save_standing_orders(const std::vector<StandingOrder>& next) override;
    // dynamodb_store_proposals.cpp
    bool add_proposal(const Proposal& proposal) override;
    std::optional<Proposal> find_proposal(std::string_view proposal_id) override;
    std::vector<Proposal> list_proposals(std::size_t limit) override;
    bool decide_proposal(const Proposal& decided) override;
    std::optional<Transaction> find_posting(std::string_view transaction_id) override;
    // dynamodb_store_budgets.cpp
    std::vector<Budget> list_budgets(std::string_view user_id) override;
    std::optional<Budget> find_budget(std::string_view user_id,
                                      std::string_view budget_id) override;
    bool add_budget(const Budget& budget) override;
    bool save_budget(const Budget& next) override;
    bool remove_budget(const Budget& current) override;
    // dynamodb_store_goals.cpp
    std::vector<SavingsGoal> list_goals(std::string_view user_id) override;
    std::optional<SavingsGoal> find_goal(std::string_view user_id,
                                         std::string_view goal_id) override;
    bool add_goal(const SavingsGoal& goal) override;
    bool save_goal(const SavingsGoal& next) override;
    bool remove_goal(const SavingsGoal& current) override;
    // dynamodb_store_webhooks.cpp
    std::vector<WebhookEndpoint> list_webhook_endpoints(std::string_view user_id) override;
    std::optional<WebhookEndpoint> find_webhook_endpoint(std::string_view user_id,
                                                         std::string_view endpoint_id) override;
    bool add_webhook_endpoint(const WebhookEndpoint& endpoint) override;
    bool save_webhook_endpoint(const WebhookEndpoint& next) override;
    bool remove_webhook_endpoint(const WebhookEndpoint& current) override;
    bool any_webhook_endpoint() override;
    bool add_webhook_delivery(const WebhookDelivery& delivery) override;
    bool save_webhook_delivery(const WebhookDelivery& next) override;
    std::vector<WebhookDelivery> list_webhook_deliveries(std::string_view endpoint_id,
                                                         std::size_t limit) override;
    std::vector<WebhookDelivery> due_webhook_deliveries(Timestamp now, std::size_t limit) override;
    // dynamodb_store_notifications.cpp
    std::vector<AlertRule> list_alert_rules(std::string_view user_id) override;
    bool add_alert_rule(const AlertRule& rule) override;
    bool remove_alert_rule(std::string_view user_id, std::string_view rule_id) override;
    bool any_alert_rule() override;
    bool add_notification(const Notification& notification) override;
    std::vector<Notification> list_notifications(std::string_view user_id,
                                                 std::size_t limit) override;
    std::size_t count_unread_notifications(std::string_view user_id) override;
    bool mark_notification_read(std::string_view user_id,
                                std::string_view notification_id) override;
    void trim_notifications(std::string_view user_id, std::size_t keep) override;
    AlertCursor find_alert_cursor() override;
    bool save_alert_cursor(const AlertCursor& next) override;
    // dynamodb_store_recurring_decisions.cpp
    std::vector<RecurringDecision> list_recurring_decisions(std::string_view user_id) override;
    void put_recurring_decision(const RecurringDecision& decision) override;
    bool remove_recurring_decision(std::string_view user_id,
                                   std::string_view recurrence_key) override;
    // dynamodb_store_interest.cpp
    bool add_interest_rate(const InterestRate& rate) override;
    std::vector<InterestRate> list_interest_rates(AccountType type) override;
    std::optional<InterestAccrualRecord> find_interest_accrual(std::string_view account_id,
                                                               Month month) override;
    std::vector<InterestAccrualRecord> list_interest_accruals(std::string_view account_id) override;
    bool add_interest_accrual(const InterestAccrualRecord& record) override;
    // A round's records in TransactWriteItems of up to 100, sent together.
    std::vector<bool> add_interest_accruals(
        const std::vector<InterestAccrualRecord>& records) override;

    const DynamoDbTables& tables() const { return tables_; }

    // Makes the payee rollups again from the postings: every (account, month, description)
    // of the outgoing postings written whole, every other item removed. For postings that
    // predate the payee rollups table (`bank setup-dynamodb` runs it when it creates that
    // table, or on --rebuild-payee-rollups). Only while no server writes: a posting made
    // meanwhile could be counted twice or not at all. Idempotent.
    PayeeRebuild rebuild_payee_rollups();
    // dynamodb_store_bank_figures.cpp: the bank-wide figures made again from the people,
    // accounts and postings, every other figure item removed; `bank setup-dynamodb` runs it
    // when it creates the figures table, or on --rebuild-bank-figures. Only while no server
    // writes, like the payee rollups. Returns the number of items written.
    std::size_t rebuild_bank_figures();
    std::vector<BankFigure> read_bank_figures(std::string_view figure,
                                              const std::vector<std::string>& periods) override;
    std::vector<Transaction> largest_transfers_of(const std::vector<std::string>& days) override;
    // The items of older days expire (limits::bank_largest_transfers_retention).
    std::string largest_transfers_kept_since() override;
    bool for_each_locked_user(Timestamp now, std::size_t limit,
                              const std::function<void(const User&)>& visit) override;
    bool for_each_disabled_user(std::size_t limit,
                                const std::function<void(const User&)>& visit) override;
    void for_each_person(const std::function<void(const User&)>& visit) override;
    void for_each_bank_figure(const std::function<void(const BankFigure&)>& visit) override;
    void for_each_activity_marker(
        const std::function<void(const std::string&, const std::string&)>& visit) override;
    // dynamodb_store_changes.cpp: ChangeFeedReads, and `bank setup-dynamodb`'s fill of the
    // change feed from the postings stored before it existed (a Put per posting of the same
    // key and content, so a second run changes nothing); returns how many it wrote.
    bool is_change_position(std::string_view position) const override;
    ChangePage read_changes(std::string_view after, std::size_t limit) override;
    std::size_t backfill_change_feed();

private:
    WriteResult apply(const WriteCommand& command);
    // The ids of the accounts a query covers: the user's, or the one named if it is theirs.
    std::vector<std::string> account_ids_for(std::string_view user_id, std::string_view account_id,
                                             RetryBudget& budget);
    std::vector<Transaction> account_history(const std::string& account_id,
                                             const TransactionQuery& query, RetryBudget& budget);
    // Queries the items of the accounts a query covers in a table keyed by account_id and a
    // sort key that starts with the month ("MONTH#..."), months in [from_month, to_month].
    void for_each_month_item(const std::string& table, std::string_view sort_key,
                             std::string_view user_id, std::string_view account_id,
                             std::string_view from_month, std::string_view to_month,
                             const std::function<void(const boost::json::object&)>& visit);
    void scan(const std::string& table,
              const std::function<void(const boost::json::object&)>& visit);
    // Whether the table holds an item: a Scan of one key (about 0.5 RRU).
    bool any_item(const std::string& table);
    bool visit_indexed_users(boost::json::object request, std::size_t limit,
                             const std::function<void(const User&)>& visit);

    const Clock& clock_;
    PlanGuard plan_guard_;
    DynamoDbClient client_;
    DynamoDbTables tables_;
    DynamoDbReads reads_;
    DynamoDbBankReads bank_reads_;
    DynamoDbUserCommands user_commands_;
    DynamoDbLedgerCommands ledger_commands_;
    DynamoDbWritePool writers_;
};

}  // namespace bank
