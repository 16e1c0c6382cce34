#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "ledger/plan_guard.hpp"
#include "ledger/store.hpp"
#include "storage/sqlite/sqlite_audit_log.hpp"
#include "storage/sqlite/sqlite_category_commands.hpp"
#include "storage/sqlite/sqlite_change_watch.hpp"
#include "storage/sqlite/sqlite_checkpointer.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_connection_pool.hpp"
#include "storage/sqlite/sqlite_ledger_commands.hpp"
#include "storage/sqlite/sqlite_rollup_batch.hpp"
#include "storage/sqlite/sqlite_user_commands.hpp"
#include "storage/sqlite/sqlite_write_lanes.hpp"

namespace bank {

// The Store on one SQLite file in WAL mode. Reads run on pooled read connections from any
// thread. Writes go through the one write connection, taken in turns by the two writer threads
// of SqliteWriteLanes (people's writes first, the bank's own background writes at a lower
// priority); each commits what its lane has queued as one transaction (group commit), with a
// savepoint for the commands that need one; no completion runs before that commit is durable.
// The roles that move no money write through pooled side writers (SqliteConnectionPool).
class SqliteStore final : public Store {
public:
    // Idle connections kept for reuse; more are opened under load and closed afterwards. Side
    // writes take SQLite's one write lock in turns, so a few cover every thread that waits.
    static constexpr std::size_t read_connections_idle_max = 16;
    static constexpr std::size_t side_writers_idle_max = 4;

    // Opens or creates the file and brings its schema up to date; throws std::runtime_error
    // when it cannot.
    SqliteStore(std::string path, const Clock& clock);
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    void submit(WriteCommand command, Completion done) override;
    void submit_background(WriteCommand command, Completion done) override;
    void shutdown() override;
    bool reads_block() const override { return false; }
    std::optional<std::uint64_t> data_version(const std::vector<std::string>& ids) override;
    // The invariant checks every plan passes before it is written (tests inject faults).
    PlanGuard& plan_guard() { return plan_guard_; }

    std::optional<User> find_user(std::string_view user_id) override;
    std::optional<User> find_user_by_email(std::string_view email) override;
    std::optional<Session> find_session(std::string_view token_hash) override;
    std::optional<SessionAndUser> find_session_and_user(std::string_view token_hash) override;
    // SessionReads, in sqlite_store_sessions.cpp.
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
    // In sqlite_remembered_requests.cpp.
    std::optional<RememberedRequest> find_remembered_request(
        std::string_view user_id, std::string_view idempotency_key) override;
    std::vector<AuditEvent> list_audit_events(std::string_view user_id, std::size_t limit) override;

    void for_each_account(const std::function<void(const Account&)>& visit) override;
    void for_each_transaction(const std::function<void(const Transaction&)>& visit) override;
    void for_each_rollup(const std::function<void(const Rollup&)>& visit) override;
    void for_each_payee_rollup(const std::function<void(const PayeeRollup&)>& visit) override;

