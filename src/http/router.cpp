#include "http/router.hpp"

#include <stdexcept>

#include <boost/beast/http/verb.hpp>

namespace bank {
namespace {

// Matches "/api/v1/accounts/{account_id}" against "/api/v1/accounts/abc": a {name}
// segment takes any one non-empty segment, which goes into `parameters`.
bool matches(std::string_view pattern, std::string_view path, Fields& parameters) {
    Fields found;
    while (!pattern.empty() || !path.empty()) {
        if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/') {
            return false;
        }
        pattern.remove_prefix(1);
        path.remove_prefix(1);
        const std::string_view pattern_segment = pattern.substr(0, pattern.find('/'));
        const std::string_view path_segment = path.substr(0, path.find('/'));
        if (pattern_segment.size() > 2 && pattern_segment.front() == '{' &&
            pattern_segment.back() == '}') {
            if (path_segment.empty()) return false;
            found.add(std::string(pattern_segment.substr(1, pattern_segment.size() - 2)),
                      std::string(path_segment));
        } else if (pattern_segment != path_segment) {
            return false;
        }
        pattern.remove_prefix(pattern_segment.size());
        path.remove_prefix(path_segment.size());
    }
    parameters = std::move(found);
    return true;
}

}  // namespace

std::string route_name(HttpVerb verb, std::string_view path) {
    return std::string(boost::beast::http::to_string(verb)) + " " + std::string(path);
}

Router::Router(const std::vector<RouteSpec>& table) {
    for (const auto& spec : table) add(spec, nullptr);
}

Route* Router::listed(HttpVerb verb, std::string_view path) {
    for (auto& route : routes_) {
        if (route.verb == verb && route.path == path) return &route;
    }
    return nullptr;
}

void Router::add(RouteSpec spec, Handler handler) {
    if (listed(spec.verb, spec.path) != nullptr) {
        throw std::invalid_argument("the route table lists " + route_name(spec.verb, spec.path) +
                                    " twice: each method and path is listed once");
    }
    routes_.push_back(Route{std::move(spec), std::move(handler)});
}

void Router::bind(HttpVerb verb, std::string_view path, Handler handler) {
    Route* route = listed(verb, path);
    if (route == nullptr) {
        throw std::invalid_argument("a handler for " + route_name(verb, path) +
                                    ", which the route table (src/http/route_table.cpp) "
                                    "does not list");
    }
    if (route->handler) {
        throw std::invalid_argument("a second handler for " + route_name(verb, path));
    }
    route->handler = std::move(handler);
}

void Router::check_complete() const {
    std::string missing;
    for (const auto& route : routes_) {
        if (!route.handler)
            missing += (missing.empty() ? "" : ", ") + route_name(route.verb, route.path);
    }
    if (!missing.empty()) {
        throw std::invalid_argument("routes listed without a handler: " + missing);
    }
}

Router::Match Router::find(HttpVerb verb, std::string_view path) const {
    Match match;
    for (const auto& route : routes_) {
        Fields parameters;
        if (!matches(route.path, path, parameters)) continue;
        match.path_known = true;
        if (route.verb == verb || (verb == HttpVerb::head && route.verb == HttpVerb::get)) {
            match.route = &route;
            match.parameters = std::move(parameters);
            return match;
        }
    }
    return match;
}

}  // namespace bank
