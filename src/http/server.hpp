#pragma once

#include <atomic>
#include <cstddef>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "http/pipeline.hpp"

namespace bank {

struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 5000;
};

// The HTTP/1.1 listener: one coroutine per connection that reads a request (within the
// header, body and time limits), hands it to the pipeline and writes the answer.
class Server {
public:
    Server(boost::asio::io_context& io, RequestPipeline& pipeline, ServerOptions options);

    // Binds and starts accepting; throws when the address cannot be bound.
    void start();
    // Stops accepting and lets the connections finish the request they are serving.
    void stop_accepting();
    std::size_t requests_in_flight() const { return in_flight_.load(); }
    unsigned short port() const { return bound_port_; }

private:
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> serve_connection(boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& io_;
    RequestPipeline& pipeline_;
    ServerOptions options_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short bound_port_ = 0;
    std::atomic<bool> draining_{false};
    std::atomic<std::size_t> in_flight_{0};
};

}  // namespace bank
