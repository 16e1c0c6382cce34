#include "http/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <memory>

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/url/parse.hpp>

#include "core/limits.hpp"
#include "core/random.hpp"
#include "http/json_error.hpp"
#include "http/response.hpp"

namespace bank {
namespace http = boost::beast::http;

namespace {

constexpr long flash_max_age_seconds = 60;
constexpr std::size_t csrf_token_bytes = 32;
constexpr std::size_t rate_limit_keys_max = 100'000;

std::string percent_decode(std::string_view text) {
    auto parsed = parse_urlencoded("v=" + std::string(text), 1);
    return parsed ? parsed->get("v") : std::string();
}

bool is_form(const HttpRequest& request) {
    const auto type = request[http::field::content_type];
    return type.starts_with("application/x-www-form-urlencoded");
}

boost::asio::awaitable<std::string> next_chunk(std::shared_ptr<ChunkSource> source) {
    co_return (*source)();
}

// Parameters by value: the coroutine frame owns them, whatever happens to the caller's
// std::function meanwhile.
boost::asio::awaitable<std::string> next_chunk_on(boost::asio::any_io_executor executor,
                                                  std::shared_ptr<ChunkSource> source) {
    auto work = next_chunk(std::move(source));
    co_return co_await boost::asio::co_spawn(executor, std::move(work), boost::asio::use_awaitable);
}

}  // namespace

void add_security_headers(HttpResponse& response) {
    response.set("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    response.set("X-Content-Type-Options", "nosniff");
    response.set(http::field::x_frame_options, "DENY");
    response.set("Referrer-Policy", "same-origin");
    response.set("Cross-Origin-Opener-Policy", "same-origin");
    response.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

std::string client_address_of(const HttpRequest& request, const std::string& peer,
                              const std::vector<std::string>& trusted_proxies) {
    const auto trusted = [&](std::string_view address) {
        return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) !=
               trusted_proxies.end();
    };
    if (!trusted(peer)) return peer;
    std::string_view forwarded = request["X-Forwarded-For"];
    // Walk from the right: each hop was added by the proxy before it.
    while (!forwarded.empty()) {
        const std::size_t comma = forwarded.rfind(',');
        std::string_view hop =
            comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
        forwarded =
            comma == std::string_view::npos ? std::string_view{} : forwarded.substr(0, comma);
        while (!hop.empty() && hop.front() == ' ') hop.remove_prefix(1);
        while (!hop.empty() && hop.back() == ' ') hop.remove_suffix(1);
        if (hop.empty() || hop.size() > 64) break;
        if (!trusted(hop)) return std::string(hop);
    }
    return peer;
}

RequestPipeline::RequestPipeline(const Router& router, AuthService& auth,
                                 const StaticAssets& assets, ErrorRenderer render_error,
                                 const PipelineOptions& options, const Clock& clock)
    : router_(router),
      auth_(auth),
      assets_(assets),
      render_error_(std::move(render_error)),
      options_(options),
      clock_(clock),
      login_limiter_(options.logins_per_minute, std::chrono::minutes(1), rate_limit_keys_max),
      api_limiter_(options.api_requests_per_minute, std::chrono::minutes(1), rate_limit_keys_max) {}

// Over TLS or with --cookie-secure every cookie is named with the __Host- prefix, which a
// browser accepts only from a secure origin, with Path=/ and no Domain: a sibling subdomain or
// a plain-HTTP page cannot set or overwrite it (session fixation, CSRF token injection).
// The __Host- cookies under their plain names (which the handlers use); cookies without the
// prefix are dropped, as anything could have set them.
Fields RequestPipeline::host_cookies_only(const Fields& cookies) {
    Fields kept;
    for (const auto& [name, value] : cookies.entries()) {
        if (name.starts_with(host_cookie_prefix)) {
            kept.add(name.substr(host_cookie_prefix.size()), value);
        }
    }
    return kept;
}

std::string RequestPipeline::cookie(std::string_view name, std::string_view value,
                                    long max_age_seconds) const {
    std::string text = std::string(options_.cookie_secure ? host_cookie_prefix : "") +
                       std::string(name) + "=" + std::string(value) +
                       "; Path=/; HttpOnly; SameSite=Lax";
    if (max_age_seconds >= 0) text += "; Max-Age=" + std::to_string(max_age_seconds);
    if (options_.cookie_secure) text += "; Secure";
    return text;
}

std::optional<HttpResponse> RequestPipeline::serve_static(const HttpRequest& request,
                                                          std::string_view path) {
    if (!path.starts_with("/static/")) return std::nullopt;
    const StaticAsset* asset = assets_.find(path);
    if (asset == nullptr ||
        (request.method() != HttpVerb::get && request.method() != HttpVerb::head)) {
        return std::nullopt;
    }
    HttpResponse response{HttpStatus::ok, request.version()};
    response.set(http::field::content_type, asset->content_type);
    response.set(http::field::cache_control, "public, max-age=3600");
    response.body() = asset->body;
    response.prepare_payload();
    add_security_headers(response);
    return response;
}

boost::asio::awaitable<RequestPipeline::Reply> RequestPipeline::handle(const HttpRequest& request,
                                                                       std::string client_address) {
    const auto started = std::chrono::steady_clock::now();
    const std::string_view target = request.target();
    const std::string_view raw_path = target.substr(0, target.find('?'));
    HttpResponse response;
    AsyncChunkSource body_stream;
    if (auto asset = serve_static(request, raw_path)) {
        response = std::move(*asset);
    } else {
        RequestContext context{request};
        context.client_address =
            client_address_of(request, client_address, options_.trusted_proxies);
        enum class Failure { none, store_unavailable, unexpected } failure = Failure::none;
        try {
            response = co_await dispatch(context);
        } catch (const StoreUnavailable& error) {
            spdlog::error("store unavailable in {} {}: {}",
                          std::string_view(request.method_string()), raw_path, error.what());
            failure = Failure::store_unavailable;
        } catch (const std::exception& error) {
            spdlog::error("unexpected failure in {} {}: {}",
                          std::string_view(request.method_string()), raw_path, error.what());
            failure = Failure::unexpected;
        }
        if (failure == Failure::store_unavailable) {
            response = render_error_(context, HttpStatus::service_unavailable,
                                     "The bank cannot reach its database right now. Nothing was "
                                     "changed; please try again in a moment.");
            response.set(http::field::retry_after, "5");
        } else if (failure == Failure::unexpected) {
            response = render_error_(
                context, HttpStatus::internal_server_error,
                "Something went wrong on our side. Nothing was changed; please try again.");
        }
        const bool failed = failure != Failure::none;
        finish(context, response);
        if (!failed && context.body_stream)
            body_stream = on_store_executor(std::move(context.body_stream));
    }
    if (request.method() == HttpVerb::head) response.body().clear();
    const auto elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
    spdlog::info("{} {} {} {:.2f}ms", std::string_view(request.method_string()), raw_path,
                 response.result_int(), elapsed.count());
    co_return Reply{std::move(response), std::move(body_stream)};
}

AsyncChunkSource RequestPipeline::on_store_executor(ChunkSource source) const {
    auto shared = std::make_shared<ChunkSource>(std::move(source));
    // A chunk of an export reads a page of the store (on DynamoDB a network call) or builds
    // a whole workbook: neither may hold an I/O thread.
    if (stream_executor_) {
        return [executor = *stream_executor_, shared] { return next_chunk_on(executor, shared); };
    }
    return [shared] { return next_chunk(shared); };
}

void RequestPipeline::load_flash(RequestContext& context) const {
    const std::string value = percent_decode(context.cookies.get(flash_cookie));
    const std::size_t colon = value.find(':');
    if (colon == std::string::npos) return;
    std::string kind = value.substr(0, colon);
    if (kind != "success" && kind != "danger") return;
    context.flash = Flash{std::move(kind), value.substr(colon + 1)};
}

bool RequestPipeline::csrf_ok(const RequestContext& context) const {
    std::string sent = context.form.get(csrf_field);
    if (sent.empty()) sent = std::string(context.request["X-CSRF-Token"]);
    return !sent.empty() && !context.csrf_token.empty() &&
           constant_time_equal(sent, context.csrf_token);
}

boost::asio::awaitable<HttpResponse> RequestPipeline::dispatch(RequestContext& context) {
    const auto url = boost::urls::parse_origin_form(context.request.target());
    if (!url)
        co_return render_error_(context, HttpStatus::bad_request, "The address is malformed.");
    context.path = std::string(url->path());
    auto query = parse_urlencoded(url->encoded_query(), limits::form_fields_max);
    if (!query) co_return render_error_(context, HttpStatus::bad_request, query.error().message);
    context.query = std::move(*query);

    const auto match = router_.find(context.request.method(), context.path);
    if (match.route == nullptr) {
        if (match.path_known) {
            co_return render_error_(context, HttpStatus::method_not_allowed,
                                    "That method is not allowed here.");
        }
        co_return render_error_(context, HttpStatus::not_found, "That page does not exist.");
    }

    context.parameters = match.parameters;
    if (match.route->access == Access::sessionless)
        co_return co_await match.route->handler(context);
    if (blocking_executor_) {
        // The store's reads may wait on the network: run the rest away from the I/O threads.
        auto work = dispatch_with_session(context, *match.route);
        co_return co_await boost::asio::co_spawn(*blocking_executor_, std::move(work),
                                                 boost::asio::use_awaitable);
    }
    co_return co_await dispatch_with_session(context, *match.route);
}

boost::asio::awaitable<HttpResponse> RequestPipeline::dispatch_with_session(RequestContext& context,
                                                                            const Route& route) {
    context.cookies = parse_cookie_header(context.request[http::field::cookie]);
    if (options_.cookie_secure) context.cookies = host_cookies_only(context.cookies);
    const bool api = is_api_path(context.path);
    const std::string_view authorization = context.request[http::field::authorization];
    if (authorization.starts_with("Bearer ")) {
        context.bearer = true;
        context.bearer_token = std::string(authorization.substr(7));
        context.identity = co_await auth_.authenticate(context.bearer_token);
        if (!context.identity) {
            co_return render_error_(context, HttpStatus::unauthorized,
                                    "The token is invalid, expired or revoked. Sign in again.");
        }
    } else {
        context.identity = co_await auth_.authenticate(context.cookies.get(session_cookie));
    }
    if (auto refused = check_rate_limits(context, route.rate_limit)) co_return std::move(*refused);
    load_flash(context);
    if (context.identity) {
        context.csrf_token = context.identity->session.csrf_secret;
    } else if (!api) {
        context.csrf_token = context.cookies.get(csrf_cookie);
        if (!AuthService::is_token_shaped(context.csrf_token)) {
            context.csrf_token = random_token(csrf_token_bytes);
            context.set_cookies.push_back(cookie(csrf_cookie, context.csrf_token, -1));
        }
    }

    if (auto refused = check_token_scope(context, api)) co_return std::move(*refused);
    // Every POST and DELETE (the route table marks them checked: route_table_test).
    if (route.csrf == Csrf::checked || context.request.method() == HttpVerb::post) {
        if (!api && is_form(context.request)) {
            auto form = parse_urlencoded(context.request.body(), limits::form_fields_max);
            if (!form)
                co_return render_error_(context, HttpStatus::bad_request, form.error().message);
            context.form = std::move(*form);
        }
        // A bearer token is not sent by browsers on their own, so it needs no CSRF token;
        // neither does an API call with no cookie session (it has no authority to borrow).
        const bool needs_csrf =
            route.csrf == Csrf::checked && !context.bearer && (!api || context.identity);
        if (needs_csrf && !csrf_ok(context)) {
            spdlog::warn("CSRF check failed for {} {} from {}",
                         std::string_view(context.request.method_string()), context.path,
                         context.client_address);
            co_return render_error_(context, HttpStatus::forbidden,
                                    "The form has expired or did not come from this site. "
                                    "Please reload the page and try again.");
        }
    }

    const bool needs_identity = route.access == Access::signed_in || route.access == Access::admin;
    if (needs_identity && !context.identity) {
        if (api) {
            co_return render_error_(context, HttpStatus::unauthorized,
                                    "Sign in first: send Authorization: Bearer TOKEN.");
        }
        const std::string next =
            context.request.method() == HttpVerb::get ? "?next=" + url_encode(context.path) : "";
        co_return redirect("/login" + next);
    }
    if (route.access == Access::guest && context.identity) co_return redirect("/dashboard");
    if (route.access == Access::admin && context.identity->user.role != Role::admin) {
        co_return render_error_(context, HttpStatus::forbidden,
                                "This page is for the bank's administrators.");
    }

    co_return co_await route.handler(context);
}

// A personal access token works on the API only, and a `read` token only reads: any other
// method (a payment, opening an account, ...) is refused 403 insufficient_scope.
std::optional<HttpResponse> RequestPipeline::check_token_scope(RequestContext& context, bool api) {
    if (!context.identity || context.identity->session.kind != SessionKind::access_token) {
        return std::nullopt;
    }
    if (!api) {
        context.identity.reset();
        return std::nullopt;
    }
    if (context.identity->session.scope == TokenScope::read &&
        context.request.method() != HttpVerb::get) {
        return json_error(HttpStatus::forbidden, "insufficient_scope",
                          "This access token has the read scope: it reads accounts, history and "
                          "analytics but cannot move money or change anything. Use a token "
                          "with the payments scope.");
    }
    return std::nullopt;
}

std::optional<HttpResponse> RequestPipeline::check_rate_limits(const RequestContext& context,
                                                               RateLimit rate_limit) {
    const Timestamp now = clock_.now();
    const auto refuse = [&](RateLimiter& limiter,
                            const std::string& key) -> std::optional<HttpResponse> {
        if (limiter.allow(key, now)) return std::nullopt;
        HttpResponse response =
            render_error_(context, HttpStatus::too_many_requests,
                          "Too many requests. Please wait a moment and try again.");
        response.set(http::field::retry_after, std::to_string(std::max<std::int64_t>(
                                                   1, limiter.retry_after_seconds(key, now))));
        return response;
    };
    if (counts_against_sign_in(rate_limit)) {
        if (auto refused = refuse(login_limiter_, context.client_address)) return refused;
    }
    if (counts_against_api(rate_limit)) {
        const std::string key = context.bearer ? "token:" + sha256_hex(context.bearer_token)
                                               : "address:" + context.client_address;
        if (auto refused = refuse(api_limiter_, key)) return refused;
    }
    return std::nullopt;
}

void RequestPipeline::finish(RequestContext& context, HttpResponse& response) const {
    if (context.new_session_token) {
        response.insert(http::field::set_cookie,
                        cookie(session_cookie, *context.new_session_token, -1));
    } else if (context.end_session) {
        response.insert(http::field::set_cookie, cookie(session_cookie, "", 0));
    }
    for (const auto& line : context.set_cookies) response.insert(http::field::set_cookie, line);
    if (context.next_flash) {
        const std::string value = context.next_flash->kind + ":" + context.next_flash->message;
        response.insert(http::field::set_cookie,
                        cookie(flash_cookie, url_encode(value), flash_max_age_seconds));
    } else if (context.flash && response.result() == HttpStatus::ok) {
        response.insert(http::field::set_cookie, cookie(flash_cookie, "", 0));
    }
    if (response.find(http::field::cache_control) == response.end())
        response.set(http::field::cache_control, "no-store");
    add_security_headers(response);
}

}  // namespace bank
