#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <tuple>

#include "core/limits.hpp"
#include "http/json_error.hpp"
#include "http/response.hpp"

namespace bank {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

}  // namespace

std::size_t request_body_limit(std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    if (path == "/api/v1/transfers/batch" || path == "/transfers/batch") {
        return limits::transfer_batch_body_max;
    }
    return limits::request_body_max;
}

namespace {

// The answer to a request the parser refused, or nullopt to just close the connection.
std::optional<HttpResponse> answer_to_read_error(const beast::error_code& error,
                                                 std::string_view target) {
    const auto answer = [&](HttpStatus status, std::string_view message) {
        HttpResponse response = is_api_path(target)
                                    ? json_error(status, error_code_for(status), message)
                                    : text_response(status, std::string(message) + "\n");
        add_security_headers(response);
        return response;
    };
    if (error == http::error::body_limit) {
        return answer(HttpStatus::payload_too_large,
                      "The request body is too large (" +
                          std::to_string(request_body_limit(target) / 1024) + " KiB at most).");
    }
    if (error == http::error::header_limit) {
        return answer(HttpStatus::request_header_fields_too_large,
                      "The request headers are too large (16 KiB at most).");
    }
    const beast::error_code end_of_stream = http::error::end_of_stream;
    if (error.category() == end_of_stream.category() && error != http::error::end_of_stream &&
        error != http::error::partial_message) {
        return answer(HttpStatus::bad_request, "The request is malformed.");
    }
    return std::nullopt;
}

// Writes the response's header, then the body chunk by chunk (Transfer-Encoding: chunked).
// A failure after the header cannot become an error page: it is logged and the
// connection closed, which the client sees as a truncated body.
template <class Stream>
asio::awaitable<bool> write_streamed(Stream& stream, const HttpRequest& request,
                                     const HttpResponse& response, const AsyncChunkSource& source) {
    http::response<http::empty_body> header{response.result(), response.version()};
    for (const auto& field : response) {
        if (field.name() == http::field::content_length) continue;
        header.insert(field.name_string(), field.value());
    }
    header.keep_alive(response.keep_alive());
    header.chunked(true);
    http::response_serializer<http::empty_body> serializer{header};
    auto [header_error, header_bytes] =
        co_await http::async_write_header(stream, serializer, use_tuple);
    if (header_error) co_return false;
    try {
        // The source may read the store on the pool for blocking reads; the coroutine
        // resumes on the connection's strand either way.
        for (std::string chunk = co_await source(); !chunk.empty(); chunk = co_await source()) {
            beast::get_lowest_layer(stream).expires_after(limits::request_timeout);
            auto [error, bytes] = co_await asio::async_write(
                stream, http::make_chunk(asio::buffer(chunk)), use_tuple);
            if (error) co_return false;
        }
    } catch (const std::exception& failure) {
        const std::string_view target = request.target();
        spdlog::error("a streamed response to {} {} failed midway: {}",
                      std::string_view(request.method_string()), target.substr(0, target.find('?')),
                      failure.what());
        co_return false;
    }
    auto [last_error, last_bytes] =
        co_await asio::async_write(stream, http::make_chunk_last(), use_tuple);
    co_return !last_error;
}

}  // namespace

Server::Server(asio::io_context& io, RequestPipeline& pipeline, ServerOptions options)
    : io_(io), pipeline_(pipeline), options_(std::move(options)), acceptor_(io) {
    if (!options_.tls_certificate.empty()) {
        tls_ = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
        tls_->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                          asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                          asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
        tls_->use_certificate_chain_file(options_.tls_certificate);
        tls_->use_private_key_file(options_.tls_key, asio::ssl::context::pem);
    }
}

Server::~Server() = default;

void Server::start() {
    const tcp::endpoint endpoint(asio::ip::make_address(options_.host), options_.port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    bound_port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(io_, accept_loop(), [](const std::exception_ptr& error) {
        if (!error) return;
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& failure) {
            spdlog::error("the listener stopped: {}", failure.what());
        }
    });
}

void Server::stop_accepting() {
    draining_ = true;
    asio::post(acceptor_.get_executor(), [this] {
        beast::error_code ignored;
        acceptor_.close(ignored);
    });
}

