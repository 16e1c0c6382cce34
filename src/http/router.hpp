#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "http/request_context.hpp"
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

using Handler = std::function<boost::asio::awaitable<HttpResponse>(RequestContext&)>;

struct Route {
    HttpVerb verb;
    std::string path;
    Access access;
    Handler handler;
};

// The one table of every route with the access it needs. A path segment written {name}
// matches any one segment and is handed to the handler in RequestContext::parameters.
class Router {
public:
    void add(HttpVerb verb, std::string path, Access access, Handler handler);

    struct Match {
        const Route* route = nullptr;
        bool path_known = false;  // the path exists with another method: 405
        Fields parameters;        // the {name} segments of the route's path
    };
    Match find(HttpVerb verb, std::string_view path) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

}  // namespace bank
