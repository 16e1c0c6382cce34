// StepUpService for bulk payments: one approval for the whole batch (EU Regulation 2018/389
// Art. 5 allows a batch of payments to one approval bound to its total and its payees), with
// the same challenge machinery as a single transfer: the signed challenge binds the person,
// "batch:<count>:<digest>" in the payee's place and the total in the amount's.
#include <algorithm>

#include "core/random.hpp"
#include "core/second_factor_limits.hpp"
#include "ledger/account_number.hpp"
#include "ledger/payee_history.hpp"
#include "service/step_up_service.hpp"

namespace bank {

std::string StepUpBatchBinding::bound_text() const {
    return "batch:" + std::to_string(count) + ":" + payees_digest;
}

std::optional<StepUpBatchBinding> bind_batch(const std::vector<StepUpBatchItem>& items) {
    StepUpBatchBinding binding;
    std::vector<std::string> lines;
    for (const StepUpBatchItem& item : items) {
        const auto amount = Money::parse(item.amount);
        const auto payee = AccountNumber::parse(item.to_account_number);
        if (!amount || !payee || !amount->is_positive()) continue;
        const auto total = binding.total.checked_add(*amount);
        if (!total) return std::nullopt;
        binding.total = *total;
        lines.push_back(*payee + " " + std::to_string(amount->cents()));
    }
    if (lines.empty()) return std::nullopt;
    std::sort(lines.begin(), lines.end());
    std::string text;
    for (const std::string& line : lines) {
        if (!text.empty()) text += '\n';
        text += line;
    }
    binding.count = lines.size();
    binding.payees_digest = sha256_hex(text);
    return binding;
}

boost::asio::awaitable<Result<StepUpOutcome>> StepUpService::check_batch(
    const Identity& identity, const std::vector<StepUpBatchItem>& items,
    std::optional<StepUpAnswer> answer, std::string client_address) {
    if (policy_ == StepUpPolicy::off) co_return StepUpOutcome{};
    const auto binding = bind_batch(items);
    if (!binding) co_return StepUpOutcome{};
    const std::string& user_id = identity.user.user_id;
    const auto record = records_.find(user_id);
    const bool totp = record && record->enrolled();
    std::vector<std::string> passkey_ids = passkeys_.step_up_credential_ids(user_id);
    const bool enrolled = totp || !passkey_ids.empty();
    const Money threshold = record ? record->step_up_threshold : step_up_threshold_default;
    // The history is read only when some item's decision turns on it (not for people without a
    // factor under the default policy).
    const bool needs_history = std::any_of(items.begin(), items.end(), [&](const auto& item) {
        const auto amount = Money::parse(item.amount);
        return amount && step_up_depends_on_payee(policy_, enrolled, *amount, threshold);
    });
    const auto paid_before =
        needs_history ? payees_paid_before(ledger_, user_id, limits::step_up_payee_history_rows_max)
                      : std::unordered_set<std::string>();
    bool needed = false;
    for (const StepUpBatchItem& item : items) {
        const auto amount = Money::parse(item.amount);
        const auto payee = AccountNumber::parse(item.to_account_number);
        if (!amount || !payee) continue;
        switch (
            decide_step_up(policy_, enrolled, paid_before.contains(*payee), *amount, threshold)) {
            case StepUpDecision::not_needed:
                break;
            case StepUpDecision::enrolment_required:
                co_return make_error(ErrorCode::forbidden,
                                     "This bulk payment needs a second factor: add an "
                                     "authenticator app on your security page first.");
            case StepUpDecision::needed:
                needed = true;
                break;
        }
    }
    if (!needed) co_return StepUpOutcome{};
    const Timestamp now = records_.clock().now();
    StepUpChallenge bound;
    bound.payee = binding->bound_text();
    bound.amount = binding->total;
    bound.expires_at = now + limits::step_up_challenge_lifetime;
    bound.totp = totp;
    bound.passkey_credential_ids = std::move(passkey_ids);
    bound.count = binding->count;
    bound.payees_digest = binding->payees_digest;
    if (answer) co_return co_await answer_challenge(identity, bound, *answer, client_address);
    bound.challenge_id = challenges_.issue_step_up(user_id, bound.payee, bound.amount, now);
    co_return StepUpOutcome{bound};
}

}  // namespace bank
