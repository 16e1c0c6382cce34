#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/result.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/ledger_writer.hpp"

namespace bank {

// Opening, listing and closing a person's own accounts.
class AccountService {
public:
    AccountService(LedgerReads& ledger, LedgerWriter& writer) : ledger_(ledger), writer_(writer) {}

    std::vector<Account> list(const std::string& user_id) const;
    // The account when it exists and belongs to the user; nullopt otherwise, so another
    // person's account looks exactly like a missing one.
    std::optional<Account> find_owned(const std::string& user_id,
                                      const std::string& account_id) const;
    boost::asio::awaitable<Result<Account>> open(std::string user_id, std::string account_type,
                                                 std::string initial_balance);
    boost::asio::awaitable<Result<Account>> close(std::string user_id, std::string account_id);
    // Whether an open account of anyone in the bank has this number: the payees of a bulk
    // payment's preview (a transfer to it alone would say as much).
    bool open_account_numbered(std::string_view account_number) const {
        const auto account = ledger_.find_account_by_number(account_number);
        return account && account->status == AccountStatus::active;
    }
    // A number that grows whenever a committed write may have changed what the person sees of
    // their profile, accounts, money or history (`ids`: the user's id and their accounts'),
    // or nullopt when the store cannot tell (then nothing may be cached). Read it before the
    // data it guards.
    std::optional<std::uint64_t> data_version(const std::vector<std::string>& ids) const {
        return writer_.data_version(ids);
    }

private:
    LedgerReads& ledger_;
    LedgerWriter& writer_;
};

}  // namespace bank
