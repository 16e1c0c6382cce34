#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bank {

// The guard against server-side request forgery: a webhook may only reach addresses of the
// public internet, unless the operator allows private ones (BANK_WEBHOOK_ALLOW_PRIVATE, for
// tests and closed networks).
class WebhookAddress {
public:
    // Why a numeric address may not be reached ("loopback", "private network", ...); nullopt
    // for a public address, and for text that is no IPv4 or IPv6 address.
    static std::optional<std::string_view> refusal(std::string_view address);

    // The same for a URL's host without asking DNS (it runs while a request is answered):
    // `localhost` names and numeric hosts in any form getaddrinfo accepts (127.1, 0x7f.1).
    static std::optional<std::string_view> literal_refusal(std::string_view host);

    struct Resolved {
        std::string address;  // numeric, the one to connect to
        std::string refusal;  // why none may be used; empty when `address` is set
    };
    // Resolves `host` (getaddrinfo, blocking: only on the dispatcher's threads) and picks the
    // first address; refused when any address the name has is refused (unless allowed), so a
    // name cannot mix a public and a private address.
    static Resolved resolve(const std::string& host, bool private_allowed);
};

}  // namespace bank
