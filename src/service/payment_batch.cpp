// PaymentService's bulk payments: each item is checked exactly as a transfer sent alone
// (validate_payment, then the store's plan_posting through plan_posting_batch), so a batch
// refuses what POST /api/v1/transfer would refuse, item by item.
#include <string>

#include "core/limits.hpp"
#include "service/async_write.hpp"
#include "service/category_service.hpp"
#include "service/payment_service.hpp"
#include "service/refusal_text.hpp"
#include "service/validation.hpp"
#include "service/write_errors.hpp"

namespace bank {

std::optional<Error> check_transfer_batch(const BatchPaymentRequest& request) {
    if (request.items.empty()) {
        return make_error(ErrorCode::validation_failed, "A batch needs at least one transfer.",
                          "transfers");
    }
    if (request.items.size() > limits::transfer_batch_items_max) {
        return make_error(ErrorCode::validation_failed,
                          "A batch holds at most " +
                              with_thousands(limits::transfer_batch_items_max) +
                              " transfers (transfer_batch_items_max); this one has " +
                              with_thousands(request.items.size()) + ".",
                          "transfers");
    }
    if (request.idempotency_key.size() > limits::idempotency_key_length_max ||
        !is_clean_text(request.idempotency_key)) {
        return make_error(ErrorCode::validation_failed,
                          "The idempotency key must be printable text of at most 255 bytes.");
    }
    return std::nullopt;
}

boost::asio::awaitable<Result<BatchReceipt>> PaymentService::transfer_batch(
    BatchPaymentRequest request) {
    if (auto refusal = check_transfer_batch(request)) co_return *refusal;
    BatchReceipt receipt;
    PostingBatch batch{request.user_id, {}, request.idempotency_key, request.request_fingerprint};
    std::vector<std::size_t> submitted;  // the index in the request of each posting sent
    std::optional<std::vector<CategoryRule>> rules;
    for (std::size_t index = 0; index < request.items.size(); ++index) {
        if (!request.items[index]) {
            receipt.items.emplace_back(request.items[index].error());
            continue;
        }
        PaymentRequest item = request.items[index].value();
        item.user_id = request.user_id;
        item.idempotency_key.clear();
        auto posting = validate_payment(PostingKind::transfer, item);
        if (!posting) {
            receipt.items.emplace_back(posting.error());
            continue;
        }
        if (posting->category.empty()) {
            if (!rules) rules = ledger_.list_category_rules(request.user_id);
            posting->category =
                inferred_category(PostingKind::transfer, *rules, posting->description);
        }
        receipt.items.emplace_back(Error{});  // decided by the store below
        submitted.push_back(index);
        batch.items.push_back(std::move(*posting));
    }
    if (submitted.empty()) co_return receipt;
    WriteCommand command = std::move(batch);
    const WriteResult result = co_await async_write(writer_, std::move(command));
    receipt.replayed = result.status == WriteStatus::duplicate;
    if (result.status != WriteStatus::ok && !receipt.replayed) co_return to_error(result.status);
    if (result.items.size() != submitted.size()) co_return to_error(WriteStatus::unavailable);
    for (std::size_t at = 0; at < submitted.size(); ++at) {
        const WriteResult& item = result.items[at];
        auto& outcome = receipt.items[submitted[at]];
        if (item.status == WriteStatus::ok && !item.transactions.empty()) {
            outcome = item.transactions.front();
        } else {
            outcome =
                to_error(item.status == WriteStatus::ok ? WriteStatus::unavailable : item.status);
        }
    }
    co_return receipt;
}

}  // namespace bank
