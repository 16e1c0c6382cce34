#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <memory>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "http/pipeline.hpp"

namespace bank {

struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 5000;
    std::string tls_certificate;  // PEM chain; empty: plain HTTP
    std::string tls_key;          // PEM private key
};

// The most bytes a request's body may have: limits::request_body_max, but
// limits::transfer_batch_body_max for the bulk payment routes (a batch of 1,000 transfers).
std::size_t request_body_limit(std::string_view target);

// The HTTP/1.1 (or HTTPS) listener: one coroutine per connection, in a strand of its own, that
// reads a request (within the header, body and time limits), hands it to the pipeline and
// writes the answer.
class Server {
public:
    // Throws when the TLS certificate or key cannot be loaded.
    Server(boost::asio::io_context& io, RequestPipeline& pipeline, ServerOptions options);
    ~Server();
    bool tls() const { return tls_ != nullptr; }

    // Binds and starts accepting; throws when the address cannot be bound.
    void start();
    // Stops accepting and lets the connections finish the request they are serving.
    void stop_accepting();
    // Requests read and not yet answered to their last byte (a streamed body included).
    std::size_t requests_in_flight() const { return in_flight_.load(); }
    unsigned short port() const { return bound_port_; }

private:
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> serve_connection(boost::asio::ip::tcp::socket socket);
    template <class Stream>
    boost::asio::awaitable<void> serve_requests(Stream& stream, const std::string& client_address);
    // Handles one request and writes its answer; false when the connection is to be closed.
    template <class Stream>
    boost::asio::awaitable<bool> answer(Stream& stream, const HttpRequest& request,
                                        const std::string& client_address);

    boost::asio::io_context& io_;
    RequestPipeline& pipeline_;
    ServerOptions options_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::unique_ptr<boost::asio::ssl::context> tls_;  // HTTPS (with HSTS) when set
    unsigned short bound_port_ = 0;
    std::atomic<bool> draining_{false};
    std::atomic<std::size_t> in_flight_{0};
};

}  // namespace bank
