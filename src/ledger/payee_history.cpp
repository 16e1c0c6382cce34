#include "ledger/payee_history.hpp"

#include "core/limits.hpp"

namespace bank {

bool payee_paid_before(LedgerReads& ledger, std::string_view user_id,
                       std::string_view account_number, std::size_t rows_max) {
    TransactionQuery query;
    query.user_id = std::string(user_id);
    query.type = TransactionType::transfer_out;
    query.limit = limits::page_size_max;
    std::size_t seen = 0;
    while (seen < rows_max) {
        const std::vector<Transaction> rows = ledger.list_transactions(query);
        for (const Transaction& row : rows) {
            if (row.counterparty_account_number == account_number) return true;
        }
        seen += rows.size();
        if (rows.size() < query.limit) return false;
        query.continue_after(rows.back());
    }
    return false;
}

std::unordered_set<std::string> payees_paid_before(LedgerReads& ledger, std::string_view user_id,
                                                   std::size_t rows_max) {
    TransactionQuery query;
    query.user_id = std::string(user_id);
    query.type = TransactionType::transfer_out;
    query.limit = limits::page_size_max;
    std::unordered_set<std::string> payees;
    std::size_t seen = 0;
    while (seen < rows_max) {
        const std::vector<Transaction> rows = ledger.list_transactions(query);
        for (const Transaction& row : rows) payees.insert(row.counterparty_account_number);
        seen += rows.size();
        if (rows.size() < query.limit) break;
        query.continue_after(rows.back());
    }
    return payees;
}

}  // namespace bank
