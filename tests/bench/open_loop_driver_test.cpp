#include "open_loop/open_loop_driver.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace bank::bench {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using namespace std::chrono_literals;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// A loopback HTTP/1.1 server on its own thread: answers "200 ok" to every request, the
// first one `first_delay` late; or, with `answer` false, closes every connection unanswered.
class TestServer {
public:
    TestServer(std::chrono::milliseconds first_delay, bool answer)
        : acceptor_(io_, tcp::endpoint(asio::ip::address_v4::loopback(), 0)),
          first_delay_(first_delay),
          answer_(answer) {
        asio::co_spawn(io_, accept_loop(), asio::detached);
        thread_ = std::thread([this] { io_.run(); });
    }
    ~TestServer() {
        io_.stop();
        thread_.join();
    }
    std::string url() const {
        return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/page";
    }

private:
    asio::awaitable<void> accept_loop() {
        for (;;) {
            auto [error, socket] = co_await acceptor_.async_accept(use_tuple);
            if (error) co_return;
            asio::co_spawn(io_, serve(std::move(socket)), asio::detached);
        }
    }
    asio::awaitable<void> serve(tcp::socket socket) {
        asio::streambuf buffer;
        asio::steady_timer timer(io_);
        for (;;) {
            auto [error, size] =
                co_await asio::async_read_until(socket, buffer, "\r\n\r\n", use_tuple);
            if (error || !answer_) co_return;
            buffer.consume(size);
            if (!delayed_) {
                delayed_ = true;
                timer.expires_after(first_delay_);
                co_await timer.async_wait(use_tuple);
            }
            static constexpr std::string_view answer =
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
            auto [write_error, written] =
                co_await asio::async_write(socket, asio::buffer(answer), use_tuple);
            if (write_error) co_return;
        }
    }

    asio::io_context io_;
    tcp::acceptor acceptor_;
    std::chrono::milliseconds first_delay_;
    bool answer_;
    bool delayed_ = false;
    std::thread thread_;
};

TEST(OpenLoopDriverTest, RequestsThatWaitedForASlowAnswerCountFromTheirScheduledTime) {
    TestServer server(150ms, true);
    OpenLoopOptions options;
    options.url = server.url();
    options.rate = 100;  // one connection: a request every 10 ms
    options.connections = 1;
    options.seconds = 0.5;
    const auto report = OpenLoopDriver(options).run();
    EXPECT_FALSE(report.failed()) << report.first_error;
    EXPECT_EQ(report.answered(), 50);
    EXPECT_EQ(report.statuses.at(200), 50);
    // The first answer took 150 ms; the 14 requests due meanwhile went out late, the one due
    // at 10 ms about 140 ms late, so eleven of the fifty took 50 ms or more from their schedule
    // and the p90 (45th of 50) is one of them. From the actual send only the first was slow.
    EXPECT_GE(report.sent_late, 14);
    EXPECT_GE(report.from_schedule.max, 150ms);
    EXPECT_GE(report.from_schedule.p90, 50ms);
    EXPECT_GE(report.from_send.max, 150ms);
    EXPECT_LT(report.from_send.p50, report.from_schedule.p90);
}

TEST(OpenLoopDriverTest, AConnectionClosedWithoutAnAnswerIsAFailure) {
    TestServer server(0ms, false);
    OpenLoopOptions options;
    options.url = server.url();
    options.rate = 100;
    options.connections = 2;
    options.seconds = 0.05;
    const auto report = OpenLoopDriver(options).run();
    EXPECT_TRUE(report.failed());
    EXPECT_EQ(report.errors, 5);
    EXPECT_EQ(report.answered(), 0);
    EXPECT_NE(report.first_error.find("read"), std::string::npos) << report.first_error;
}

TEST(OpenLoopDriverTest, RefusesAUrlThatIsNotPlainHttp) {
    OpenLoopOptions options;
    options.url = "https://127.0.0.1:1/page";
    EXPECT_THROW(OpenLoopDriver{options}, std::invalid_argument);
    options.url = "http://127.0.0.1:1/page";
    options.headers = {"no colon here"};
    EXPECT_THROW(OpenLoopDriver{options}, std::invalid_argument);
}

}  // namespace
}  // namespace bank::bench
