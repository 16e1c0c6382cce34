#pragma once

#include "ledger/bank_reads.hpp"
#include "ledger/budget_store.hpp"
#include "ledger/change_feed_reads.hpp"
#include "ledger/goal_store.hpp"
#include "ledger/identity_reads.hpp"
#include "ledger/interest_rate_store.hpp"
#include "ledger/ledger_writer.hpp"
#include "ledger/passkey_store.hpp"
#include "ledger/proposal_store.hpp"
#include "ledger/recurring_decision_store.hpp"
#include "ledger/role_grants.hpp"
#include "ledger/second_factor_store.hpp"
#include "ledger/standing_order_store.hpp"

namespace bank::test {

// The roles the sign-in and admin services read, for outage tests: an empty bank whose
// reads throw StoreUnavailable, as DynamoDbStore does once its retries are spent.
// `Failing::users` fails only the listing of users (what /admin reads last), so a test sees
// whether an outage there is hidden.
class OutageStore final : public LedgerWriter,
                          public IdentityReads,
                          public BankReads,
                          public RoleGrants,
                          public SecondFactorStore,
                          public PasskeyStore,
                          public StandingOrderStore,
                          public ProposalStore,
                          public BudgetStore,
                          public GoalStore,
                          public InterestRateStore,
                          public ChangeFeedReads,
                          public RecurringDecisionStore {
public:
    enum class Failing { everything, users };
    explicit OutageStore(Failing failing) : failing_(failing) {}

    void submit(WriteCommand command, Completion done) override;
    void shutdown() override {}
    bool reads_block() const override { return false; }
    std::optional<std::uint64_t> data_version(const std::vector<std::string>&) override {
        return std::nullopt;
    }

    std::optional<User> find_user(std::string_view user_id) override;
    std::optional<User> find_user_by_email(std::string_view email) override;
    std::optional<Session> find_session(std::string_view token_hash) override;
    std::optional<SessionAndUser> find_session_and_user(std::string_view token_hash) override;
    std::vector<AuditEvent> list_audit_events(std::string_view user_id, std::size_t limit) override;

    bool for_each_bank_account(std::size_t limit,
                               const std::function<void(const Account&)>& visit) override;
    std::vector<BankFigure> read_bank_figures(std::string_view figure,
                                              const std::vector<std::string>& periods) override;
    std::vector<Transaction> largest_transfers_of(const std::vector<std::string>& days) override;
    bool for_each_locked_user(Timestamp now, std::size_t limit,
                              const std::function<void(const User&)>& visit) override;
    bool for_each_disabled_user(std::size_t limit,
                                const std::function<void(const User&)>& visit) override;

    bool set_role(std::string_view email, Role role) override;
    std::optional<SecondFactor> find_second_factor(std::string_view user_id) override;
    bool save_second_factor(const SecondFactor& next) override;
    std::vector<Passkey> list_passkeys(std::string_view user_id) override;
    std::optional<Passkey> find_passkey(std::string_view credential_id) override;
    bool add_passkey(const Passkey& passkey) override;
    bool save_passkey(const Passkey& next) override;
    bool remove_passkey(const Passkey& current) override;
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
    std::vector<std::optional<Occurrence>> find_occurrences(
        const std::vector<OccurrenceId>& ids) override;
    std::vector<bool> save_occurrences(const std::vector<Occurrence>& next) override;
    std::vector<bool> save_standing_orders(const std::vector<StandingOrder>& next) override;
    bool add_proposal(const Proposal& proposal) override;
    std::optional<Proposal> find_proposal(std::string_view proposal_id) override;
    std::vector<Proposal> list_proposals(std::size_t limit) override;
    bool decide_proposal(const Proposal& decided) override;
    bool add_interest_rate(const InterestRate& rate) override;
    std::vector<InterestRate> list_interest_rates(AccountType type) override;
    std::optional<InterestAccrualRecord> find_interest_accrual(std::string_view account_id,
                                                               Month month) override;
    std::vector<InterestAccrualRecord> list_interest_accruals(std::string_view account_id) override;
    bool add_interest_accrual(const InterestAccrualRecord& record) override;
    bool is_change_position(std::string_view) const override { return true; }
    ChangePage read_changes(std::string_view after, std::size_t limit) override;
    std::optional<Transaction> find_posting(std::string_view transaction_id) override;
    std::vector<Budget> list_budgets(std::string_view user_id) override;
    std::optional<Budget> find_budget(std::string_view user_id,
                                      std::string_view budget_id) override;
    bool add_budget(const Budget& budget) override;
    bool save_budget(const Budget& next) override;
    bool remove_budget(const Budget& current) override;
    std::vector<SavingsGoal> list_goals(std::string_view user_id) override;
    std::optional<SavingsGoal> find_goal(std::string_view user_id,
                                         std::string_view goal_id) override;
    bool add_goal(const SavingsGoal& goal) override;
    bool save_goal(const SavingsGoal& next) override;
    bool remove_goal(const SavingsGoal& current) override;
    std::vector<RecurringDecision> list_recurring_decisions(std::string_view user_id) override;
    void put_recurring_decision(const RecurringDecision& decision) override;
    bool remove_recurring_decision(std::string_view user_id,
                                   std::string_view recurrence_key) override;

private:
    // Throws when every read fails; a read that succeeds finds nothing.
    void read() const;

    Failing failing_;
};

}  // namespace bank::test
