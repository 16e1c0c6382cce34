// Each connection's coroutine runs in a strand of its own, as in Beast's advanced
// server-flex-awaitable example: with several I/O threads, the socket, tcp_stream's timer and
// the coroutine's resumptions are never on two threads at once.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "http/response.hpp"
#include "http/server.hpp"
#include "support/outage_store.hpp"

namespace bank {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using ConnectionStrand = asio::strand<asio::io_context::executor_type>;

std::atomic<int> answered_in_strand{0};
std::atomic<int> answered_elsewhere{0};

asio::awaitable<HttpResponse> probe(RequestContext&) {
    const auto executor = co_await asio::this_coro::executor;
    const auto* strand = executor.target<ConnectionStrand>();
    if (strand != nullptr && strand->running_in_this_thread()) {
        ++answered_in_strand;
    } else {
        ++answered_elsewhere;
    }
    co_return text_response(HttpStatus::ok, "probed");
}

int get_probe(unsigned short port, int requests) {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    boost::beast::flat_buffer buffer;
    int ok = 0;
    for (int i = 0; i < requests; ++i) {
        HttpRequest request{HttpVerb::get, "/probe", 11};
        request.set(http::field::host, "127.0.0.1");
        http::write(socket, request);
        HttpResponse response;
        http::read(socket, buffer, response);
        ok += response.result() == HttpStatus::ok ? 1 : 0;
    }
    return ok;
}

TEST(ServerStrand, EveryConnectionRunsInAStrandOfItsOwnOnAMultiThreadedIoContext) {
    ManualClock clock(from_micros(1'735'732'800'000'000));
    test::OutageStore store(test::OutageStore::Failing::everything);
    WorkerPool workers(1, 4);
    AuthService auth(store, store, clock, workers, PasswordHasher(4));
    Router router;
    router.add(RouteSpec{HttpVerb::get, "/probe", Access::sessionless, Csrf::none, RateLimit::none},
               probe);
    StaticAssets assets;
    RequestPipeline pipeline(
        router, auth, assets,
        [](const RequestContext&, HttpStatus status, std::string_view message) {
            return text_response(status, std::string(message));
        },
        PipelineOptions{}, clock);
    asio::io_context io(4);
    Server server(io, pipeline, ServerOptions{"127.0.0.1", 0, "", ""});
    server.start();
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) threads.emplace_back([&io] { io.run(); });

    std::vector<std::thread> clients;
    std::atomic<int> ok{0};
    for (int i = 0; i < 8; ++i) clients.emplace_back([&] { ok += get_probe(server.port(), 25); });
    for (auto& client : clients) client.join();
    io.stop();
    for (auto& thread : threads) thread.join();

    EXPECT_EQ(ok.load(), 200);
    EXPECT_EQ(answered_in_strand.load(), 200);
    EXPECT_EQ(answered_elsewhere.load(), 0);
}

}  // namespace
}  // namespace bank
