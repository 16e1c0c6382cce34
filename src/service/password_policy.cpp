#include "service/password_policy.hpp"

#include <cctype>
#include <mutex>
#include <string>
#include <vector>

#include <crack.h>
// packer.h, unlike crack.h, does not declare its functions extern "C" itself.
extern "C" {
#include <packer.h>
}
#include <spdlog/spdlog.h>

#include "service/validation.hpp"

namespace bank {
namespace {

// Shorter parts of an email or name ("al", "li") are in too many good passwords to refuse.
constexpr std::size_t context_part_length_min = 3;

// cracklib keeps static buffers of its own, so its calls are serialised.
std::mutex& cracklib_mutex() {
    static std::mutex mutex;
    return mutex;
}

std::string lower(std::string_view text) {
    std::string result(text);
    for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return result;
}

// The words of a name, split at anything that is not a letter or digit.
std::vector<std::string> name_parts(std::string_view full_name) {
    std::vector<std::string> parts;
    std::string part;
    for (char c : lower(full_name)) {
        if (std::isalnum(static_cast<unsigned char>(c)) ||
            (static_cast<unsigned char>(c) >= 0x80)) {
            part += c;
        } else if (!part.empty()) {
            parts.push_back(std::move(part));
            part.clear();
        }
    }
    if (!part.empty()) parts.push_back(std::move(part));
    return parts;
}

std::string local_part(std::string_view email) {
    return std::string(email.substr(0, email.find('@')));
}

std::optional<Error> check_context(const std::string& password, std::string_view email,
                                   std::string_view full_name, const std::string& field) {
    const std::string lowered = lower(password);
    const std::string local = lower(local_part(email));
    if (local.size() >= context_part_length_min && lowered.find(local) != std::string::npos) {
        return make_error(ErrorCode::validation_failed,
                          "The password cannot contain your email address's name (the part "
                          "before the @). Choose another.",
                          field);
    }
    for (const std::string& part : name_parts(full_name)) {
        if (part.size() >= context_part_length_min && lowered.find(part) != std::string::npos) {
            return make_error(ErrorCode::validation_failed,
                              "The password cannot contain your name. Choose another.", field);
        }
    }
    return std::nullopt;
}

// cracklib's verdict: nullptr when the password passes, else its reason ("it is based on a
// dictionary word").
const char* cracklib_reason(const std::string& password, std::string_view email,
                            std::string_view full_name) {
    // With a user name cracklib also compares the password with it and the "gecos" (the
    // name); without one it would look up the server's own account instead.
    const std::string user = local_part(email);
    const std::string gecos(full_name);
    std::lock_guard lock(cracklib_mutex());
    return FascistCheckUser(password.c_str(), nullptr, user.c_str(), gecos.c_str());
}

}  // namespace

std::optional<Error> check_new_password(std::string_view password, std::string_view email,
                                        std::string_view full_name, std::string_view field) {
    if (auto error = check_password(password, field)) return error;
    const std::string text(password);
    const std::string field_name(field);
    if (auto error = check_context(text, email, full_name, field_name)) return error;
    const char* reason = cracklib_reason(text, email, full_name);
    if (reason == nullptr) return std::nullopt;
    if (!password_dictionary_available()) {
        spdlog::error("cracklib cannot read its dictionary at {}: {}", GetDefaultCracklibDict(),
                      reason);
        return make_error(ErrorCode::unavailable,
                          "Passwords cannot be checked right now. Nothing was changed; please "
                          "try again later.");
    }
    return make_error(ErrorCode::validation_failed,
                      std::string("This password is too easy to guess (") + reason +
                          "). Choose a longer one, such as a few unrelated words.",
                      field_name);
}

bool password_dictionary_available() {
    std::lock_guard lock(cracklib_mutex());
    std::string path = GetDefaultCracklibDict();
    PWDICT* dictionary = PWOpen(path.c_str(), const_cast<char*>("r"));
    if (dictionary == nullptr) return false;
    PWClose(dictionary);
    return true;
}

}  // namespace bank
