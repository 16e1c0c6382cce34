#pragma once

#include <boost/json/object.hpp>

#include <string_view>
#include <vector>

namespace bank {

class DynamoDbClient;

// Every item a Query or Scan (`operation`) answers, page after page (LastEvaluatedKey), for
// the small per-person tables (budgets, passkeys, rates) whose readers want them all.
std::vector<boost::json::object> every_item(DynamoDbClient& client, std::string_view operation,
                                            boost::json::object request);

}  // namespace bank
