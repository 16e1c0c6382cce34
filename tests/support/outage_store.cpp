#include "support/outage_store.hpp"

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

std::vector<Account> OutageStore::list_accounts(std::string_view) {
    read();
    return {};
}

std::optional<Account> OutageStore::find_account(std::string_view) {
    read();
    return std::nullopt;
}

std::optional<Account> OutageStore::find_account_by_number(std::string_view) {
    read();
    return std::nullopt;
}

std::vector<Transaction> OutageStore::list_transactions(const TransactionQuery&) {
    read();
    return {};
}

std::vector<MonthlyTotal> OutageStore::monthly_totals(std::string_view, std::string_view) {
    read();
    return {};
}

std::vector<Rollup> OutageStore::list_rollups(std::string_view, std::string_view, std::string_view,
                                              std::string_view) {
    read();
    return {};
}

std::vector<PayeeRollup> OutageStore::list_payee_rollups(std::string_view, std::string_view,
                                                         std::string_view, std::string_view) {
    read();
    return {};
}

std::optional<Transaction> OutageStore::find_transaction(std::string_view, std::string_view) {
    read();
    return std::nullopt;
}

std::vector<CategoryRule> OutageStore::list_category_rules(std::string_view) {
    read();
    return {};
}

std::vector<AuditEvent> OutageStore::list_audit_events(std::string_view, std::size_t) {
    read();
    return {};
}

void OutageStore::for_each_account(const std::function<void(const Account&)>&) { read(); }

void OutageStore::for_each_transaction(const std::function<void(const Transaction&)>&) { read(); }

void OutageStore::for_each_rollup(const std::function<void(const Rollup&)>&) { read(); }

void OutageStore::for_each_payee_rollup(const std::function<void(const PayeeRollup&)>&) { read(); }

void OutageStore::for_each_user(const std::function<void(const User&)>&) {
    throw StoreUnavailable("DynamoDB did not answer (test outage)");
}

}  // namespace bank::test
