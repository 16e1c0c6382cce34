#pragma once

#include <ostream>

namespace bank {

// `bank routes`: the route table as the Markdown table docs/ROUTES.md shows, one line per
// method and path (tests/http/route_access.test.mjs walks it over HTTP).
void print_route_table(std::ostream& out);

}  // namespace bank
