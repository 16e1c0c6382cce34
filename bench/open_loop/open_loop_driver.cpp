#include "open_loop/open_loop_driver.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/url/parse.hpp>

namespace bank::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
// Connections open before the first request is due, so connecting is not measured.
constexpr std::chrono::milliseconds warm_up{200};
// Room for a whole answer of a few tens of KB per receive: a flat_buffer left to grow by
// itself stays near Beast's 512-byte minimum read and takes some 25 receives for one
// 12.7 KB dashboard.
constexpr std::size_t read_buffer_size = 64 * 1024;

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

}  // namespace

OpenLoopDriver::OpenLoopDriver(OpenLoopOptions options) : options_(std::move(options)) {
    const auto parsed = boost::urls::parse_uri(options_.url);
    if (!parsed || parsed->scheme() != "http" || parsed->host().empty()) {
        throw std::invalid_argument("not an http://HOST[:PORT]/PATH URL: " + options_.url);
    }
    const std::string port = parsed->has_port() ? std::string(parsed->port()) : "80";
    tcp::resolver resolver(io_);
    for (const auto& entry : resolver.resolve(parsed->encoded_host().decode(), port)) {
        endpoints_.push_back(entry.endpoint());
    }
    std::string target(parsed->encoded_target());
    request_ = Request(http::verb::get, target.empty() ? "/" : target, 11);
    request_.set(http::field::host, parsed->encoded_host_and_port());
    request_.set(http::field::user_agent, "bank_bench rate");
    for (const auto& header : options_.headers) {
        const auto colon = header.find(':');
        if (colon == std::string::npos || colon == 0) {
            throw std::invalid_argument("a header is 'Name: value': " + header);
        }
        request_.set(trimmed(std::string_view(header).substr(0, colon)),
                     trimmed(std::string_view(header).substr(colon + 1)));
    }
    request_.keep_alive(true);
}

OpenLoopReport OpenLoopDriver::run() {
    const auto duration = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::duration<double>(options_.seconds));
    schedule_.emplace(options_.rate, options_.connections, Clock::now() + warm_up, duration);
    report_.offered_rate = options_.rate;
    report_.requests_scheduled = schedule_->requests_total();
    from_schedule_.reserve(static_cast<std::size_t>(schedule_->requests_total()));
    from_send_.reserve(static_cast<std::size_t>(schedule_->requests_total()));
    for (std::size_t connection = 0; connection < options_.connections; ++connection) {
        asio::co_spawn(io_, run_connection(connection), [](const std::exception_ptr& error) {
            if (error) std::rethrow_exception(error);
        });
    }
    io_.run();
    report_.from_schedule = from_schedule_.summary();
    report_.from_send = from_send_.summary();
    if (last_answer_ > schedule_->start()) {
        report_.elapsed_seconds =
            std::chrono::duration<double>(last_answer_ - schedule_->start()).count();
    }
    return report_;
}

asio::awaitable<void> OpenLoopDriver::run_connection(std::size_t connection) {
    const auto executor = co_await asio::this_coro::executor;
    beast::tcp_stream stream(executor);
    beast::flat_buffer buffer;
    buffer.reserve(read_buffer_size);
    asio::steady_timer timer(executor);
    const auto count = schedule_->requests_for(connection);
    if (count > 0) co_await connect(stream);
    const auto drain_deadline = schedule_->end() + options_.drain_max;
    for (std::int64_t index = 0; index < count; ++index) {
        const auto due = schedule_->due(connection, index);
        const auto now = Clock::now();
        if (now < due) {
            timer.expires_at(due);
            co_await timer.async_wait(use_tuple);
        } else if (now > drain_deadline) {
            report_.unsent += count - index;
            co_return;
        }
        co_await send_one(stream, buffer, due);
    }
}

asio::awaitable<void> OpenLoopDriver::send_one(beast::tcp_stream& stream,
                                               beast::flat_buffer& buffer, Clock::time_point due) {
    if (!stream.socket().is_open() && !co_await connect(stream)) co_return;
    const auto sent = Clock::now();
    if (sent - due > options_.late_after) ++report_.sent_late;
    stream.expires_after(options_.request_timeout);
    const auto [write_error, written] = co_await http::async_write(stream, request_, use_tuple);
    if (write_error) {
        fail("write", write_error);
        stream.close();
        co_return;
    }
    http::response<http::string_body> response;
    const auto [read_error, read] = co_await http::async_read(stream, buffer, response, use_tuple);
    if (read_error) {
        fail("read", read_error);
        stream.close();
        buffer.clear();
        co_return;
    }
    const auto answered = Clock::now();
    from_schedule_.record(answered - due);
    from_send_.record(answered - sent);
    last_answer_ = std::max(last_answer_, answered);
    ++report_.statuses[response.result_int()];
    if (!response.keep_alive()) {
        stream.close();
        buffer.clear();
    }
}

asio::awaitable<bool> OpenLoopDriver::connect(beast::tcp_stream& stream) {
    stream.expires_after(options_.request_timeout);
    const auto [error, endpoint] = co_await stream.async_connect(endpoints_, use_tuple);
    if (error) {
        fail("connect", error);
        stream.close();
        co_return false;
    }
    stream.socket().set_option(tcp::no_delay(true));
    co_return true;
}

void OpenLoopDriver::fail(const char* what, const boost::system::error_code& error) {
    ++report_.errors;
    if (report_.first_error.empty())
        report_.first_error = std::string(what) + ": " + error.message();
}

}  // namespace bank::bench
