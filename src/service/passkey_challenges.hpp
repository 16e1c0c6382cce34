#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/secret_key.hpp"

namespace bank {

// The challenges of a passkey registration and of a passwordless sign-in, signed like
// ChallengeSigner's (see there why signed, not stored): the text carries when it was issued,
// a nonce and an HMAC (server key). Its ASCII bytes are the WebAuthn challenge, so the
// browser returns it inside clientDataJSON and nothing has to be kept between the two
// requests. Single use is enforced by the passkeys themselves (plan_passkey_registration,
// plan_passkey_use). A sign-in as the second factor uses ChallengeSigner's sign-in challenge
// instead, bound to the person who typed the password.
class PasskeyChallenges {
public:
    explicit PasskeyChallenges(const SecretKey& key) : key_(key.derive("bank passkeys v1")) {}

    struct Registration {
        Timestamp issued_at{};
        std::string user_handle;  // the WebAuthn user.id the options gave (base64url)
    };

    // Binds the person and the user handle the browser is asked to store.
    std::string issue_registration(std::string_view user_id, std::string_view user_handle,
                                   Timestamp now) const;
    std::optional<Registration> read_registration(std::string_view challenge,
                                                  std::string_view user_id) const;

    std::string issue_sign_in(Timestamp now) const;
    // When the passwordless sign-in challenge was issued, if this bank signed it.
    std::optional<Timestamp> read_sign_in(std::string_view challenge) const;

    // A new random user handle (base64url), for a person's first passkey.
    static std::string new_user_handle();

private:
    std::string mac(std::string_view purpose, std::string_view bound, std::string_view issued,
                    std::string_view nonce) const;

    SecretKey key_;
};

}  // namespace bank
