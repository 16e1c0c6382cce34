#include "service/validation.hpp"

#include "core/limits.hpp"
#include "core/time_zone.hpp"
#include "ledger/category.hpp"

namespace bank {

std::string trim(std::string_view text) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return std::string(text);
}

bool is_clean_text(std::string_view text) {
    std::size_t continuation = 0;
    for (unsigned char c : text) {
        if (continuation > 0) {
            if ((c & 0xC0) != 0x80) return false;
            --continuation;
            continue;
        }
        if (c < 0x20 || c == 0x7F) return false;
        if (c < 0x80) continue;
        if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
            continuation = 1;
        } else if ((c & 0xF0) == 0xE0) {
            continuation = 2;
        } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
            continuation = 3;
        } else {
            return false;
        }
    }
    return continuation == 0;
}

Result<std::string> normalize_email(std::string_view text) {
    std::string email = trim(text);
    for (char& c : email) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (email.empty())
        return make_error(ErrorCode::validation_failed, "Enter your email address.", "email");
    const auto invalid = make_error(ErrorCode::validation_failed,
                                    "Enter a valid email address, like name@example.com.", "email");
    if (email.size() > limits::email_length_max) return invalid;
    const std::size_t at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) {
        return invalid;
    }
    const std::string_view domain = std::string_view(email).substr(at + 1);
    const std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return invalid;
    for (unsigned char c : email) {
        if (c <= ' ' || c >= 0x7F || c == '<' || c == '>' || c == '"' || c == ',' || c == ';') {
            return invalid;
        }
    }
    return email;
}

std::optional<Error> check_password(std::string_view password, std::string_view field) {
    if (password.size() < limits::password_length_min) {
        return make_error(ErrorCode::validation_failed,
                          "The password must have at least 8 characters.", std::string(field));
    }
    if (password.size() > limits::password_length_max) {
        return make_error(ErrorCode::validation_failed, "The password can have at most 72 bytes.",
                          std::string(field));
    }
    if (password.find('\0') != std::string_view::npos) {
        return make_error(ErrorCode::validation_failed,
                          "The password cannot contain a NUL character.", std::string(field));
    }
    return std::nullopt;
}

Result<std::string> normalize_full_name(std::string_view text) {
    std::string name = trim(text);
    if (name.empty())
        return make_error(ErrorCode::validation_failed, "Enter your full name.", "full_name");
    if (name.size() > limits::full_name_length_max) {
        return make_error(ErrorCode::validation_failed, "The name can have at most 100 characters.",
                          "full_name");
    }
    if (!is_clean_text(name)) {
        return make_error(ErrorCode::validation_failed,
                          "The name contains characters that are not allowed.", "full_name");
    }
    return name;
}

Result<std::string> normalize_time_zone(std::string_view text) {
    std::string name = trim(text);
    if (!TimeZone::find(name)) {
        return make_error(ErrorCode::validation_failed,
                          "Choose a time zone of the list: an IANA name such as Europe/Paris.",
                          "time_zone");
    }
    return name;
}

Result<std::string> normalize_phone(std::string_view text) {
    std::string phone = trim(text);
    const auto invalid = make_error(
        ErrorCode::validation_failed,
        "Enter a phone number of digits, spaces and + - ( ), at most 20 characters.", "phone");
    if (phone.size() > limits::phone_length_max) return invalid;
    int digits = 0;
    for (char c : phone) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')') {
            return invalid;
        }
    }
    if (!phone.empty() && digits < 3) return invalid;
    return phone;
}

Result<std::string> normalize_description(std::string_view text) {
    std::string description = trim(text);
    if (description.size() > limits::description_length_max) {
        return make_error(ErrorCode::validation_failed,
                          "The description can have at most 200 characters.", "description");
    }
    if (!is_clean_text(description)) {
        return make_error(ErrorCode::validation_failed,
                          "The description contains characters that are not allowed.",
                          "description");
    }
    return description;
}

Result<std::string> normalize_category(std::string_view text) {
    std::string category = trim(text);
    if (category.empty() || is_category(category)) return category;
    return make_error(ErrorCode::validation_failed, "Choose a category from the list.", "category");
}

}  // namespace bank
