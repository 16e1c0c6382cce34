#include "support/outage_store.hpp"

#include "ledger/store_unavailable.hpp"

namespace bank::test {

void OutageStore::read() const {
    if (failing_ == Failing::everything) {
        throw StoreUnavailable("DynamoDB did not answer (test outage)");
    }
}

void OutageStore::submit(WriteCommand, Completion done) {
    done(WriteResult{WriteStatus::unavailable});
}

std::optional<User> OutageStore::find_user(std::string_view) {
    read();
    return std::nullopt;
}

std::optional<User> OutageStore::find_user_by_email(std::string_view) {
    read();
    return std::nullopt;
}

std::optional<Session> OutageStore::find_session(std::string_view) {
    read();
    return std::nullopt;
}

std::optional<SessionAndUser> OutageStore::find_session_and_user(std::string_view) {
    read();
    return std::nullopt;
}

std::vector<AuditEvent> OutageStore::list_audit_events(std::string_view, std::size_t) {
    read();
    return {};
}

bool OutageStore::for_each_bank_account(std::size_t, const std::function<void(const Account&)>&) {
    read();
    return true;
}

std::vector<BankFigure> OutageStore::read_bank_figures(std::string_view,
                                                       const std::vector<std::string>&) {
    read();
    return {};
}

std::vector<Transaction> OutageStore::largest_transfers_of(const std::vector<std::string>&) {
    read();
    return {};
}

// As the user list of before: the people cannot be read even when the figures can.
bool OutageStore::for_each_locked_user(Timestamp, std::size_t,
                                       const std::function<void(const User&)>&) {
    throw StoreUnavailable("DynamoDB did not answer (test outage)");
}

bool OutageStore::for_each_disabled_user(std::size_t, const std::function<void(const User&)>&) {
    read();
    return true;
}

bool OutageStore::set_role(std::string_view, Role) {
    read();
    return false;
}

std::optional<SecondFactor> OutageStore::find_second_factor(std::string_view) {
    read();
    return std::nullopt;
}

bool OutageStore::save_second_factor(const SecondFactor&) {
    read();
    return false;
}

std::vector<Passkey> OutageStore::list_passkeys(std::string_view) {
    read();
    return {};
}

std::optional<Passkey> OutageStore::find_passkey(std::string_view) {
    read();
    return std::nullopt;
}

bool OutageStore::add_passkey(const Passkey&) {
    read();
    return false;
}

bool OutageStore::save_passkey(const Passkey&) {
    read();
    return false;
}

bool OutageStore::remove_passkey(const Passkey&) {
    read();
    return false;
}

std::vector<StandingOrder> OutageStore::list_standing_orders(std::string_view) {
    read();
    return {};
}

std::optional<StandingOrder> OutageStore::find_standing_order(std::string_view, std::string_view) {
    read();
    return std::nullopt;
}

bool OutageStore::add_standing_order(const StandingOrder&) {
    read();
    return false;
}

bool OutageStore::save_standing_order(const StandingOrder&) {
    read();
    return false;
}

std::vector<StandingOrder> OutageStore::due_standing_orders(Date, std::size_t) {
    read();
    return {};
}

std::vector<Occurrence> OutageStore::list_occurrences(std::string_view, std::string_view,
                                                      std::size_t) {
    read();
    return {};
}

std::optional<Occurrence> OutageStore::find_occurrence(std::string_view, std::string_view, Date) {
    read();
    return std::nullopt;
}

bool OutageStore::save_occurrence(const Occurrence&) {
    read();
    return false;
}

std::vector<std::optional<Occurrence>> OutageStore::find_occurrences(
    const std::vector<OccurrenceId>& ids) {
    read();
    return std::vector<std::optional<Occurrence>>(ids.size());
}

std::vector<bool> OutageStore::save_occurrences(const std::vector<Occurrence>& next) {
    read();
    return std::vector<bool>(next.size(), false);
}

std::vector<bool> OutageStore::save_standing_orders(const std::vector<StandingOrder>& next) {
    read();
    return std::vector<bool>(next.size(), false);
}

bool OutageStore::add_proposal(const Proposal&) {
    read();
    return false;
}

std::optional<Proposal> OutageStore::find_proposal(std::string_view) {
    read();
    return std::nullopt;
}

std::vector<Proposal> OutageStore::list_proposals(std::size_t) {
    read();
    return {};
}

bool OutageStore::decide_proposal(const Proposal&) {
    read();
    return false;
}

bool OutageStore::add_interest_rate(const InterestRate&) {
    read();
    return false;
}

std::vector<InterestRate> OutageStore::list_interest_rates(AccountType) {
    read();
    return {};
}

std::optional<InterestAccrualRecord> OutageStore::find_interest_accrual(std::string_view, Month) {
    read();
    return std::nullopt;
}

std::vector<InterestAccrualRecord> OutageStore::list_interest_accruals(std::string_view) {
    read();
    return {};
}

bool OutageStore::add_interest_accrual(const InterestAccrualRecord&) {
    read();
    return false;
}

std::optional<Transaction> OutageStore::find_posting(std::string_view) {
    read();
    return std::nullopt;
}

std::vector<Budget> OutageStore::list_budgets(std::string_view) {
    read();
    return {};
}

std::optional<Budget> OutageStore::find_budget(std::string_view, std::string_view) {
    read();
    return std::nullopt;
}

bool OutageStore::add_budget(const Budget&) {
    read();
    return false;
}

bool OutageStore::save_budget(const Budget&) {
    read();
    return false;
}

bool OutageStore::remove_budget(const Budget&) {
    read();
    return false;
}

std::vector<SavingsGoal> OutageStore::list_goals(std::string_view) {
    read();
    return {};
}

std::optional<SavingsGoal> OutageStore::find_goal(std::string_view, std::string_view) {
    read();
    return std::nullopt;
}

bool OutageStore::add_goal(const SavingsGoal&) {
    read();
    return false;
}

bool OutageStore::save_goal(const SavingsGoal&) {
    read();
    return false;
}

bool OutageStore::remove_goal(const SavingsGoal&) {
    read();
    return false;
}

ChangePage OutageStore::read_changes(std::string_view, std::size_t) {
    throw StoreUnavailable("DynamoDB did not answer (test outage)");
}

std::vector<RecurringDecision> OutageStore::list_recurring_decisions(std::string_view) {
    read();
    return {};
}

void OutageStore::put_recurring_decision(const RecurringDecision&) { read(); }

bool OutageStore::remove_recurring_decision(std::string_view, std::string_view) {
    read();
    return false;
}

}  // namespace bank::test
