#pragma once

#include <string>
#include <utility>
#include <variant>

#include "core/assert.hpp"

namespace bank {

// A user's mistake or a business outcome, never an infrastructure failure.
enum class ErrorCode {
    validation_failed,
    unauthenticated,
    forbidden,
    not_found,
    conflict,
    idempotency_conflict,
    insufficient_funds,
    account_closed,
    account_locked,
    account_disabled,    // by an administrator: 403
    insufficient_scope,  // an access token that may not do this: 403
    rate_limited,
    unavailable,
    account_frozen,       // by the bank: 422
    own_proposal,         // an administrator deciding their own proposal: 403
    proposal_expired,     // a proposal past its lifetime: 409
    proposal_decided,     // a proposal approved or rejected before: 409
    webhook_url_refused,  // an endpoint URL the bank will not call: 422
};

struct Error {
    ErrorCode code;
    std::string message;
    std::string field;  // the form field the message belongs to, empty when none
};

inline Error make_error(ErrorCode code, std::string message, std::string field = {}) {
    return Error{code, std::move(message), std::move(field)};
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        BANK_ASSERT(ok());
        return std::get<0>(state_);
    }
    const T& value() const& {
        BANK_ASSERT(ok());
        return std::get<0>(state_);
    }
    T&& value() && {
        BANK_ASSERT(ok());
        return std::get<0>(std::move(state_));
    }
    const Error& error() const {
        BANK_ASSERT(!ok());
        return std::get<1>(state_);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, Error> state_;
};

struct Unit {};

}  // namespace bank
