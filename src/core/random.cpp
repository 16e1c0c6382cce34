#include "core/random.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <vector>

namespace bank {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text(size * 2, '0');
    for (std::size_t i = 0; i < size; ++i) {
        text[2 * i] = digits[data[i] >> 4];
        text[2 * i + 1] = digits[data[i] & 0x0f];
    }
    return text;
}

void fill_random(unsigned char* data, std::size_t size) {
    if (RAND_bytes(data, static_cast<int>(size)) != 1) {
        throw std::runtime_error("the system random number generator failed");
    }
}

}  // namespace

std::string random_token(std::size_t bytes) {
    std::vector<unsigned char> buffer(bytes);
    fill_random(buffer.data(), buffer.size());
    return to_hex(buffer.data(), buffer.size());
}

std::string new_id() { return random_token(16); }

namespace {

// The random part of ledger row ids comes from a per-thread buffer filled by one RAND_bytes
// call for many ids: under the transfer load, one RAND_bytes call per id (three per transfer)
// was 6% of the writer thread. Same generator; these ids are names, not secrets.
std::string buffered_random_hex(std::size_t bytes) {
    static constexpr std::size_t buffer_size = 4096;
    thread_local std::array<unsigned char, buffer_size> buffer;
    thread_local std::size_t used = buffer_size;
    if (used + bytes > buffer_size) {
        fill_random(buffer.data(), buffer.size());
        used = 0;
    }
    std::string hex = to_hex(buffer.data() + used, bytes);
    used += bytes;
    return hex;
}

}  // namespace

std::string new_time_ordered_id(Timestamp at) {
    static constexpr int time_digits = 13;
    static constexpr char digits[] = "0123456789abcdef";
    std::string id = buffered_random_hex(16);
    auto micros = static_cast<std::uint64_t>(std::max<std::int64_t>(to_micros(at), 0));
    for (int index = time_digits - 1; index >= 0; --index) {
        id[static_cast<std::size_t>(index)] = digits[micros & 0x0f];
        micros >>= 4;
    }
    return id;
}

std::uint64_t random_below(std::uint64_t bound) {
    // Rejection sampling so every value is equally likely.
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    std::uint64_t value = 0;
    do {
        fill_random(reinterpret_cast<unsigned char*>(&value), sizeof value);
    } while (value >= limit);
    return value % bound;
}

std::string sha256_hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    return to_hex(digest, size);
}

bool constant_time_equal(std::string_view left, std::string_view right) {
    if (left.size() != right.size()) return false;
    return CRYPTO_memcmp(left.data(), right.data(), left.size()) == 0;
}

}  // namespace bank
