#include "http/router.hpp"

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

void Router::add(HttpVerb verb, std::string path, Access access, Handler handler) {
    routes_.push_back(Route{verb, std::move(path), access, std::move(handler)});
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
