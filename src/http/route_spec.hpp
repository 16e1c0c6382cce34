#pragma once

#include <string>
#include <string_view>

#include "http/types.hpp"

namespace bank {

// Who may call a route.
enum class Access {
    sessionless,  // anyone, and the session is not even looked up (health checks)
    anyone,       // signed in or not
    guest,        // only when signed out (sign-in and registration); others go to the dashboard
    signed_in,    // only when signed in; others go to the sign-in page
    admin,        // only for a signed-in admin (403 for others); bank-wide figures, no money moves
};

// Whether a request must carry the session's CSRF token (a bearer token needs none, nor an
// API call without a cookie session: see RequestPipeline::dispatch_with_session).
enum class Csrf { none, checked };

// The rate limits a request counts against: `sign_in` per client address
// (limits::logins_per_address_per_minute), `api` per bearer token or address
// (limits::api_requests_per_minute).
enum class RateLimit { none, sign_in, api, api_and_sign_in };

// One line of the route table: a method and a path, and what a caller needs to reach it.
struct RouteSpec {
    HttpVerb verb;
    std::string path;  // a segment written {name} matches any one segment
    Access access;
    Csrf csrf;
    RateLimit rate_limit;
};

std::string_view name_of(Access access);
std::string_view name_of(Csrf csrf);
std::string_view name_of(RateLimit rate_limit);
bool counts_against_api(RateLimit rate_limit);
bool counts_against_sign_in(RateLimit rate_limit);

}  // namespace bank
