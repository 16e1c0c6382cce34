#include "service/smtp_mail_sender.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>

#include <curl/curl.h>

namespace bank {
namespace {

constexpr long connect_timeout_seconds = 10;
constexpr long transfer_timeout_seconds = 30;

struct UrlDeleter {
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct EasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct PartDeleter {
    void operator()(char* part) const { curl_free(part); }
};

// One part of a parsed URL ("" when absent).
std::string url_part(CURLU* url, CURLUPart which) {
    char* raw = nullptr;
    if (curl_url_get(url, which, &raw, 0) != CURLUE_OK || raw == nullptr) return {};
    const std::unique_ptr<char, PartDeleter> part(raw);
    return part.get();
}

// The message text, read by libcurl in pieces as it uploads it.
struct Upload {
    const std::string& text;
    std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t room = size * count;
    const std::size_t piece = std::min(room, upload->text.size() - upload->sent);
    std::copy_n(upload->text.data() + upload->sent, piece, buffer);
    upload->sent += piece;
    return piece;
}

}  // namespace

SmtpMailSender::SmtpMailSender(const std::string& url, std::string ca_file)
    : ca_file_(std::move(ca_file)) {
    static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!curl_ready) throw std::runtime_error("libcurl could not be initialised");
    const std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
    if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
        throw std::invalid_argument("BANK_SMTP_URL is not a URL like smtps://mail.example.com");
    }
    const std::string scheme = url_part(parsed.get(), CURLUPART_SCHEME);
    if (scheme != "smtp" && scheme != "smtps") {
        throw std::invalid_argument("BANK_SMTP_URL must start with smtp:// or smtps://");
    }
    const std::string query = url_part(parsed.get(), CURLUPART_QUERY);
    if (!query.empty() && query != "starttls") {
        throw std::invalid_argument("BANK_SMTP_URL takes no query but ?starttls");
    }
    implicit_tls_ = scheme == "smtps";
    starttls_ = query == "starttls";
    const bool credentials = !url_part(parsed.get(), CURLUPART_USER).empty() ||
                             !url_part(parsed.get(), CURLUPART_PASSWORD).empty();
    if (credentials && !implicit_tls_ && !starttls_) {
        throw std::invalid_argument(
            "BANK_SMTP_URL has credentials but no TLS: use smtps:// or smtp://...?starttls");
    }
    curl_url_set(parsed.get(), CURLUPART_QUERY, nullptr, 0);
    url_ = url_part(parsed.get(), CURLUPART_URL);
    const std::string port = url_part(parsed.get(), CURLUPART_PORT);
    server_name_ = scheme + "://" + url_part(parsed.get(), CURLUPART_HOST) +
                   (port.empty() ? "" : ":" + port) + (starttls_ ? " (STARTTLS)" : "");
}

std::optional<std::string> SmtpMailSender::send(const OutgoingMail& mail) {
    const std::unique_ptr<CURL, EasyDeleter> handle(curl_easy_init());
    if (!handle) return "libcurl could not make a handle";
    const std::unique_ptr<curl_slist, ListDeleter> recipients(
        curl_slist_append(nullptr, ("<" + mail.to + ">").c_str()));
    if (!recipients) return "out of memory";
    const std::string from = "<" + mail.from + ">";
    Upload upload{mail.text};
    std::array<char, CURL_ERROR_SIZE> error{};
    CURL* curl = handle.get();
    curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     implicit_tls_ || starttls_ ? CURLUSESSL_ALL : CURLUSESSL_NONE);
    if (!ca_file_.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file_.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mail.text.size()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, connect_timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, transfer_timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error.data());
    const CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) return std::nullopt;
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    std::string what = error[0] != '\0' ? std::string(error.data()) : curl_easy_strerror(code);
    if (reply != 0) what += " (SMTP reply " + std::to_string(reply) + ")";
    return what;
}

}  // namespace bank
