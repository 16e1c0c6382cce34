#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "core/limits.hpp"
#include "http/request_context.hpp"
#include "http/router.hpp"
#include "http/static_assets.hpp"
#include "http/types.hpp"
#include "service/auth_service.hpp"
#include "service/rate_limiter.hpp"

namespace bank {

struct PipelineOptions {
    bool cookie_secure = false;  // add Secure to cookies (TLS, or a TLS-terminating proxy)
    std::size_t logins_per_minute = limits::logins_per_address_per_minute;
    std::size_t api_requests_per_minute = limits::api_requests_per_minute;
    // Addresses of reverse proxies whose X-Forwarded-For is believed. From anyone else the
    // header is ignored, so a client cannot pick the address its rate limits count against.
    std::vector<std::string> trusted_proxies;
};

// The client's address: the connection's peer, or the right-most X-Forwarded-For entry
// not itself a trusted proxy when the peer is one.
std::string client_address_of(const HttpRequest& request, const std::string& peer,
                              const std::vector<std::string>& trusted_proxies);

// A handler's ChunkSource as the server awaits it: each chunk is made where the pipeline
// runs store reads (see RequestPipeline::run_store_requests_on).
using AsyncChunkSource = std::function<boost::asio::awaitable<std::string>()>;

// Renders an error page (or JSON error) for a status the pipeline itself decides.
using ErrorRenderer =
    std::function<HttpResponse(const RequestContext&, HttpStatus, std::string_view message)>;

inline constexpr std::string_view session_cookie = "bank_session";
inline constexpr std::string_view csrf_cookie = "bank_csrf";
inline constexpr std::string_view flash_cookie = "bank_flash";
// Before each cookie's name over TLS or with --cookie-secure (RequestPipeline::cookie).
inline constexpr std::string_view host_cookie_prefix = "__Host-";
inline constexpr std::string_view csrf_field = "csrf_token";

// The middleware around every handler: static assets, routing, session, CSRF, access,
// error capture, security headers and the request log line.
class RequestPipeline {
public:
    RequestPipeline(const Router& router, AuthService& auth, const StaticAssets& assets,
                    ErrorRenderer render_error, const PipelineOptions& options, const Clock& clock);

    struct Reply {
        HttpResponse response;
        AsyncChunkSource body_stream;  // set for a streamed body
    };
    boost::asio::awaitable<Reply> handle(const HttpRequest& request, std::string client_address);

    // The chunks of streamed bodies (exports: up to a workbook of 100,000 rows) run on
    // `executor`, a pool of their own, never on the I/O thread that read the request.
    void run_streamed_bodies_on(boost::asio::any_io_executor executor) {
        stream_executor_ = std::move(executor);
    }

    // Requests that read the store run on `executor` as well (with their streamed bodies):
    // for stores whose reads wait on the network.
    void run_store_requests_on(boost::asio::any_io_executor executor) {
        stream_executor_ = executor;
        blocking_executor_ = std::move(executor);
    }

private:
    boost::asio::awaitable<HttpResponse> dispatch(RequestContext& context);
    boost::asio::awaitable<HttpResponse> dispatch_with_session(RequestContext& context,
                                                               const Route& route);
    std::optional<HttpResponse> serve_static(const HttpRequest& request, std::string_view path);
    // The route's limits (per address on sign-in, per token or address on the API): 429 with
    // Retry-After.
    static std::optional<HttpResponse> check_token_scope(RequestContext& context, bool api);
    static Fields host_cookies_only(const Fields& cookies);
    std::optional<HttpResponse> check_rate_limits(const RequestContext& context,
                                                  RateLimit rate_limit);
    void load_flash(RequestContext& context) const;
    bool csrf_ok(const RequestContext& context) const;
    void finish(RequestContext& context, HttpResponse& response) const;
    AsyncChunkSource on_store_executor(ChunkSource source) const;
    std::string cookie(std::string_view name, std::string_view value, long max_age_seconds) const;

    const Router& router_;
    AuthService& auth_;
    const StaticAssets& assets_;
    ErrorRenderer render_error_;
    PipelineOptions options_;
    std::optional<boost::asio::any_io_executor> blocking_executor_;
    std::optional<boost::asio::any_io_executor> stream_executor_;
    const Clock& clock_;
    RateLimiter login_limiter_;
    RateLimiter api_limiter_;
};

void add_security_headers(HttpResponse& response);

}  // namespace bank
