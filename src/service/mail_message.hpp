#pragma once

#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace bank {

// A plain-text email as the bank sends it (password reset links). The addresses are ones
// the service checked (service/validation.hpp: no spaces, control characters or angle
// brackets), the subject and body the service's own text.
struct MailMessage {
    std::string from;
    std::string to;
    std::string subject;
    std::string body;  // lines end in \n or \r\n; sent with \r\n
    Timestamp date{};
    std::string message_id;  // without the angle brackets: "<random>@<from's domain>"
};

// The message as RFC 5322 text: Date, From, To, Subject, Message-ID, MIME-Version and a
// UTF-8 plain-text Content-Type, a blank line, then the body, every line ending in CRLF.
// Header values lose any CR or LF, so no value can start a header of its own. Dot-stuffing
// is the SMTP client's (libcurl's) job, not this text's.
std::string render_mail(const MailMessage& message);

// "Sun, 06 Dec 2026 16:05:22 +0000": the Date header's form (RFC 5322 3.3), in UTC.
std::string format_mail_date(Timestamp at);

// A new Message-ID for a message from `from`: random hex, "@", and the address's domain.
std::string new_message_id(std::string_view from);

}  // namespace bank
