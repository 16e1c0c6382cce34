#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>

#include "open_loop/latency_recorder.hpp"
#include "open_loop/open_loop_report.hpp"
#include "open_loop/send_schedule.hpp"

namespace bank::bench {

struct OpenLoopOptions {
    std::string url;     // http://HOST:PORT/TARGET
    double rate = 1000;  // requests per second, over all connections
    std::size_t connections = 64;
    double seconds = 10;
    std::vector<std::string> headers;  // "Name: value"
    std::chrono::seconds request_timeout{30};
    // After the last request is due, how long the ones still waiting for a busy connection
    // may take to go out before they are counted unsent (an overloaded server would
    // otherwise keep the run going long after its duration).
    std::chrono::seconds drain_max{10};
    // A request sent later than this after its due time counts as `sent_late`.
    std::chrono::microseconds late_after{1000};
};

// An open-loop HTTP/1.1 load: GET requests on a fixed schedule (SendSchedule) over keep-alive
// connections, at most one outstanding per connection, on one thread. A request due while its
// connection still waits for an answer goes out when the answer arrives, and its latency
// still counts from its due time, so a slow server cannot lower the load it is measured
// under (coordinated omission, which a closed loop such as wrk suffers from).
class OpenLoopDriver {
public:
    // Throws std::invalid_argument for a URL that is not http://host[:port]/... or a header
    // without a colon, and a system error when the host cannot be resolved.
    explicit OpenLoopDriver(OpenLoopOptions options);
    OpenLoopReport run();

private:
    using Clock = SendSchedule::Clock;
    using Request = boost::beast::http::request<boost::beast::http::empty_body>;

    boost::asio::awaitable<void> run_connection(std::size_t connection);
    boost::asio::awaitable<void> send_one(boost::beast::tcp_stream& stream,
                                          boost::beast::flat_buffer& buffer, Clock::time_point due);
    boost::asio::awaitable<bool> connect(boost::beast::tcp_stream& stream);
    void fail(const char* what, const boost::system::error_code& error);

    OpenLoopOptions options_;
    boost::asio::io_context io_;
    std::vector<boost::asio::ip::tcp::endpoint> endpoints_;
    Request request_;
    std::optional<SendSchedule> schedule_;
    LatencyRecorder from_schedule_;
    LatencyRecorder from_send_;
    OpenLoopReport report_;
    Clock::time_point last_answer_{};
};

}  // namespace bank::bench
