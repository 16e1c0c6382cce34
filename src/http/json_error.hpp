#pragma once

#include <string_view>

#include "http/types.hpp"

namespace bank {

// The API's error body: {"error": {"code", "message", "field"?}}.
HttpResponse json_error(HttpStatus status, std::string_view code, std::string_view message,
                        std::string_view field = {});
// The error code the API uses for a status the HTTP layer decides by itself.
std::string_view error_code_for(HttpStatus status);
// True for paths of the JSON API, whose errors are JSON rather than pages.
bool is_api_path(std::string_view target);

}  // namespace bank
