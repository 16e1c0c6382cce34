#pragma once

#include <optional>
#include <string>

namespace bank {

// One message for one recipient: the envelope's sender and recipient (SMTP's MAIL FROM and
// RCPT TO) and the message text as service/mail_message.hpp renders it.
struct OutgoingMail {
    std::string from;
    std::string to;
    std::string text;
};

// Hands a message to a mail server. Blocks for the whole exchange (seconds over a slow
// network): call it from a thread of its own (service/mail_queue.hpp), never an I/O thread.
class MailSender {
public:
    virtual ~MailSender() = default;
    // nullopt when the server accepted the message, else what went wrong (never a credential
    // or the message's text).
    virtual std::optional<std::string> send(const OutgoingMail& mail) = 0;
};

}  // namespace bank
