#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace bank {

// Server-side checks of every input a person types. Each failure names its form field.
std::string trim(std::string_view text);
Result<std::string> normalize_email(std::string_view text);
std::optional<Error> check_password(std::string_view password, std::string_view field = "password");
Result<std::string> normalize_full_name(std::string_view text);
Result<std::string> normalize_phone(std::string_view text);
// An IANA time zone name of the tz database ("Europe/Paris"), surrounding spaces dropped.
// Anything else, empty text included, is refused naming the field "time_zone".
Result<std::string> normalize_time_zone(std::string_view text);
Result<std::string> normalize_description(std::string_view text);
Result<std::string> normalize_category(std::string_view text);
// Rejects control characters and invalid UTF-8.
bool is_clean_text(std::string_view text);

}  // namespace bank
