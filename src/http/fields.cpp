#include "http/fields.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/params_view.hpp>

namespace bank {

Result<Fields> parse_urlencoded(std::string_view text, std::size_t fields_max) {
    Fields fields;
    if (text.empty()) return fields;
    boost::urls::encoding_opts options;
    options.space_as_plus = true;
    // Boost.URL 1.81 reads past the end of a view that is not NUL-terminated (a query cut out
    // of the request line came back as "100 HTTP/1.1"), so it parses a copy of its own.
    const std::string copy(text);
    try {
        const boost::urls::params_view params(copy, options);
        for (const auto& param : params) {
            if (fields.size() >= fields_max) {
                return make_error(ErrorCode::validation_failed, "The form has too many fields.");
            }
            fields.add(std::string(param.key), std::string(param.value));
        }
    } catch (const std::exception&) {
        return make_error(ErrorCode::validation_failed, "The form data is malformed.");
    }
    return fields;
}

Fields parse_cookie_header(std::string_view header) {
    Fields cookies;
    while (!header.empty()) {
        const std::size_t end = header.find(';');
        std::string_view pair = header.substr(0, end);
        header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
        const std::size_t equals = pair.find('=');
        if (equals == std::string_view::npos || equals == 0) continue;
        std::string_view value = pair.substr(equals + 1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        cookies.add(std::string(pair.substr(0, equals)), std::string(value));
    }
    return cookies;
}

std::string url_encode(std::string_view text) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(text.size());
    for (unsigned char c : text) {
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            encoded.push_back(static_cast<char>(c));
        } else {
            encoded.push_back('%');
            encoded.push_back(digits[c >> 4]);
            encoded.push_back(digits[c & 0x0f]);
        }
    }
    return encoded;
}

}  // namespace bank
