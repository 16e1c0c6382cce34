#include "core/secret_box.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace bank {

namespace {

constexpr std::string_view prefix = "v1.";
constexpr int nonce_bytes = 12;
constexpr int tag_bytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext new_context() {
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!context) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
    return context;
}

const unsigned char* bytes_of(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

std::string to_hex(const std::vector<unsigned char>& bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    for (unsigned char byte : bytes) {
        text += digits[byte >> 4];
        text += digits[byte & 0x0f];
    }
    return text;
}

std::optional<std::vector<unsigned char>> from_hex(std::string_view text) {
    if (text.size() % 2 != 0) return std::nullopt;
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    std::vector<unsigned char> bytes;
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int high = value(text[i]);
        const int low = value(text[i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        bytes.push_back(static_cast<unsigned char>(high * 16 + low));
    }
    return bytes;
}

}  // namespace

std::string SecretBox::seal(std::string_view plaintext, std::string_view owner) const {
    std::vector<unsigned char> out(nonce_bytes + plaintext.size() + tag_bytes);
    if (RAND_bytes(out.data(), nonce_bytes) != 1) throw std::runtime_error("RAND_bytes failed");
    CipherContext context = new_context();
    int length = 0;
    unsigned char* cipher = out.data() + nonce_bytes;
    const bool sealed = EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr,
                                           key_.bytes().data(), out.data()) == 1 &&
                        EVP_EncryptUpdate(context.get(), nullptr, &length, bytes_of(owner),
                                          static_cast<int>(owner.size())) == 1 &&
                        EVP_EncryptUpdate(context.get(), cipher, &length, bytes_of(plaintext),
                                          static_cast<int>(plaintext.size())) == 1 &&
                        EVP_EncryptFinal_ex(context.get(), cipher + length, &length) == 1 &&
                        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, tag_bytes,
                                            cipher + plaintext.size()) == 1;
    if (!sealed) throw std::runtime_error("AES-256-GCM sealing failed");
    return std::string(prefix) + to_hex(out);
}

std::optional<std::string> SecretBox::open(std::string_view sealed, std::string_view owner) const {
    if (!sealed.starts_with(prefix)) return std::nullopt;
    const auto bytes = from_hex(sealed.substr(prefix.size()));
    if (!bytes || bytes->size() < nonce_bytes + tag_bytes) return std::nullopt;
    const std::size_t cipher_size = bytes->size() - nonce_bytes - tag_bytes;
    std::vector<unsigned char> plain(cipher_size + 1);
    std::vector<unsigned char> tag(bytes->end() - tag_bytes, bytes->end());
    CipherContext context = new_context();
    int length = 0;
    const bool opened =
        EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key_.bytes().data(),
                           bytes->data()) == 1 &&
        EVP_DecryptUpdate(context.get(), nullptr, &length, bytes_of(owner),
                          static_cast<int>(owner.size())) == 1 &&
        EVP_DecryptUpdate(context.get(), plain.data(), &length, bytes->data() + nonce_bytes,
                          static_cast<int>(cipher_size)) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, tag_bytes, tag.data()) == 1 &&
        EVP_DecryptFinal_ex(context.get(), plain.data() + length, &length) == 1;
    if (!opened) return std::nullopt;
    return std::string(plain.begin(), plain.begin() + static_cast<std::ptrdiff_t>(cipher_size));
}

}  // namespace bank
