// A streamed body (the CSV export) reads the store a page per chunk: when the store's reads
// block (DynamoDB), every chunk is made on the pool for blocking reads, never on the I/O
// thread that serves the connection.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include "http/pipeline.hpp"
#include "http/response.hpp"
#include "support/outage_store.hpp"

namespace bank {
namespace {

namespace asio = boost::asio;

struct Chunks {
    std::string body;
    int on_pool = 0;
    int elsewhere = 0;
};

asio::awaitable<Chunks> read_all(RequestPipeline& pipeline, const HttpRequest& request,
                                 const std::atomic<int>& pool_chunks) {
    RequestPipeline::Reply reply = co_await pipeline.handle(request, "127.0.0.1");
    Chunks chunks;
    if (!reply.body_stream) co_return chunks;
    for (std::string chunk = co_await reply.body_stream(); !chunk.empty();
         chunk = co_await reply.body_stream()) {
        chunks.body += chunk;
    }
    chunks.on_pool = pool_chunks.load();
    co_return chunks;
}

// The server gives exports a pool on both stores: on SQLite only the streamed bodies run
// there (run_streamed_bodies_on), on DynamoDB every request that reads the store too
// (run_store_requests_on).
enum class PoolUse { streamed_bodies, store_requests };

class StreamedBody : public ::testing::TestWithParam<PoolUse> {};

TEST_P(StreamedBody, EveryChunkIsMadeOnThePoolNeverOnTheIoThread) {
    ManualClock clock(from_micros(1'735'732'800'000'000));
    test::OutageStore store(test::OutageStore::Failing::users);
    WorkerPool workers(1, 4);
    AuthService auth(store, store, clock, workers, PasswordHasher(4));
    asio::thread_pool store_pool(2);
    std::atomic<int> on_pool{0};
    std::atomic<int> elsewhere{0};
    Router router;
    router.add(RouteSpec{HttpVerb::get, "/export", Access::anyone, Csrf::none, RateLimit::none},
               [&](RequestContext& context) -> asio::awaitable<HttpResponse> {
                   auto left = std::make_shared<int>(3);
                   context.body_stream = [&, left]() -> std::string {
                       ++(store_pool.get_executor().running_in_this_thread() ? on_pool : elsewhere);
                       return (*left)-- > 0 ? "row\r\n" : "";
                   };
                   co_return text_response(HttpStatus::ok, "");
               });
    StaticAssets assets;
    RequestPipeline pipeline(
        router, auth, assets,
        [](const RequestContext&, HttpStatus status, std::string_view message) {
            return text_response(status, std::string(message));
        },
        PipelineOptions{}, clock);
    if (GetParam() == PoolUse::streamed_bodies) {
        pipeline.run_streamed_bodies_on(store_pool.get_executor());
    } else {
        pipeline.run_store_requests_on(store_pool.get_executor());
    }

    const HttpRequest request{HttpVerb::get, "/export", 11};
    asio::io_context io;
    auto done = asio::co_spawn(io, read_all(pipeline, request, on_pool), asio::use_future);
    io.run();
    const Chunks chunks = done.get();
    store_pool.join();

    EXPECT_EQ(chunks.body, "row\r\nrow\r\nrow\r\n");
    EXPECT_EQ(chunks.on_pool, 4);  // three rows and the empty chunk that ends the body
    EXPECT_EQ(elsewhere.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Pools, StreamedBody,
                         ::testing::Values(PoolUse::streamed_bodies, PoolUse::store_requests),
                         [](const ::testing::TestParamInfo<PoolUse>& info) {
                             return info.param == PoolUse::streamed_bodies ? "sqlite_exports"
                                                                           : "dynamodb_requests";
                         });

}  // namespace
}  // namespace bank
