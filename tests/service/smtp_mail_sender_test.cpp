// BANK_SMTP_URL as SmtpMailSender reads it: the TLS it asks for, credentials never without
// TLS, and a server name for the log that never holds the password.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "service/smtp_mail_sender.hpp"

namespace bank {
namespace {

std::string refusal(const std::string& url) {
    try {
        SmtpMailSender sender(url);
    } catch (const std::invalid_argument& error) {
        return error.what();
    }
    return "";
}

TEST(SmtpMailSender, NamesTheServerForTheLogWithoutItsCredentials) {
    EXPECT_EQ(SmtpMailSender("smtps://ann:s3cret@mail.example.com:465").server_name(),
              "smtps://mail.example.com:465");
    EXPECT_EQ(SmtpMailSender("smtp://bob:pw@mail.example.com:587?starttls").server_name(),
              "smtp://mail.example.com:587 (STARTTLS)");
    EXPECT_EQ(SmtpMailSender("smtp://127.0.0.1:2525").server_name(), "smtp://127.0.0.1:2525");
}

TEST(SmtpMailSender, RefusesCredentialsWithoutTlsAndUrlsOfOtherKinds) {
    EXPECT_NE(refusal("smtp://ann:s3cret@mail.example.com").find("no TLS"), std::string::npos);
    EXPECT_EQ(refusal("smtp://ann:s3cret@mail.example.com").find("s3cret"), std::string::npos)
        << "the message never repeats the password";
    EXPECT_NE(refusal("https://mail.example.com").find("smtp:// or smtps://"), std::string::npos);
    EXPECT_NE(refusal("smtp://mail.example.com?tls=maybe").find("?starttls"), std::string::npos);
    EXPECT_NE(refusal("not a url").find("not a URL"), std::string::npos);
}

TEST(SmtpMailSender, AServerThatIsNotThereIsAnErrorNotAnException) {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    SmtpMailSender sender("smtp://127.0.0.1:1");
    const auto failure =
        sender.send({"no-reply@bank.example", "ann@example.com", "Subject: x\r\n\r\nx\r\n"});
    ASSERT_TRUE(failure.has_value());
    EXPECT_FALSE(failure->empty());
}

}  // namespace
}  // namespace bank
