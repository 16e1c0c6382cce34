#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "core/secret_key.hpp"

namespace bank {

// Challenges for a second factor are signed, not stored: the id carries when it was issued
// and a random nonce, and an HMAC (server key) over those and what it is bound to (the
// person; for a step-up also the payee and the amount). Why signed: a challenge must reach
// whichever server answers next (DynamoDB deployments run several; they share the key),
// and nothing has to be written, expired or cleaned up for a challenge that is never
// answered, which is the common case for a sign-in abandoned at the code page. Single use
// is still enforced in the store: answering a challenge writes its instant into the
// person's second-factor record in the same conditional write that records the code's step,
// and a challenge issued at or before that instant is spent (SecondFactor::
// challenges_spent_through). So answering a challenge also spends the person's older ones.
// A step-up id binds the payee and amount without naming them: the retried transfer's own
// payee and amount are signed again, so any other payee or amount fails the check.
class ChallengeSigner {
public:
    explicit ChallengeSigner(const SecretKey& key) : key_(key.derive("bank challenges v1")) {}

    struct SignIn {
        std::string user_id;
        Timestamp issued_at{};
    };

    std::string issue_sign_in(std::string_view user_id, Timestamp now) const;
    // The person and instant of a sign-in challenge this server signed; nullopt otherwise.
    std::optional<SignIn> read_sign_in(std::string_view challenge_id) const;

    std::string issue_step_up(std::string_view user_id, std::string_view payee, Money amount,
                              Timestamp now) const;
    // When the step-up challenge was issued, if it was signed for exactly this person, payee
    // and amount; nullopt otherwise.
    std::optional<Timestamp> read_step_up(std::string_view challenge_id, std::string_view user_id,
                                          std::string_view payee, Money amount) const;

private:
    std::string mac(std::string_view purpose, std::string_view bound, std::string_view issued,
                    std::string_view nonce) const;

    SecretKey key_;
};

}  // namespace bank
