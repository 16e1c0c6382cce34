#pragma once

#include "ledger/store.hpp"

namespace bank::test {

// A store for outage tests: an empty bank whose reads throw StoreUnavailable, as
// DynamoDbStore does once its retries are spent. `Failing::users` fails only the listing of
// users (what /admin reads last), so a test sees whether an outage there is hidden.
class OutageStore final : public Store {
public:
    enum class Failing { everything, users };
    explicit OutageStore(Failing failing) : failing_(failing) {}

    void submit(WriteCommand command, Completion done) override;
    void shutdown() override {}
    std::optional<User> find_user(std::string_view user_id) override;
    std::optional<User> find_user_by_email(std::string_view email) override;
    std::optional<Session> find_session(std::string_view token_hash) override;
    std::vector<Account> list_accounts(std::string_view user_id) override;
    std::optional<Account> find_account(std::string_view account_id) override;
    std::optional<Account> find_account_by_number(std::string_view account_number) override;
    std::vector<Transaction> list_transactions(const TransactionQuery& query) override;
    std::vector<MonthlyTotal> monthly_totals(std::string_view user_id,
                                             std::string_view account_id) override;
    std::vector<Rollup> list_rollups(std::string_view user_id, std::string_view account_id,
                                     std::string_view from, std::string_view to) override;
    std::vector<PayeeRollup> list_payee_rollups(std::string_view user_id,
                                                std::string_view account_id, std::string_view from,
                                                std::string_view to) override;
    std::optional<Transaction> find_transaction(std::string_view user_id,
                                                std::string_view transaction_id) override;
    std::vector<CategoryRule> list_category_rules(std::string_view user_id) override;
    std::vector<AuditEvent> list_audit_events(std::string_view user_id, std::size_t limit) override;
    void for_each_account(const std::function<void(const Account&)>& visit) override;
    void for_each_transaction(const std::function<void(const Transaction&)>& visit) override;
    void for_each_rollup(const std::function<void(const Rollup&)>& visit) override;
    void for_each_payee_rollup(const std::function<void(const PayeeRollup&)>& visit) override;
    void for_each_user(const std::function<void(const User&)>& visit) override;

private:
    // Throws when every read fails; a read that succeeds finds nothing.
    void read() const;

    Failing failing_;
};

}  // namespace bank::test
