#pragma once

#include <optional>
#include <string_view>

#include "core/result.hpp"

namespace bank {

// A new password as NIST SP 800-63B (5.1.1.2) asks: 8 to 72 bytes, no composition rules,
// and refused when it is easy to guess: a word of cracklib's dictionary of common words and
// passwords (Debian's cracklib-runtime, with cracklib's own variations of them: reversed,
// with digits, repeated or sequential characters), or when it contains the email's local
// part or a part of the person's name. Each refusal names its reason and the form field.
std::optional<Error> check_new_password(std::string_view password, std::string_view email,
                                        std::string_view full_name,
                                        std::string_view field = "password");

// True when cracklib's dictionary can be read; `bank serve` refuses to start otherwise rather
// than accept every password the dictionary would refuse.
bool password_dictionary_available();

}  // namespace bank
