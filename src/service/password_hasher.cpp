#include "service/password_hasher.hpp"

#include <crypt.h>

#include <memory>
#include <stdexcept>

#include "core/random.hpp"

namespace bank {

std::string PasswordHasher::hash(std::string_view password) const {
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    if (crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost_), nullptr, 0, salt,
                         sizeof salt) == nullptr) {
        throw std::runtime_error("crypt_gensalt_rn failed");
    }
    auto data = std::make_unique<crypt_data>();
    const std::string text(password);
    const char* result = crypt_rn(text.c_str(), salt, data.get(), sizeof(crypt_data));
    if (result == nullptr || result[0] == '*') throw std::runtime_error("crypt_rn failed");
    return result;
}

bool PasswordHasher::verify(std::string_view password, std::string_view hash) const {
    auto data = std::make_unique<crypt_data>();
    const std::string text(password);
    const std::string setting(hash);
    const char* result = crypt_rn(text.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
    if (result == nullptr || result[0] == '*') return false;
    return constant_time_equal(result, hash);
}

const std::string& PasswordHasher::decoy_hash() const {
    static const std::string decoy = hash(random_token(16));
    return decoy;
}

}  // namespace bank
