#include "http/route_spec.hpp"

namespace bank {

std::string_view name_of(Access access) {
    switch (access) {
        case Access::sessionless:
            return "sessionless";
        case Access::anyone:
            return "anyone";
        case Access::guest:
            return "guest";
        case Access::signed_in:
            return "signed in";
        case Access::admin:
            return "admin";
    }
    return "unknown";
}

std::string_view name_of(Csrf csrf) { return csrf == Csrf::checked ? "checked" : "none"; }

std::string_view name_of(RateLimit rate_limit) {
    switch (rate_limit) {
        case RateLimit::none:
            return "none";
        case RateLimit::sign_in:
            return "sign-in";
        case RateLimit::api:
            return "api";
        case RateLimit::api_and_sign_in:
            return "api, sign-in";
    }
    return "unknown";
}

bool counts_against_api(RateLimit rate_limit) {
    return rate_limit == RateLimit::api || rate_limit == RateLimit::api_and_sign_in;
}

bool counts_against_sign_in(RateLimit rate_limit) {
    return rate_limit == RateLimit::sign_in || rate_limit == RateLimit::api_and_sign_in;
}

}  // namespace bank
