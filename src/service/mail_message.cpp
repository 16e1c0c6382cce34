#include "service/mail_message.hpp"

#include <array>
#include <chrono>
#include <cstdio>

#include "core/random.hpp"

namespace bank {
namespace {

constexpr std::size_t message_id_bytes = 16;

// A header value on one line: CR and LF become spaces.
std::string header_value(std::string_view value) {
    std::string line(value);
    for (char& c : line) {
        if (c == '\r' || c == '\n') c = ' ';
    }
    return line;
}

void add_header(std::string& out, std::string_view name, std::string_view value) {
    out.append(name);
    out.append(": ");
    out.append(header_value(value));
    out.append("\r\n");
}

// Every line break of the body as CRLF, whatever it was (\n, \r\n or a lone \r).
void add_body(std::string& out, std::string_view body) {
    for (std::size_t index = 0; index < body.size(); ++index) {
        const char c = body[index];
        if (c == '\r') {
            if (index + 1 < body.size() && body[index + 1] == '\n') ++index;
            out.append("\r\n");
        } else if (c == '\n') {
            out.append("\r\n");
        } else {
            out.push_back(c);
        }
    }
    if (!out.ends_with("\r\n")) out.append("\r\n");
}

}  // namespace

std::string format_mail_date(Timestamp at) {
    static constexpr std::array<const char*, 7> weekdays = {"Sun", "Mon", "Tue", "Wed",
                                                            "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto day = std::chrono::floor<std::chrono::days>(at);
    const std::chrono::year_month_day date{day};
    const std::chrono::weekday weekday{day};
    const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::seconds>(at - day)};
    std::array<char, 40> text{};
    std::snprintf(text.data(), text.size(), "%s, %02u %s %04d %02d:%02d:%02d +0000",
                  weekdays.at(weekday.c_encoding()), static_cast<unsigned>(date.day()),
                  months.at(static_cast<unsigned>(date.month()) - 1), static_cast<int>(date.year()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return text.data();
}

std::string new_message_id(std::string_view from) {
    const std::size_t at = from.rfind('@');
    const std::string_view domain =
        at == std::string_view::npos ? std::string_view("localhost") : from.substr(at + 1);
    return random_token(message_id_bytes) + "@" + std::string(domain);
}

std::string render_mail(const MailMessage& message) {
    std::string out;
    out.reserve(message.body.size() + 512);
    add_header(out, "Date", format_mail_date(message.date));
    add_header(out, "From", message.from);
    add_header(out, "To", message.to);
    add_header(out, "Subject", message.subject);
    add_header(out, "Message-ID", "<" + message.message_id + ">");
    add_header(out, "MIME-Version", "1.0");
    add_header(out, "Content-Type", "text/plain; charset=utf-8");
    add_header(out, "Content-Transfer-Encoding", "8bit");
    out.append("\r\n");
    add_body(out, message.body);
    return out;
}

}  // namespace bank
