#pragma once

#include <optional>
#include <string>
#include <vector>

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

// A bulk payment (POST /api/v1/transfers/batch, the /transfers/batch page): transfers typed
// as for one transfer (user_id, idempotency_key and request_fingerprint of each item are
// ignored: the batch has them). An item the caller could not read (not an object, an unknown
// field) is an error already, refused in its place.
struct BatchPaymentRequest {
    std::string user_id;
    std::vector<Result<PaymentRequest>> items;
    std::string idempotency_key;
    std::string request_fingerprint;
};

// One outcome per item, in order: the payer's row of a created transfer, or the refusal
// (the same as a transfer sent alone would get).
struct BatchReceipt {
    std::vector<Result<Transaction>> items;
    bool replayed = false;  // an idempotency key matched the same batch: its first outcomes
};

// A batch's own checks: not empty, at most limits::transfer_batch_items_max items, a key
// that is printable text; nullopt when it passes.
std::optional<Error> check_transfer_batch(const BatchPaymentRequest& request);

// The stateless checks of a posting as typed (amount, account number, description,
// category, key), before it reaches the store.
Result<Posting> validate_payment(PostingKind kind, const PaymentRequest& request);

// Deposits, withdrawals and transfers: validate the input, then hand the posting to the
// store's single writer; answer only once it is durable. A request without a category gets
// one from the person's rules (see inferred_category), so every posting has one.
class PaymentService {
public:
    PaymentService(LedgerReads& ledger, LedgerWriter& writer) : ledger_(ledger), writer_(writer) {}

    boost::asio::awaitable<Result<PaymentReceipt>> deposit(PaymentRequest request);
    boost::asio::awaitable<Result<PaymentReceipt>> withdraw(PaymentRequest request);
    boost::asio::awaitable<Result<PaymentReceipt>> transfer(PaymentRequest request);
    // payment_batch.cpp: 400 for an empty batch or one beyond limits::transfer_batch_items_max;
    // otherwise each item decided as if sent alone, and every valid one written in one
    // PostingBatch command (one group commit on SQLite).
    boost::asio::awaitable<Result<BatchReceipt>> transfer_batch(BatchPaymentRequest request);

private:
    boost::asio::awaitable<Result<PaymentReceipt>> post(PostingKind kind, PaymentRequest request);

    LedgerReads& ledger_;
    LedgerWriter& writer_;
};

}  // namespace bank
