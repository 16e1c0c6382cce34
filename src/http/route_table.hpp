#pragma once

#include <vector>

#include "http/route_spec.hpp"

namespace bank {

// Every route the server answers and who may call it, in one place (as rippled's
// handlerArray): the page and endpoint files only give each line its handler
// (Router::bind), and the server refuses to start when a line is listed twice, a handler
// names a route not listed here, or a listed route has no handler. docs/ROUTES.md shows
// the same table (`bank routes` prints it).
const std::vector<RouteSpec>& route_table();

}  // namespace bank
