// The reset mail as the SMTP server receives it: the headers a mail client needs, CRLF line
// endings throughout, and no way for a value to start a header of its own.
#include <gtest/gtest.h>

#include <string>

#include "service/mail_message.hpp"

namespace bank {
namespace {

// 2026-12-06T16:05:22Z, a Sunday.
const Timestamp sunday = from_micros(1'796'573'122'000'000);

MailMessage message(std::string body) {
    return MailMessage{
        "no-reply@bank.example", "ann@example.com", "Reset your password", std::move(body), sunday,
        "abc123@bank.example"};
}

TEST(MailMessage, HasTheHeadersAMailClientNeedsThenABlankLineThenTheBody) {
    const std::string text = render_mail(message("Hello Ann,\nthe link.\n"));
    EXPECT_EQ(text,
              "Date: Sun, 06 Dec 2026 16:05:22 +0000\r\n"
              "From: no-reply@bank.example\r\n"
              "To: ann@example.com\r\n"
              "Subject: Reset your password\r\n"
              "Message-ID: <abc123@bank.example>\r\n"
              "MIME-Version: 1.0\r\n"
              "Content-Type: text/plain; charset=utf-8\r\n"
              "Content-Transfer-Encoding: 8bit\r\n"
              "\r\n"
              "Hello Ann,\r\n"
              "the link.\r\n");
}

TEST(MailMessage, EveryLineEndsInCrlfWhateverTheBodyUsed) {
    const std::string text = render_mail(message("one\r\ntwo\nthree\rfour"));
    EXPECT_NE(text.find("\r\n\r\none\r\ntwo\r\nthree\r\nfour\r\n"), std::string::npos) << text;
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
        ASSERT_GT(at, 0U);
        EXPECT_EQ(text[at - 1], '\r') << "a bare LF at " << at;
    }
    for (std::size_t at = text.find('\r'); at != std::string::npos; at = text.find('\r', at + 1)) {
        ASSERT_LT(at + 1, text.size());
        EXPECT_EQ(text[at + 1], '\n') << "a bare CR at " << at;
    }
}

TEST(MailMessage, AHeaderValueCannotStartAHeaderOfItsOwn) {
    MailMessage injected = message("body");
    injected.subject = "Hi\r\nBcc: eve@example.com";
    const std::string text = render_mail(injected);
    EXPECT_NE(text.find("Subject: Hi  Bcc: eve@example.com\r\n"), std::string::npos) << text;
    EXPECT_EQ(text.find("\r\nBcc:"), std::string::npos);
}

TEST(MailMessage, TheDateIsRfc5322InUtc) {
    EXPECT_EQ(format_mail_date(from_micros(0)), "Thu, 01 Jan 1970 00:00:00 +0000");
    // 29 February 2028, a Tuesday, one second before midnight.
    EXPECT_EQ(format_mail_date(from_micros(1'835'481'599'000'000)),
              "Tue, 29 Feb 2028 23:59:59 +0000");
}

TEST(MailMessage, AMessageIdIsRandomAtTheSendersDomain) {
    const std::string first = new_message_id("no-reply@bank.example");
    const std::string second = new_message_id("no-reply@bank.example");
    EXPECT_TRUE(first.ends_with("@bank.example")) << first;
    EXPECT_NE(first, second);
    EXPECT_GE(first.find('@'), 32U) << "128 random bits in hex";
}

}  // namespace
}  // namespace bank
