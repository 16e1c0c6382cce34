// A store outage on any page or endpoint is answered 503 with a clear message and logged
// with the request it broke; the admin overview no longer hides one.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "http/json_error.hpp"
#include "http/pipeline.hpp"
#include "http/response.hpp"
#include "service/admin_service.hpp"
#include "service/write_errors.hpp"
#include "support/outage_store.hpp"

namespace bank {
namespace {

using test::OutageStore;

const std::string token_shaped(64, 'a');

class StoreOutageTest : public ::testing::Test {
protected:
    explicit StoreOutageTest(OutageStore::Failing failing = OutageStore::Failing::everything)
        : store_(failing),
          auth_(store_, store_, clock_, workers_, PasswordHasher(4)),
          admin_(store_, store_, clock_),
          pipeline_(router_, auth_, assets_, render_error, PipelineOptions{}, clock_) {
        const auto page = [](HttpVerb verb, std::string path, Access access) {
            return RouteSpec{verb, std::move(path), access, Csrf::none, RateLimit::none};
        };
        router_.add(page(HttpVerb::get, "/dashboard", Access::signed_in), signed_in_page);
        router_.add(page(HttpVerb::get, "/api/v1/accounts", Access::signed_in), signed_in_page);
        router_.add(page(HttpVerb::get, "/overview", Access::anyone),
                    [this](RequestContext&) { return overview_page(admin_); });
        router_.add(page(HttpVerb::get, "/api/v1/broken-write", Access::anyone), broken_write_page);
        log_ = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
        previous_ = spdlog::default_logger();
        spdlog::set_default_logger(std::make_shared<spdlog::logger>("outage", log_));
    }
    ~StoreOutageTest() override { spdlog::set_default_logger(previous_); }

    static HttpResponse render_error(const RequestContext& context, HttpStatus status,
                                     std::string_view message) {
        if (is_api_path(context.request.target()))
            return json_error(status, error_code_for(status), message);
        return text_response(status, std::string(message));
    }
    static boost::asio::awaitable<HttpResponse> signed_in_page(RequestContext&) {
        co_return text_response(HttpStatus::ok, "signed in");
    }
    // What a service does with the store's answer to a write that broke an invariant.
    static boost::asio::awaitable<HttpResponse> broken_write_page(RequestContext&) {
        const Error error = to_error(WriteStatus::invariant_violated);
        co_return text_response(HttpStatus::ok, error.message);
    }
    static boost::asio::awaitable<HttpResponse> overview_page(const AdminService& admin) {
        const AdminOverview overview = admin.overview();
        co_return text_response(HttpStatus::ok, std::to_string(overview.user_count.value_or(-1)));
    }

    HttpResponse get(const std::string& target, bool with_session) {
        HttpRequest request{HttpVerb::get, target, 11};
        if (with_session) request.set("Cookie", "bank_session=" + token_shaped);
        boost::asio::io_context io;
        auto reply = boost::asio::co_spawn(io, pipeline_.handle(request, "127.0.0.1"),
                                           boost::asio::use_future);
        io.run();
        return reply.get().response;
    }

    std::string logged() const {
        std::string text;
        for (const auto& line : log_->last_formatted()) text += line;
        return text;
    }

    ManualClock clock_{from_micros(1'735'732'800'000'000)};
    OutageStore store_;
    WorkerPool workers_{1, 4};
    AuthService auth_;
    AdminService admin_;
    Router router_;
    StaticAssets assets_;
    RequestPipeline pipeline_;
    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> log_;
    std::shared_ptr<spdlog::logger> previous_;
};

TEST_F(StoreOutageTest, APageWhoseSessionCannotBeReadAnswers503AndLogsTheRequest) {
    const HttpResponse response = get("/dashboard", true);
    EXPECT_EQ(response.result(), HttpStatus::service_unavailable);
    EXPECT_NE(response.body().find("cannot reach its database"), std::string::npos);
    EXPECT_EQ(response[boost::beast::http::field::retry_after], "5");
    EXPECT_NE(logged().find("store unavailable in GET /dashboard"), std::string::npos) << logged();
}

TEST_F(StoreOutageTest, AnEndpointAnswers503AsJson) {
    const HttpResponse response = get("/api/v1/accounts", true);
    EXPECT_EQ(response.result(), HttpStatus::service_unavailable);
    EXPECT_NE(response.body().find("\"error\""), std::string::npos) << response.body();
    EXPECT_NE(response.body().find("cannot reach its database"), std::string::npos);
    EXPECT_NE(logged().find("store unavailable in GET /api/v1/accounts"), std::string::npos);
}

class AdminOutageTest : public StoreOutageTest {
protected:
    AdminOutageTest() : StoreOutageTest(OutageStore::Failing::users) {}
};

// Before, AdminService caught std::runtime_error around the listing of users, which also
// caught StoreUnavailable: the page showed the other figures as if the bank had no users.
TEST_F(AdminOutageTest, AnOutageWhileListingUsersIsNotHiddenByTheAdminOverview) {
    EXPECT_THROW(admin_.overview(), StoreUnavailable);
    const HttpResponse response = get("/overview", false);
    EXPECT_EQ(response.result(), HttpStatus::service_unavailable);
    EXPECT_NE(logged().find("store unavailable in GET /overview"), std::string::npos) << logged();
}

// The store refuses a plan that breaks a ledger invariant and writes nothing; the request
// ends as a defect (500, the generic message, logged), never as the person's mistake.
TEST_F(StoreOutageTest, AWriteRefusedForBreakingAnInvariantAnswers500AndIsLogged) {
    const HttpResponse response = get("/api/v1/broken-write", false);
    EXPECT_EQ(response.result(), HttpStatus::internal_server_error);
    EXPECT_NE(response.body().find("Something went wrong on our side"), std::string::npos)
        << response.body();
    EXPECT_NE(logged().find("unexpected failure in GET /api/v1/broken-write"), std::string::npos)
        << logged();
}

}  // namespace
}  // namespace bank
