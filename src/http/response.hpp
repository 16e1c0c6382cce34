#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/types.hpp"

namespace bank {

HttpResponse make_response(HttpStatus status, std::string body, std::string_view content_type);
HttpResponse html_response(HttpStatus status, std::string body);
HttpResponse json_response(HttpStatus status, std::string body);
HttpResponse text_response(HttpStatus status, std::string body);
// 303 See Other: after a POST the browser follows with a GET.
HttpResponse redirect(std::string_view location);
// The status a refusal of this kind is answered with, on the pages and in the API alike.
HttpStatus status_of(ErrorCode code);

}  // namespace bank
