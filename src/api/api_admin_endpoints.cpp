#include "api/api_routes.hpp"
#include "api/json_views.hpp"
#include "http/pipeline.hpp"

namespace bank {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

awaitable<HttpResponse> set_disabled(ApiContext& api, RequestContext& context, bool disabled) {
    auto person = co_await api.services.admin_access.set_disabled(
        *context.identity, context.parameters.get("user_id"), disabled, context.client_address);
    if (!person) co_return json_refusal(person.error());
    co_return json_ok(HttpStatus::ok, json::object{{"user_id", person->user_id},
                                                   {"email", person->email},
                                                   {"disabled", person->disabled}});
}

}  // namespace

void add_api_admin_routes(Router& router, ApiContext& api) {
    using V = HttpVerb;
    router.bind(V::post, "/api/v1/admin/users/{user_id}/disable",
                [&api](RequestContext& c) { return set_disabled(api, c, true); });
    router.bind(V::post, "/api/v1/admin/users/{user_id}/enable",
                [&api](RequestContext& c) { return set_disabled(api, c, false); });
}

}  // namespace bank
