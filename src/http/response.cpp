#include "http/response.hpp"

#include <boost/beast/http/field.hpp>

namespace bank {

HttpResponse make_response(HttpStatus status, std::string body, std::string_view content_type) {
    HttpResponse response{status, 11};
    response.set(boost::beast::http::field::content_type, content_type);
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

HttpResponse html_response(HttpStatus status, std::string body) {
    return make_response(status, std::move(body), "text/html; charset=utf-8");
}

HttpResponse json_response(HttpStatus status, std::string body) {
    return make_response(status, std::move(body), "application/json");
}

HttpResponse text_response(HttpStatus status, std::string body) {
    return make_response(status, std::move(body), "text/plain; charset=utf-8");
}

HttpResponse download_response(std::string_view content_type, std::string_view file_name) {
    HttpResponse response = make_response(HttpStatus::ok, "", content_type);
    response.set(boost::beast::http::field::content_disposition,
                 "attachment; filename=\"" + std::string(file_name) + "\"");
    return response;
}

HttpResponse redirect(std::string_view location) {
    HttpResponse response{HttpStatus::see_other, 11};
    response.set(boost::beast::http::field::location, location);
    response.prepare_payload();
    return response;
}

HttpStatus status_of(ErrorCode code) {
    switch (code) {
        case ErrorCode::validation_failed:
            return HttpStatus::bad_request;
        case ErrorCode::unauthenticated:
            return HttpStatus::unauthorized;
        case ErrorCode::forbidden:
        case ErrorCode::account_disabled:
        case ErrorCode::insufficient_scope:
        case ErrorCode::own_proposal:
            return HttpStatus::forbidden;
        case ErrorCode::not_found:
            return HttpStatus::not_found;
        case ErrorCode::conflict:
        case ErrorCode::idempotency_conflict:
        case ErrorCode::proposal_expired:
        case ErrorCode::proposal_decided:
            return HttpStatus::conflict;
        case ErrorCode::insufficient_funds:
        case ErrorCode::account_closed:
        case ErrorCode::account_frozen:
        case ErrorCode::webhook_url_refused:
            return HttpStatus::unprocessable_entity;
        case ErrorCode::account_locked:
            return HttpStatus::locked;
        case ErrorCode::rate_limited:
            return HttpStatus::too_many_requests;
        case ErrorCode::unavailable:
            return HttpStatus::service_unavailable;
    }
    return HttpStatus::internal_server_error;
}

}  // namespace bank