    std::vector<Rollup> period_rollups(const PeriodQuery& query) override;
    std::vector<PayeeRollup> period_payee_rollups(const PeriodQuery& query) override;
    std::vector<Transaction> largest_outflows(const PeriodQuery& query, const PeriodCounts& counts,
                                              std::size_t limit) override;
    std::vector<Transaction> outflows_above(const PeriodQuery& query, const PeriodCounts& counts,
                                            const std::vector<CategoryThreshold>& thresholds,
                                            std::size_t limit) override;
    std::vector<Money> balances_at(std::string_view user_id, std::string_view account_id,
                                   const std::vector<Timestamp>& at) override;
    bool for_each_bank_account(std::size_t limit,
                               const std::function<void(const Account&)>& visit) override;
    bool set_role(std::string_view email, Role role) override;
    // sqlite_store_bank_figures.cpp
    std::vector<BankFigure> read_bank_figures(std::string_view figure,
                                              const std::vector<std::string>& periods) override;
    std::vector<Transaction> largest_transfers_of(const std::vector<std::string>& days) override;
    bool for_each_locked_user(Timestamp now, std::size_t limit,
                              const std::function<void(const User&)>& visit) override;
    bool for_each_disabled_user(std::size_t limit,
                                const std::function<void(const User&)>& visit) override;
    void for_each_person(const std::function<void(const User&)>& visit) override;
    void for_each_bank_figure(const std::function<void(const BankFigure&)>& visit) override;
    void for_each_activity_marker(
        const std::function<void(const std::string&, const std::string&)>& visit) override;
    // sqlite_store_second_factors.cpp
    std::optional<SecondFactor> find_second_factor(std::string_view user_id) override;
    bool save_second_factor(const SecondFactor& next) override;
    // sqlite_store_passkeys.cpp
    std::vector<Passkey> list_passkeys(std::string_view user_id) override;
    std::optional<Passkey> find_passkey(std::string_view credential_id) override;
    bool add_passkey(const Passkey& passkey) override;
    bool save_passkey(const Passkey& next) override;
    bool remove_passkey(const Passkey& current) override;
    // sqlite_store_standing_orders.cpp
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
    // sqlite_standing_order_batches.cpp
    std::vector<std::optional<Occurrence>> find_occurrences(
        const std::vector<OccurrenceId>& ids) override;
    std::vector<bool> save_occurrences(const std::vector<Occurrence>& next) override;
    std::vector<bool> save_standing_orders(const std::vector<StandingOrder>& next) override;
    std::vector<OccurrenceFinished> finish_occurrences(
        const std::vector<OccurrenceFinish>& finishes) override;
    // sqlite_store_proposals.cpp
    bool add_proposal(const Proposal& proposal) override;
    std::optional<Proposal> find_proposal(std::string_view proposal_id) override;
    std::vector<Proposal> list_proposals(std::size_t limit) override;
    bool decide_proposal(const Proposal& decided) override;
    std::optional<Transaction> find_posting(std::string_view transaction_id) override;
    // sqlite_store_budgets.cpp
    std::vector<Budget> list_budgets(std::string_view user_id) override;
    std::optional<Budget> find_budget(std::string_view user_id,
                                      std::string_view budget_id) override;
    bool add_budget(const Budget& budget) override;
    bool save_budget(const Budget& next) override;
    bool remove_budget(const Budget& current) override;
    // sqlite_store_goals.cpp
    std::vector<SavingsGoal> list_goals(std::string_view user_id) override;
    std::optional<SavingsGoal> find_goal(std::string_view user_id,
                                         std::string_view goal_id) override;
    bool add_goal(const SavingsGoal& goal) override;
    bool save_goal(const SavingsGoal& next) override;
    bool remove_goal(const SavingsGoal& current) override;
    // sqlite_store_webhooks.cpp
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
    // sqlite_store_notifications.cpp
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
    // sqlite_store_recurring_decisions.cpp
    std::vector<RecurringDecision> list_recurring_decisions(std::string_view user_id) override;
    void put_recurring_decision(const RecurringDecision& decision) override;
    bool remove_recurring_decision(std::string_view user_id,
                                   std::string_view recurrence_key) override;
    // sqlite_store_interest.cpp
    bool add_interest_rate(const InterestRate& rate) override;
    std::vector<InterestRate> list_interest_rates(AccountType type) override;
    std::optional<InterestAccrualRecord> find_interest_accrual(std::string_view account_id,
                                                               Month month) override;
    std::vector<InterestAccrualRecord> list_interest_accruals(std::string_view account_id) override;
    bool add_interest_accrual(const InterestAccrualRecord& record) override;
    std::vector<bool> add_interest_accruals(
        const std::vector<InterestAccrualRecord>& records) override;
    // sqlite_store_changes.cpp
    bool is_change_position(std::string_view position) const override;
    ChangePage read_changes(std::string_view after, std::size_t limit) override;

private:
    // Whether a posting gets a savepoint of its own (see apply_batch).
    enum class SavepointUse { where_needed, every_command };

    void queue(WriteCommand command, Completion done, SqliteWriteLanes::Lane lane);
    void commit_batch(std::vector<QueuedWrite>& batch);
    bool apply_batch(const std::vector<QueuedWrite>& batch, std::vector<WriteResult>& results,
                     SavepointUse use);
    std::optional<WriteResult> apply_without_savepoint(const WriteCommand& command);
    static void complete_all(std::vector<QueuedWrite>& batch, std::vector<WriteResult>& results);
    WriteResult apply_in_savepoint(const WriteCommand& command);
    WriteResult apply(const WriteCommand& command);

    const Clock& clock_;
    PlanGuard plan_guard_;
    std::unique_ptr<SqliteConnection> writer_connection_;
    SqliteUserCommands user_commands_;
    SqliteRollupBatch rollup_batch_;
    SqliteLedgerCommands ledger_commands_;
    SqliteCategoryCommands category_commands_;
    SqliteAuditLog audit_log_;
    SqliteConnectionPool readers_;
    SqliteConnectionPool side_writers_;  // the roles that move no money (see the pool)
    SqliteChangeWatch change_watch_;
    SqliteCheckpointer checkpointer_;

    // Last: its threads start once everything they use is built, and are joined (shutdown)
    // before any of it is destroyed.
    SqliteWriteLanes lanes_;
};

}  // namespace bank
