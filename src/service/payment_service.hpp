#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>

#include "core/result.hpp"
#include "ledger/ledger_reads.hpp"
#include "ledger/ledger_writer.hpp"

namespace bank {

// A money movement as a person typed it: text fields straight from the form or JSON.
struct PaymentRequest {
    std::string user_id;
    std::string account_id;
    std::string to_account_number;  // transfers only
    std::string amount;
    std::string description;
    std::string category;
    std::string idempotency_key;
    std::string request_fingerprint;  // a digest of the request body, for idempotency
};

struct PaymentReceipt {
    Transaction transaction;  // the acted-on account's row
    Account account;          // the acted-on account after the posting
    bool replayed = false;    // true when an idempotency key matched an earlier posting
};

// Deposits, withdrawals and transfers: validate the input, then hand the posting to the
// store's single writer; answer only once it is durable. A request without a category gets
// one from the person's rules (see inferred_category), so every posting has one.
class PaymentService {
public:
    PaymentService(LedgerReads& ledger, LedgerWriter& writer) : ledger_(ledger), writer_(writer) {}

    boost::asio::awaitable<Result<PaymentReceipt>> deposit(PaymentRequest request);
    boost::asio::awaitable<Result<PaymentReceipt>> withdraw(PaymentRequest request);
    boost::asio::awaitable<Result<PaymentReceipt>> transfer(PaymentRequest request);

private:
    boost::asio::awaitable<Result<PaymentReceipt>> post(PostingKind kind, PaymentRequest request);

    LedgerReads& ledger_;
    LedgerWriter& writer_;
};

}  // namespace bank
