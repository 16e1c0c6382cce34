// Signatures as the Standard Webhooks specification makes them (its reference libraries'
// test vector), and the secrets the bank makes.
#include "service/webhook_signature.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bank {
namespace {

TEST(WebhookSignature, MatchesTheSpecificationsTestVector) {
    const auto signature = WebhookSignature::sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                                                  "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                                                  R"({"test": 2432232314})");
    ASSERT_TRUE(signature);
    EXPECT_EQ(*signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST(WebhookSignature, RefusesASecretWithoutItsPrefixOrBase64) {
    EXPECT_FALSE(WebhookSignature::sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "id", 1, "{}"));
    EXPECT_FALSE(WebhookSignature::sign("whsec_!!!", "id", 1, "{}"));
    EXPECT_FALSE(WebhookSignature::sign("whsec_", "id", 1, "{}"));
}

TEST(WebhookSignature, NewSecretsAreWhsecAnd24RandomBytes) {
    const std::string first = WebhookSignature::new_secret();
    const std::string second = WebhookSignature::new_secret();
    ASSERT_TRUE(first.starts_with("whsec_"));
    EXPECT_NE(first, second);
    const auto key = WebhookSignature::from_base64(first.substr(6));
    ASSERT_TRUE(key);
    EXPECT_EQ(key->size(), 24u);
}

TEST(WebhookSignature, Base64RoundTripsEveryPadding) {
    for (const std::string& bytes :
         std::vector<std::string>{"a", "ab", "abc", "abcd", std::string("\0\xff", 2)}) {
        EXPECT_EQ(WebhookSignature::from_base64(WebhookSignature::base64(bytes)), bytes);
    }
}

}  // namespace
}  // namespace bank
