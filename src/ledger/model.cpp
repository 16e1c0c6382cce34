#include "ledger/model.hpp"

namespace bank {

std::string_view to_string(Role role) { return role == Role::admin ? "admin" : "customer"; }

std::string_view to_string(AccountType type) {
    return type == AccountType::savings ? "savings" : "checking";
}

std::string_view to_string(AccountStatus status) {
    return status == AccountStatus::closed ? "closed" : "active";
}

std::string_view to_string(TransactionType type) {
    switch (type) {
        case TransactionType::deposit: return "deposit";
        case TransactionType::withdrawal: return "withdrawal";
        case TransactionType::transfer_in: return "transfer_in";
        case TransactionType::transfer_out: return "transfer_out";
    }
    return "deposit";
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "customer") return Role::customer;
    if (text == "admin") return Role::admin;
    return std::nullopt;
}

std::optional<AccountType> parse_account_type(std::string_view text) {
    if (text == "checking") return AccountType::checking;
    if (text == "savings") return AccountType::savings;
    return std::nullopt;
}

std::optional<AccountStatus> parse_account_status(std::string_view text) {
    if (text == "active") return AccountStatus::active;
    if (text == "closed") return AccountStatus::closed;
    return std::nullopt;
}

std::optional<TransactionType> parse_transaction_type(std::string_view text) {
    if (text == "deposit") return TransactionType::deposit;
    if (text == "withdrawal") return TransactionType::withdrawal;
    if (text == "transfer_in") return TransactionType::transfer_in;
    if (text == "transfer_out") return TransactionType::transfer_out;
    return std::nullopt;
}

std::string_view display_name(AccountType type) {
    return type == AccountType::savings ? "Savings" : "Checking";
}

std::string_view display_name(TransactionType type) {
    switch (type) {
        case TransactionType::deposit: return "Deposit";
        case TransactionType::withdrawal: return "Withdrawal";
        case TransactionType::transfer_in: return "Transfer in";
        case TransactionType::transfer_out: return "Transfer out";
    }
    return "Deposit";
}

bool is_credit(TransactionType type) {
    return type == TransactionType::deposit || type == TransactionType::transfer_in;
}

}  // namespace bank
