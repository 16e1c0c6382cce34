#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace bank {

// Cryptographically secure randomness and hashing (OpenSSL).
std::string random_token(std::size_t bytes);  // hex of `bytes` random bytes
std::string new_id();                         // 128-bit random id as 32 hex digits
// Also 32 hex digits: the instant in microseconds (13 digits, enough until the year 2112)
// then 76 random bits. Ids made later sort later, so an index on them grows at its end
// instead of dirtying a random page for each new id (see sqlite_schema.cpp).
std::string new_time_ordered_id(Timestamp at);
std::uint64_t random_below(std::uint64_t bound);
std::string sha256_hex(std::string_view data);
bool constant_time_equal(std::string_view left, std::string_view right);

}  // namespace bank