asio::awaitable<void> Server::accept_loop() {
    while (acceptor_.is_open()) {
        // A strand per connection, as Beast's advanced server-flex-awaitable example makes: the
        // io_context runs on several threads, and the socket's operations, the expiry of
        // tcp_stream's timer (which closes the socket) and the coroutine's resumptions after a
        // co_spawn onto the blocking-read pool must never run at once on two of them.
        auto connection_strand = asio::make_strand(io_);
        auto [error, socket] = co_await acceptor_.async_accept(connection_strand, use_tuple);
        if (error) {
            if (error == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
            spdlog::warn("accept failed: {}", error.message());
            continue;
        }
        asio::co_spawn(connection_strand, serve_connection(tcp::socket(std::move(socket))),
                       [](const std::exception_ptr& error) {
                           if (!error) return;
                           try {
                               std::rethrow_exception(error);
                           } catch (const std::exception& failure) {
                               spdlog::error("a connection failed: {}", failure.what());
                           }
                       });
    }
}

asio::awaitable<void> Server::serve_connection(tcp::socket socket) {
    beast::error_code ignored;
    const auto remote = socket.remote_endpoint(ignored);
    const std::string client_address =
        ignored ? std::string("unknown") : remote.address().to_string();
    beast::tcp_stream plain(std::move(socket));
    if (!tls_) {
        co_await serve_requests(plain, client_address);
        plain.socket().shutdown(tcp::socket::shutdown_send, ignored);
        co_return;
    }
    beast::ssl_stream<beast::tcp_stream> secure(std::move(plain), *tls_);
    beast::get_lowest_layer(secure).expires_after(limits::request_timeout);
    auto [handshake_error] =
        co_await secure.async_handshake(asio::ssl::stream_base::server, use_tuple);
    if (handshake_error) co_return;
    co_await serve_requests(secure, client_address);
    beast::get_lowest_layer(secure).expires_after(std::chrono::seconds(5));
    co_await secure.async_shutdown(use_tuple);
}

template <class Stream>
asio::awaitable<void> Server::serve_requests(Stream& stream, const std::string& client_address) {
    beast::flat_buffer buffer;
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(limits::request_header_max));
        // The header first: the body's limit depends on the route (request_body_limit). The
        // parser checks a Content-Length against its limit as the header ends, so it starts at
        // the largest any route takes and the route's own is checked here; a chunked body is
        // held to the route's limit as it arrives.
        parser.body_limit(limits::transfer_batch_body_max);
        beast::get_lowest_layer(stream).expires_after(limits::request_timeout);
        auto [read_error, read_bytes] =
            co_await http::async_read_header(stream, buffer, parser, use_tuple);
        if (!read_error) {
            const std::size_t limit = request_body_limit(parser.get().target());
            const auto length = parser.content_length();
            if (length && *length > limit) {
                read_error = http::error::body_limit;
            } else {
                parser.body_limit(limit);
                std::tie(read_error, read_bytes) =
                    co_await http::async_read(stream, buffer, parser, use_tuple);
            }
        }
        if (read_error) {
            if (auto answer = answer_to_read_error(read_error, parser.get().target())) {
                answer->keep_alive(false);
                co_await http::async_write(stream, *answer, use_tuple);
            }
            break;
        }
        const HttpRequest& request = parser.get();
        // Counted until the last byte of the answer is written (a streamed export included),
        // so that a graceful shutdown does not stop the I/O loop under it.
        ++in_flight_;
        bool keep_open = false;
        try {
            keep_open = co_await answer(stream, request, client_address);
        } catch (...) {
            --in_flight_;
            throw;
        }
        --in_flight_;
        if (!keep_open) break;
    }
}

template <class Stream>
asio::awaitable<bool> Server::answer(Stream& stream, const HttpRequest& request,
                                     const std::string& client_address) {
    auto [response, body_stream] = co_await pipeline_.handle(request, client_address);
    response.version(request.version());
    response.keep_alive(request.keep_alive() && !draining_);
    if (tls_) {
        response.set(http::field::strict_transport_security, "max-age=31536000; includeSubDomains");
    }
    beast::get_lowest_layer(stream).expires_after(limits::request_timeout);
    if (body_stream && request.method() != HttpVerb::head) {
        if (!co_await write_streamed(stream, request, response, body_stream)) co_return false;
    } else {
        auto [write_error, written] = co_await http::async_write(stream, response, use_tuple);
        if (write_error) co_return false;
    }
    co_return response.keep_alive();
}

}  // namespace bank
