#include "app/routes_command.hpp"

#include <boost/beast/http/verb.hpp>

#include "http/route_table.hpp"

namespace bank {

void print_route_table(std::ostream& out) {
    out << "| method | path | access | CSRF | rate limit |\n"
        << "|---|---|---|---|---|\n";
    for (const auto& route : route_table()) {
        out << "| " << boost::beast::http::to_string(route.verb) << " | " << route.path << " | "
            << name_of(route.access) << " | " << name_of(route.csrf) << " | "
            << name_of(route.rate_limit) << " |\n";
    }
}

}  // namespace bank
