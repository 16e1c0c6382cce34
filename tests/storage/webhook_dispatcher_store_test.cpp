// The webhook dispatcher while nobody has an endpoint, against each engine (SQLite always,
// DynamoDB when BANK_TEST_DYNAMODB_ENDPOINT is set): its wake-ups read no due deliveries, only
// one item once per limits::webhook_idle_recheck (IdleGate); an endpoint made on another
// server is found within that bound, one made or removed here at once.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "core/secret_key.hpp"
#include "core/webhook_limits.hpp"
#include "ledger/webhook_plans.hpp"
#include "service/webhook_dispatcher.hpp"
#include "service/webhook_service.hpp"
#include "support/engine_store_test.hpp"
#include "support/wait_for.hpp"

namespace bank {
namespace {

// The store, counting the reads an idle dispatcher must not make (and its one-item looks).
class CountedWebhooks : public WebhookStore {
public:
    explicit CountedWebhooks(WebhookStore& store) : store_(store) {}
    std::vector<WebhookEndpoint> list_webhook_endpoints(std::string_view user_id) override {
        return store_.list_webhook_endpoints(user_id);
    }
    std::optional<WebhookEndpoint> find_webhook_endpoint(std::string_view user_id,
                                                         std::string_view endpoint_id) override {
        return store_.find_webhook_endpoint(user_id, endpoint_id);
    }
    bool add_webhook_endpoint(const WebhookEndpoint& endpoint) override {
        return store_.add_webhook_endpoint(endpoint);
    }
    bool save_webhook_endpoint(const WebhookEndpoint& next) override {
        return store_.save_webhook_endpoint(next);
    }
    bool remove_webhook_endpoint(const WebhookEndpoint& current) override {
        return store_.remove_webhook_endpoint(current);
    }
    bool any_webhook_endpoint() override {
        ++looks;
        return store_.any_webhook_endpoint();
    }
    bool add_webhook_delivery(const WebhookDelivery& delivery) override {
        return store_.add_webhook_delivery(delivery);
    }
    bool save_webhook_delivery(const WebhookDelivery& next) override {
        return store_.save_webhook_delivery(next);
    }
    std::vector<WebhookDelivery> list_webhook_deliveries(std::string_view endpoint_id,
                                                         std::size_t limit) override {
        return store_.list_webhook_deliveries(endpoint_id, limit);
    }
    std::vector<WebhookDelivery> due_webhook_deliveries(Timestamp now, std::size_t limit) override {
        ++due_reads;
        return store_.due_webhook_deliveries(now, limit);
    }

    std::atomic<int> looks{0};
    std::atomic<int> due_reads{0};

private:
    WebhookStore& store_;
};

class WebhookDispatcherStoreTest : public test::EngineStoreTest {
protected:
    WebhookDispatcherStoreTest() : EngineStoreTest("webhook_idle") {}

    // Wakes the dispatcher and waits until it has been through its gate once more.
    static void wake_and_wait(WebhookDispatcher& dispatcher) {
        const auto asked = dispatcher.endpoints().asked();
        dispatcher.wake();
        ASSERT_TRUE(
            test::wait_for("a wake-up", [&] { return dispatcher.endpoints().asked() > asked; }));
    }
};

TEST_P(WebhookDispatcherStoreTest, AnIdleDispatcherReadsNothingUntilSomebodyHasAnEndpoint) {
    CountedWebhooks counted(*store_);
    WebhookService service(counted, SecretKey::generate(), clock_, true);
    WebhookDispatcher dispatcher(counted, service, clock_, true);
    service.on_endpoints_changed([&](bool created) { dispatcher.endpoints_changed(created); });
    ASSERT_TRUE(test::wait_for("the first look", [&] { return counted.looks.load() == 1; }));
    for (int round = 0; round < 3; ++round) wake_and_wait(dispatcher);
    EXPECT_EQ(counted.looks.load(), 1) << "one look at start";
    EXPECT_EQ(counted.due_reads.load(), 0) << "no due read while nobody has an endpoint";

    // Made on another server: this one hears nothing of it.
    WebhookService elsewhere(*store_, SecretKey::generate(), clock_, true);
    const auto made = elsewhere.create("user-a", "http://127.0.0.1:9/in", {"alert.triggered"});
    ASSERT_TRUE(made) << made.error().message;
    wake_and_wait(dispatcher);
    EXPECT_EQ(counted.due_reads.load(), 0) << "not yet known here";
    clock_.advance(limits::webhook_idle_recheck);
    dispatcher.wake();
    ASSERT_TRUE(test::wait_for("found within webhook_idle_recheck",
                               [&] { return counted.due_reads.load() > 0; }));
    EXPECT_EQ(counted.looks.load(), 2);

    // Removed here: asked again at once, and idle.
    ASSERT_TRUE(service.remove("user-a", made->endpoint.endpoint_id));
    ASSERT_TRUE(
        test::wait_for("the look after a removal", [&] { return counted.looks.load() == 3; }));
    wake_and_wait(dispatcher);
    const int idle_reads = counted.due_reads.load();
    for (int round = 0; round < 3; ++round) wake_and_wait(dispatcher);
    EXPECT_EQ(counted.due_reads.load(), idle_reads);

    // Made here: known at once, without a look.
    const auto here = service.create("user-a", "http://127.0.0.1:9/in", {"alert.triggered"});
    ASSERT_TRUE(here) << here.error().message;
    ASSERT_TRUE(test::wait_for("a due read after the creation",
                               [&] { return counted.due_reads.load() > idle_reads; }));
    EXPECT_EQ(counted.looks.load(), 3);
    dispatcher.stop();
}

INSTANTIATE_TEST_SUITE_P(Engines, WebhookDispatcherStoreTest,
                         ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
