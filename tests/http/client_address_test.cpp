#include <gtest/gtest.h>

#include "http/pipeline.hpp"

namespace bank {
namespace {

HttpRequest with_forwarded(std::string_view value) {
    HttpRequest request{HttpVerb::get, "/", 11};
    if (!value.empty()) request.set("X-Forwarded-For", value);
    return request;
}

TEST(ClientAddress, IgnoresForwardedForFromAnUntrustedPeer) {
    EXPECT_EQ(client_address_of(with_forwarded("1.2.3.4"), "10.0.0.5", {}), "10.0.0.5");
    EXPECT_EQ(client_address_of(with_forwarded("1.2.3.4"), "10.0.0.5", {"10.0.0.9"}), "10.0.0.5");
}

TEST(ClientAddress, BelievesATrustedProxyAndTakesTheRightMostUntrustedHop) {
    const std::vector<std::string> proxies{"10.0.0.9", "10.0.0.8"};
    EXPECT_EQ(client_address_of(with_forwarded("203.0.113.7"), "10.0.0.9", proxies), "203.0.113.7");
    // A client may send its own X-Forwarded-For; only hops added by our proxies count.
    EXPECT_EQ(client_address_of(with_forwarded("6.6.6.6, 203.0.113.7"), "10.0.0.9", proxies),
              "203.0.113.7");
    EXPECT_EQ(client_address_of(with_forwarded("203.0.113.7, 10.0.0.8"), "10.0.0.9", proxies),
              "203.0.113.7");
}

TEST(ClientAddress, FallsBackToThePeerWithoutAUsableHeader) {
    const std::vector<std::string> proxies{"10.0.0.9"};
    EXPECT_EQ(client_address_of(with_forwarded(""), "10.0.0.9", proxies), "10.0.0.9");
    EXPECT_EQ(client_address_of(with_forwarded(" , "), "10.0.0.9", proxies), "10.0.0.9");
}

}  // namespace
}  // namespace bank
