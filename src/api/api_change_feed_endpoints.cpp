#include <boost/json.hpp>

#include "api/api_routes.hpp"
#include "api/json_views.hpp"
#include "core/clock.hpp"
#include "http/json_error.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

// A posting as the feed carries it: as it was written. `reversed_by`, the one thing written
// to a posted row later, is left out; a reversal is a posting of its own (reversal_of).
json::object change_json(const Change& change) {
    json::object object = transaction_json(change.posting);
    object.erase("reversed_by");
    object["position"] = change.position;
    object["kind"] = to_string(change.posting.transaction_type);
    object["committed_at"] = format_rfc3339(change.posting.timestamp);
    return object;
}

awaitable<HttpResponse> read_changes(ApiContext& api, RequestContext& context) {
    auto page = api.services.changes.read(context.query.get("cursor"), context.query.get("limit"));
    // A malformed query is the loader's mistake in the request itself: 400, naming the field.
    if (!page) {
        co_return json_error(HttpStatus::bad_request, "validation_failed", page.error().message,
                             page.error().field);
    }
    json::array changes;
    for (const Change& change : page.value().changes) changes.push_back(change_json(change));
    co_return json_ok(HttpStatus::ok, json::object{{"changes", std::move(changes)},
                                                   {"next_cursor", page.value().next_cursor},
                                                   {"has_more", page.value().has_more}});
}

}  // namespace

void add_api_change_feed_routes(Router& router, ApiContext& api) {
    router.bind(HttpVerb::get, "/api/v1/admin/changes",
                [&api](RequestContext& c) { return read_changes(api, c); });
}

}  // namespace bank
