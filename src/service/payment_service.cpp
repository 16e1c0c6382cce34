#include "service/payment_service.hpp"

#include "ledger/interest_rate.hpp"

#include "core/limits.hpp"
#include "ledger/account_number.hpp"
#include "ledger/posting_plan.hpp"
#include "ledger/standing_order.hpp"
#include "service/async_write.hpp"
#include "service/category_service.hpp"
#include "service/validation.hpp"
#include "service/write_errors.hpp"

namespace bank {

Result<Posting> validate_payment(PostingKind kind, const PaymentRequest& request) {
    Posting posting;
    posting.kind = kind;
    posting.user_id = request.user_id;
    posting.account_id = trim(request.account_id);
    if (posting.account_id.empty()) {
        return make_error(ErrorCode::validation_failed, "Choose an account.", "account_id");
    }
    auto amount = Money::parse(request.amount);
    if (!amount) {
        Error error = amount.error();
        error.field = "amount";
        return error;
    }
    if (check_amount(*amount) != WriteStatus::ok) return to_error(WriteStatus::amount_invalid);
    posting.amount = *amount;
    if (kind == PostingKind::transfer) {
        auto number = AccountNumber::parse(request.to_account_number);
        if (!number) return number.error();
        posting.to_account_number = std::move(*number);
    }
    auto description = normalize_description(request.description);
    if (!description) return description.error();
    posting.description = std::move(*description);
    auto category = normalize_category(request.category);
    if (!category) return category.error();
    posting.category = std::move(*category);
    if (request.idempotency_key.size() > limits::idempotency_key_length_max ||
        !is_clean_text(request.idempotency_key)) {
        return make_error(ErrorCode::validation_failed,
                          "The idempotency key must be printable text of at most 255 bytes.");
    }
    if (request.idempotency_key.starts_with(occurrence_key_prefix)) {
        // The standing-order scheduler's keys: a client's would pose as one of its postings.
        return make_error(ErrorCode::validation_failed, "Idempotency keys starting with \"" +
                                                            std::string(occurrence_key_prefix) +
                                                            "\" are kept for standing orders.");
    }
    if (request.idempotency_key.starts_with(interest_key_prefix)) {
        // The interest poster's keys, likewise.
        return make_error(ErrorCode::validation_failed, "Idempotency keys starting with \"" +
                                                            std::string(interest_key_prefix) +
                                                            "\" are kept for interest postings.");
    }
    posting.idempotency_key = request.idempotency_key;
    posting.request_fingerprint = request.request_fingerprint;
    return posting;
}

boost::asio::awaitable<Result<PaymentReceipt>> PaymentService::deposit(PaymentRequest request) {
    co_return co_await post(PostingKind::deposit, std::move(request));
}

boost::asio::awaitable<Result<PaymentReceipt>> PaymentService::withdraw(PaymentRequest request) {
    co_return co_await post(PostingKind::withdrawal, std::move(request));
}

boost::asio::awaitable<Result<PaymentReceipt>> PaymentService::transfer(PaymentRequest request) {
    co_return co_await post(PostingKind::transfer, std::move(request));
}

boost::asio::awaitable<Result<PaymentReceipt>> PaymentService::post(PostingKind kind,
                                                                    PaymentRequest request) {
    auto posting = validate_payment(kind, request);
    if (!posting) co_return posting.error();
    if (posting->category.empty()) {
        const auto rules = kind == PostingKind::deposit
                               ? std::vector<CategoryRule>()
                               : ledger_.list_category_rules(posting->user_id);
        posting->category = inferred_category(kind, rules, posting->description);
    }
    // A named command: GCC 12 destroys a temporary in a co_await expression twice.
    WriteCommand command = std::move(*posting);
    const WriteResult result = co_await async_write(writer_, std::move(command));
    const bool replayed = result.status == WriteStatus::duplicate;
    if (result.status != WriteStatus::ok && !replayed) co_return to_error(result.status);
    if (result.transactions.empty() || !result.account) {
        co_return to_error(WriteStatus::unavailable);
    }
    co_return PaymentReceipt{result.transactions.front(), *result.account, replayed};
}

}  // namespace bank
