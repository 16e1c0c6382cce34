#pragma once

#include <boost/json/object.hpp>

#include <vector>

namespace bank {

class DynamoDbClient;

// Writes many new items, each a TransactWriteItems Put conditioned on its key being new
// (dynamodb_writes::put with "attribute_not_exists(...)"), in requests of up to 100 sent
// together (run_concurrently, at most dynamodb_limits::requests_in_flight at once). A request
// applies whole or not at all, so one item whose key is taken cancels its neighbours: the
// request is sent again without it (ledger/conditional_batch_plans.hpp), and so is a request
// that failed otherwise, each try with a fresh retry budget, until `tries_max` tries in a row
// settle nothing. One outcome per item, in order. Never throws for a failed request.
namespace dynamodb_new_items {

enum class Outcome {
    written,  // this call wrote it
    taken,    // its key was there already: an earlier try of ours, or another writer
    lost,     // every try failed: not written
};

std::vector<Outcome> put_all(DynamoDbClient& client, const std::vector<boost::json::object>& items,
                             int tries_max);

}  // namespace dynamodb_new_items
}  // namespace bank
