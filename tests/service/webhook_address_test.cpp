// The SSRF guard's classification of addresses: what a webhook may never reach unless the
// operator allows private addresses.
#include "service/webhook_address.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace bank {
namespace {

struct AddressCase {
    std::string address;
    std::optional<std::string> want;  // the refusal; nullopt: public
};

void PrintTo(const AddressCase& c, std::ostream* out) { *out << c.address; }

class WebhookAddressRefusal : public testing::TestWithParam<AddressCase> {};

TEST_P(WebhookAddressRefusal, ClassifiesTheAddress) {
    const AddressCase& c = GetParam();
    const auto refusal = WebhookAddress::refusal(c.address);
    if (c.want) {
        ASSERT_TRUE(refusal) << c.address;
        EXPECT_EQ(std::string(*refusal), *c.want);
    } else {
        EXPECT_EQ(refusal, std::nullopt) << c.address;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, WebhookAddressRefusal,
    testing::Values(
        AddressCase{"127.0.0.1", "loopback"}, AddressCase{"127.255.0.9", "loopback"},
        AddressCase{"10.1.2.3", "private network"}, AddressCase{"172.16.0.1", "private network"},
        AddressCase{"172.31.255.255", "private network"}, AddressCase{"172.32.0.1", std::nullopt},
        AddressCase{"192.168.1.1", "private network"},
        AddressCase{"169.254.169.254", "cloud metadata address"},
        AddressCase{"169.254.1.1", "link-local"},
        AddressCase{"100.64.0.1", "shared address space (CGNAT)"},
        AddressCase{"100.127.255.255", "shared address space (CGNAT)"},
        AddressCase{"100.128.0.1", std::nullopt}, AddressCase{"0.0.0.0", "unspecified address"},
        AddressCase{"224.0.0.1", "multicast"}, AddressCase{"255.255.255.255", "reserved"},
        AddressCase{"8.8.8.8", std::nullopt}, AddressCase{"93.184.216.34", std::nullopt},
        AddressCase{"::1", "loopback"}, AddressCase{"::", "unspecified address"},
        AddressCase{"fc00::1", "unique local address"},
        AddressCase{"fd12:3456::1", "unique local address"}, AddressCase{"fe80::1", "link-local"},
        AddressCase{"ff02::1", "multicast"}, AddressCase{"::ffff:127.0.0.1", "loopback"},
        AddressCase{"::ffff:10.0.0.1", "private network"},
        AddressCase{"::ffff:8.8.8.8", std::nullopt},
        AddressCase{"64:ff9b::a9fe:a9fe", "cloud metadata address"},
        AddressCase{"::127.0.0.1", "IPv4-compatible address"},
        AddressCase{"2001:db8::1", "documentation"}, AddressCase{"2606:4700::1111", std::nullopt},
        AddressCase{"not an address", std::nullopt}));

TEST(WebhookAddressLiteral, RefusesLocalhostAndEveryNumericFormWithoutAskingDns) {
    EXPECT_EQ(WebhookAddress::literal_refusal("localhost"), "loopback");
    EXPECT_EQ(WebhookAddress::literal_refusal("api.localhost"), "loopback");
    EXPECT_EQ(WebhookAddress::literal_refusal("127.0.0.1"), "loopback");
    // Forms inet_aton reads, which a resolver and libcurl would connect to.
    EXPECT_EQ(WebhookAddress::literal_refusal("127.1"), "loopback");
    EXPECT_EQ(WebhookAddress::literal_refusal("2130706433"), "loopback");
    EXPECT_EQ(WebhookAddress::literal_refusal("0x7f.0.0.1"), "loopback");
    EXPECT_EQ(WebhookAddress::literal_refusal("::1"), "loopback");
    EXPECT_EQ(WebhookAddress::literal_refusal("8.8.8.8"), std::nullopt);
    // A name is checked on its addresses when it is sent to.
    EXPECT_EQ(WebhookAddress::literal_refusal("hooks.example.com"), std::nullopt);
}

TEST(WebhookAddressResolve, RefusesAResolvedLoopbackUnlessAllowed) {
    const auto refused = WebhookAddress::resolve("127.0.0.1", false);
    EXPECT_TRUE(refused.address.empty());
    EXPECT_NE(refused.refusal.find("loopback"), std::string::npos) << refused.refusal;
    const auto allowed = WebhookAddress::resolve("127.0.0.1", true);
    EXPECT_EQ(allowed.address, "127.0.0.1");
    EXPECT_TRUE(allowed.refusal.empty());
}

}  // namespace
}  // namespace bank
