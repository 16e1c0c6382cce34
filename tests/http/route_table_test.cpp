// The route table refuses what would make "who may call what" ambiguous, and holds the
// rules the pipeline used to apply by method and path.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "http/response.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"

namespace bank {
namespace {

boost::asio::awaitable<HttpResponse> ok(RequestContext&) {
    co_return text_response(HttpStatus::ok, "ok");
}

RouteSpec spec(HttpVerb verb, std::string path) {
    return RouteSpec{verb, std::move(path), Access::signed_in, Csrf::none, RateLimit::none};
}

std::string refusal(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::invalid_argument& error) {
        return error.what();
    }
    return "";
}

TEST(RouteTable, ADuplicateMethodAndPathIsRefusedAtStartUp) {
    const std::vector<RouteSpec> table = {spec(HttpVerb::get, "/accounts"),
                                          spec(HttpVerb::post, "/accounts"),
                                          spec(HttpVerb::get, "/accounts")};
    const std::string message = refusal([&] { Router router(table); });
    EXPECT_NE(message.find("GET /accounts twice"), std::string::npos) << message;

    Router router;
    router.add(spec(HttpVerb::get, "/x"), ok);
    EXPECT_NE(refusal([&] { router.add(spec(HttpVerb::get, "/x"), ok); }).find("GET /x twice"),
              std::string::npos);
}

TEST(RouteTable, AHandlerMustMatchExactlyOneUnboundLine) {
    Router router(std::vector<RouteSpec>{spec(HttpVerb::get, "/a"), spec(HttpVerb::post, "/a")});
    EXPECT_NE(refusal([&] { router.bind(HttpVerb::get, "/b", ok); }).find("does not list"),
              std::string::npos);
    router.bind(HttpVerb::get, "/a", ok);
    EXPECT_NE(
        refusal([&] { router.bind(HttpVerb::get, "/a", ok); }).find("second handler for GET /a"),
        std::string::npos);
    EXPECT_NE(refusal([&] { router.check_complete(); }).find("without a handler: POST /a"),
              std::string::npos);
    router.bind(HttpVerb::post, "/a", ok);
    EXPECT_EQ(refusal([&] { router.check_complete(); }), "");
    EXPECT_EQ(router.find(HttpVerb::post, "/a").route->verb, HttpVerb::post);
}

TEST(RouteTable, TheServersTableListsEachRouteOnce) {
    EXPECT_EQ(refusal([] { Router router(route_table()); }), "");
    EXPECT_GE(route_table().size(), 50U);
}

// The rules the pipeline applied by method and path before the table existed. DELETE (the
// API's ending of a session or token) and PATCH (a standing order's change) change state as a
// POST does.
TEST(RouteTable, EveryPostChecksCsrfAndEveryApiRouteCountsAgainstTheApiLimit) {
    for (const auto& route : route_table()) {
        const std::string name = route_name(route.verb, route.path);
        const bool changes = route.verb == HttpVerb::post || route.verb == HttpVerb::delete_ ||
                             route.verb == HttpVerb::patch;
        EXPECT_EQ(route.csrf == Csrf::checked, changes) << name;
        EXPECT_EQ(counts_against_api(route.rate_limit), route.path.starts_with("/api/")) << name;
        const bool sign_in =
            route.verb == HttpVerb::post &&
            (route.path == "/login" || route.path == "/api/v1/login" ||
             route.path == "/login/second-factor" || route.path == "/api/v1/login/second-factor" ||
             route.path.starts_with("/password-reset") ||
             route.path.starts_with("/api/v1/password-reset") || route.path == "/login/passkey" ||
             route.path == "/api/v1/login/passkey" ||
             route.path == "/api/v1/login/passkey/options");
        EXPECT_EQ(counts_against_sign_in(route.rate_limit), sign_in) << name;
        EXPECT_TRUE(route.verb == HttpVerb::get || changes) << name;
        if (route.verb == HttpVerb::delete_) {
            EXPECT_TRUE(route.path.starts_with("/api/")) << name;
        }
    }
}

TEST(RouteTable, OnlyTheHealthCheckSkipsTheSessionAndOnlyTheAdminPagesAndApiNeedAnAdmin) {
    for (const auto& route : route_table()) {
        const std::string name = route_name(route.verb, route.path);
        EXPECT_EQ(route.access == Access::sessionless, route.path == "/healthz") << name;
        EXPECT_EQ(route.access == Access::admin, route.path == "/admin" ||
                                                     route.path.starts_with("/admin/") ||
                                                     route.path.starts_with("/api/v1/admin/"))
            << name;
    }
}

}  // namespace
}  // namespace bank
