#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "http/request_context.hpp"
#include "http/route_spec.hpp"
#include "http/types.hpp"

namespace bank {

using Handler = std::function<boost::asio::awaitable<HttpResponse>(RequestContext&)>;

struct Route : RouteSpec {
    Handler handler;
};

// The routes with their handlers. Built from a table (route_table() in the server) whose
// lines get their handlers with `bind`; every refusal is a std::invalid_argument naming the
// route, thrown at start-up. A path segment written {name} matches any one segment and is
// handed to the handler in RequestContext::parameters.
class Router {
public:
    // Refuses a table that lists a method and path twice.
    explicit Router(const std::vector<RouteSpec>& table = {});

    // Gives the table's line its handler; refuses a route the table does not list and one
    // that already has a handler.
    void bind(HttpVerb verb, std::string_view path, Handler handler);
    // Adds a line and its handler at once (tests); refuses a duplicate like the constructor.
    void add(RouteSpec spec, Handler handler);
    // Refuses a table whose lines do not all have a handler.
    void check_complete() const;

    struct Match {
        const Route* route = nullptr;
        bool path_known = false;  // the path exists with another method: 405
        Fields parameters;        // the {name} segments of the route's path
    };
    Match find(HttpVerb verb, std::string_view path) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    Route* listed(HttpVerb verb, std::string_view path);

    std::vector<Route> routes_;
};

// "GET /path", as errors and the route listing name a route.
std::string route_name(HttpVerb verb, std::string_view path);

}  // namespace bank
