#include "service/webhook_signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace bank {

namespace {

constexpr std::string_view secret_prefix = "whsec_";
constexpr std::size_t secret_bytes = 24;

}  // namespace

std::string WebhookSignature::base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<const unsigned char*>(bytes.data()),
                                        static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::optional<std::string> WebhookSignature::from_base64(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<const unsigned char*>(text.data()),
                                        static_cast<int>(text.size()));
    if (written < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes.
    std::size_t length = static_cast<std::size_t>(written);
    if (text.ends_with("==")) {
        length -= 2;
    } else if (text.ends_with('=')) {
        length -= 1;
    }
    out.resize(length);
    return out;
}

std::string WebhookSignature::new_secret() {
    std::string bytes(secret_bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()),
                   static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    return std::string(secret_prefix) + base64(bytes);
}

std::optional<std::string> WebhookSignature::sign(std::string_view secret,
                                                  std::string_view message_id,
                                                  long long timestamp_seconds,
                                                  std::string_view body) {
    if (!secret.starts_with(secret_prefix)) return std::nullopt;
    const auto key = from_base64(secret.substr(secret_prefix.size()));
    if (!key || key->empty()) return std::nullopt;
    std::string content;
    content.reserve(message_id.size() + body.size() + 24);
    content.append(message_id).append(".").append(std::to_string(timestamp_seconds)).append(".");
    content.append(body);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_length = 0;
    if (HMAC(EVP_sha256(), key->data(), static_cast<int>(key->size()),
             reinterpret_cast<const unsigned char*>(content.data()), content.size(), mac,
             &mac_length) == nullptr) {
        throw std::runtime_error("HMAC-SHA256 failed");
    }
    return "v1," + base64(std::string_view(reinterpret_cast<const char*>(mac), mac_length));
}

}  // namespace bank
