#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bank {

// Cryptographically secure randomness and hashing (OpenSSL).
std::string random_token(std::size_t bytes);  // hex of `bytes` random bytes
std::string new_id();                         // 128-bit random id as 32 hex digits
std::uint64_t random_below(std::uint64_t bound);
std::string sha256_hex(std::string_view data);
bool constant_time_equal(std::string_view left, std::string_view right);

}  // namespace bank
