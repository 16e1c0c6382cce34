#include "service/password_policy.hpp"

#include <string>

#include <gtest/gtest.h>

namespace bank {
namespace {

TEST(PasswordPolicyTest, TheDictionaryIsInstalled) {
    EXPECT_TRUE(password_dictionary_available()) << "Debian's cracklib-runtime";
}

// Each case: a password for ann.lee@example.com, "Ann Lee", and the reason it is refused
// (a part of the message), or empty when it is accepted.
TEST(PasswordPolicyTest, RefusesShortLongCommonAndPersonalPasswords) {
    const struct {
        std::string password;
        std::string refusal;
    } cases[] = {
        {"Sturdy-passw0rd", ""},
        {"correct horse battery staple", ""},
        {"Kq7-zx!w", ""},  // 8 bytes, no dictionary word
        {std::string(72, 'q'), "too easy to guess"},
        {"P4ss-" + std::string(67, 'y'), ""},  // exactly 72 bytes
        {"Short-1", "at least 8 characters"},
        {"L0ng-" + std::string(68, 'x'), "at most 72 bytes"},
        {"password", "too easy to guess (it is based on a dictionary word)"},
        {"password1", "dictionary word"},
        {"Football!", "dictionary word"},
        {"12345678", "too easy to guess (it is too simplistic/systematic)"},
        {"aaaaaaaa", "too easy to guess"},
        {"qwertyuiop", "too easy to guess"},
        {"my-ann.lee-2026!", "email address's name"},
        {"X9-LEE-trumpet-77", "cannot contain your name"},
        {std::string("pass\0word-long", 14), "NUL"},
    };
    for (const auto& test : cases) {
        const auto error = check_new_password(test.password, "ann.lee@example.com", "Ann Lee");
        if (test.refusal.empty()) {
            EXPECT_FALSE(error) << test.password << ": " << error->message;
            continue;
        }
        ASSERT_TRUE(error) << test.password;
        EXPECT_EQ(error->code, ErrorCode::validation_failed) << test.password;
        EXPECT_EQ(error->field, "password") << test.password;
        EXPECT_NE(error->message.find(test.refusal), std::string::npos)
            << test.password << ": " << error->message;
    }
}

TEST(PasswordPolicyTest, ShortPartsOfANameAreAllowed) {
    EXPECT_FALSE(check_new_password("Sturdy-passw0rd", "al@example.com", "Al Wu"))
        << "two-letter names are in too many good passwords";
    const auto error =
        check_new_password("Sturdy-passw0rd", "sturdy@example.com", "Al Wu", "new_password");
    ASSERT_TRUE(error);
    EXPECT_EQ(error->field, "new_password") << "the form field is named";
}

}  // namespace
}  // namespace bank
