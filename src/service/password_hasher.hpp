#pragma once

#include <string>
#include <string_view>

namespace bank {

// bcrypt through libxcrypt. Both calls take about a quarter of a second at cost 12:
// run them on the worker pool, never on an I/O thread.
class PasswordHasher {
public:
    explicit PasswordHasher(int cost) : cost_(cost) {}

    std::string hash(std::string_view password) const;
    bool verify(std::string_view password, std::string_view hash) const;
    // A hash of a random password, checked against when the email is unknown so that an
    // unknown email takes as long to refuse as a wrong password.
    const std::string& decoy_hash() const;

private:
    int cost_;
};

}  // namespace bank
