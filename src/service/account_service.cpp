#include "service/account_service.hpp"

#include <spdlog/spdlog.h>

#include "core/limits.hpp"
#include "service/async_write.hpp"
#include "service/validation.hpp"
#include "service/write_errors.hpp"

namespace bank {

std::vector<Account> AccountService::list(const std::string& user_id) const {
    return ledger_.list_accounts(user_id);
}

std::optional<Account> AccountService::find_owned(const std::string& user_id,
                                                  const std::string& account_id) const {
    if (account_id.empty() || account_id.size() > 64) return std::nullopt;
    auto account = ledger_.find_account(account_id);
    if (!account || account->user_id != user_id) return std::nullopt;
    return account;
}

boost::asio::awaitable<Result<Account>> AccountService::open(std::string user_id,
                                                             std::string account_type,
                                                             std::string initial_balance) {
    const auto type = parse_account_type(trim(account_type));
    if (!type) {
        co_return make_error(ErrorCode::validation_failed, "Choose checking or savings.",
                             "account_type");
    }
    Money opening;
    if (!trim(initial_balance).empty()) {
        auto parsed = Money::parse(initial_balance);
        if (!parsed) {
            Error error = parsed.error();
            error.field = "initial_balance";
            co_return error;
        }
        if (parsed->cents() > limits::amount_cents_max) {
            co_return make_error(ErrorCode::validation_failed,
                                 "The initial balance can be at most " +
                                     Money::from_cents(limits::amount_cents_max).display() + ".",
                                 "initial_balance");
        }
        opening = *parsed;
    }
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = OpenAccount{user_id, *type, opening, limits::accounts_per_user_max};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    spdlog::info("user {} opened account {}", user_id, result.account->account_id);
    co_return *result.account;
}

boost::asio::awaitable<Result<Account>> AccountService::close(std::string user_id,
                                                              std::string account_id) {
    if (!find_owned(user_id, account_id)) co_return to_error(WriteStatus::account_not_found);
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = CloseAccount{user_id, account_id};
    const WriteResult result = co_await async_write(writer_, std::move(command));
    if (result.status != WriteStatus::ok) co_return to_error(result.status);
    co_return *result.account;
}

}  // namespace bank
