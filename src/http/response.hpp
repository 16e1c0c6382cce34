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
// 200 with an empty body (the handler streams it) offered as a file to save.
HttpResponse download_response(std::string_view content_type, std::string_view file_name);
inline constexpr std::string_view csv_content_type = "text/csv; charset=utf-8";
inline constexpr std::string_view xlsx_content_type =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// 303 See Other: after a POST the browser follows with a GET.
HttpResponse redirect(std::string_view location);
// The status a refusal of this kind is answered with, on the pages and in the API alike.
HttpStatus status_of(ErrorCode code);

}  // namespace bank
