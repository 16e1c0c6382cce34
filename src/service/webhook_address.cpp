#include "service/webhook_address.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

namespace bank {

namespace {

using Bytes16 = std::array<std::uint8_t, 16>;

struct V4Range {
    std::uint32_t network;
    int prefix;
    std::string_view reason;
};

constexpr std::uint32_t v4(int a, int b, int c, int d) {
    return (static_cast<std::uint32_t>(a) << 24) | (static_cast<std::uint32_t>(b) << 16) |
           (static_cast<std::uint32_t>(c) << 8) | static_cast<std::uint32_t>(d);
}

// IANA's special-purpose IPv4 registry, the parts that are not the public internet.
constexpr std::array<V4Range, 15> v4_refused = {{
    {v4(0, 0, 0, 0), 8, "unspecified address"},
    {v4(10, 0, 0, 0), 8, "private network"},
    {v4(100, 64, 0, 0), 10, "shared address space (CGNAT)"},
    {v4(127, 0, 0, 0), 8, "loopback"},
    {v4(169, 254, 169, 254), 32, "cloud metadata address"},
    {v4(169, 254, 0, 0), 16, "link-local"},
    {v4(172, 16, 0, 0), 12, "private network"},
    {v4(192, 0, 0, 0), 24, "IETF protocol assignments"},
    {v4(192, 0, 2, 0), 24, "documentation"},
    {v4(192, 168, 0, 0), 16, "private network"},
    {v4(198, 18, 0, 0), 15, "benchmarking"},
    {v4(198, 51, 100, 0), 24, "documentation"},
    {v4(203, 0, 113, 0), 24, "documentation"},
    {v4(224, 0, 0, 0), 4, "multicast"},
    {v4(240, 0, 0, 0), 4, "reserved"},
}};

std::optional<std::string_view> v4_refusal(std::uint32_t address) {
    for (const V4Range& range : v4_refused) {
        const std::uint32_t mask = range.prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - range.prefix);
        if ((address & mask) == range.network) return range.reason;
    }
    return std::nullopt;
}

std::uint32_t v4_at(const Bytes16& bytes, std::size_t offset) {
    return v4(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]);
}

bool starts_with(const Bytes16& bytes, std::initializer_list<std::uint8_t> prefix) {
    return std::equal(prefix.begin(), prefix.end(), bytes.begin());
}

std::optional<std::string_view> v6_refusal(const Bytes16& bytes) {
    const Bytes16 zero{};
    Bytes16 loopback{};
    loopback[15] = 1;
    if (bytes == zero) return "unspecified address";
    if (bytes == loopback) return "loopback";
    // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address they
    // carry; the deprecated IPv4-compatible form (::a.b.c.d) too.
    if (starts_with(bytes, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}))
        return v4_refusal(v4_at(bytes, 12));
    if (starts_with(bytes, {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) {
        return v4_refusal(v4_at(bytes, 12));
    }
    if (starts_with(bytes, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})) return "IPv4-compatible address";
    if ((bytes[0] & 0xfe) == 0xfc) return "unique local address";
    if (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80) return "link-local";
    if (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0xc0) return "site-local";
    if (bytes[0] == 0xff) return "multicast";
    if (starts_with(bytes, {0x20, 0x01, 0x0d, 0xb8})) return "documentation";
    return std::nullopt;
}

std::optional<std::string_view> sockaddr_refusal(const sockaddr* address) {
    if (address->sa_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(address);
        return v4_refusal(ntohl(in->sin_addr.s_addr));
    }
    if (address->sa_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address);
        Bytes16 bytes{};
        std::memcpy(bytes.data(), &in6->sin6_addr, bytes.size());
        return v6_refusal(bytes);
    }
    return "not an internet address";
}

std::string numeric_text(const sockaddr* address, socklen_t length) {
    std::array<char, NI_MAXHOST> text{};
    if (getnameinfo(address, length, text.data(), text.size(), nullptr, 0, NI_NUMERICHOST) != 0) {
        return {};
    }
    return text.data();
}

struct AddressListDeleter {
    void operator()(addrinfo* list) const { freeaddrinfo(list); }
};
using AddressList = std::unique_ptr<addrinfo, AddressListDeleter>;

AddressList lookup(const std::string& host, int flags) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = flags;
    addrinfo* list = nullptr;
    if (getaddrinfo(host.c_str(), nullptr, &hints, &list) != 0) return AddressList();
    return AddressList(list);
}

}  // namespace

std::optional<std::string_view> WebhookAddress::refusal(std::string_view address) {
    const std::string text(address);
    std::array<std::uint8_t, 4> four{};
    if (inet_pton(AF_INET, text.c_str(), four.data()) == 1) {
        return v4_refusal(v4(four[0], four[1], four[2], four[3]));
    }
    Bytes16 sixteen{};
    if (inet_pton(AF_INET6, text.c_str(), sixteen.data()) == 1) return v6_refusal(sixteen);
    return std::nullopt;
}

std::optional<std::string_view> WebhookAddress::literal_refusal(std::string_view host) {
    if (host == "localhost" || host.ends_with(".localhost") || host == "localhost.") {
        return "loopback";
    }
    const AddressList list = lookup(std::string(host), AI_NUMERICHOST);
    if (!list) return std::nullopt;
    return sockaddr_refusal(list->ai_addr);
}

WebhookAddress::Resolved WebhookAddress::resolve(const std::string& host, bool private_allowed) {
    const AddressList list = lookup(host, 0);
    if (!list) return {{}, "the host name did not resolve"};
    Resolved resolved;
    for (const addrinfo* entry = list.get(); entry != nullptr; entry = entry->ai_next) {
        const auto refused = sockaddr_refusal(entry->ai_addr);
        if (refused && !private_allowed) {
            return {{}, "the host resolves to a refused address (" + std::string(*refused) + ")"};
        }
        if (resolved.address.empty())
            resolved.address = numeric_text(entry->ai_addr, entry->ai_addrlen);
    }
    if (resolved.address.empty()) resolved.refusal = "the host name did not resolve";
    return resolved;
}

}  // namespace bank
