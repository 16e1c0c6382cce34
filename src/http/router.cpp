#include "http/router.hpp"

namespace bank {

void Router::add(HttpVerb verb, std::string path, Access access, Handler handler) {
    routes_.push_back(Route{verb, std::move(path), access, std::move(handler)});
}

Router::Match Router::find(HttpVerb verb, std::string_view path) const {
    Match match;
    for (const auto& route : routes_) {
        if (route.path != path) continue;
        match.path_known = true;
        if (route.verb == verb || (verb == HttpVerb::head && route.verb == HttpVerb::get)) {
            match.route = &route;
            return match;
        }
    }
    return match;
}

}  // namespace bank
