#include "http/json_error.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/response.hpp"

namespace bank {

HttpResponse json_error(HttpStatus status, std::string_view code, std::string_view message,
                        std::string_view field) {
    boost::json::object error;
    error["code"] = code;
    error["message"] = message;
    if (!field.empty()) error["field"] = field;
    boost::json::object body;
    body["error"] = std::move(error);
    return json_response(status, boost::json::serialize(body));
}

std::string_view error_code_for(HttpStatus status) {
    switch (status) {
        case HttpStatus::bad_request:
            return "validation_failed";
        case HttpStatus::unauthorized:
            return "unauthenticated";
        case HttpStatus::forbidden:
            return "forbidden";
        case HttpStatus::not_found:
            return "not_found";
        case HttpStatus::method_not_allowed:
            return "method_not_allowed";
        case HttpStatus::conflict:
            return "conflict";
        case HttpStatus::payload_too_large:
            return "payload_too_large";
        case HttpStatus::unsupported_media_type:
            return "unsupported_media_type";
        case HttpStatus::request_header_fields_too_large:
            return "headers_too_large";
        case HttpStatus::too_many_requests:
            return "rate_limited";
        case HttpStatus::service_unavailable:
            return "unavailable";
        default:
            return "internal";
    }
}

bool is_api_path(std::string_view target) { return target.starts_with("/api/"); }

}  // namespace bank
