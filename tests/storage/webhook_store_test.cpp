// The WebhookStore contract, run against each engine (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): an endpoint is read back whole, in its owner's list
// and by id, never by someone else, and changes only over the version it was decided on; a
// delivery is stored once per event and endpoint, claimed by one writer of its version, its
// log read newest first and bounded, and only pending ones that are due are read as due.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/random.hpp"
#include "ledger/webhook_plans.hpp"
#include "support/engine_store_test.hpp"
#include "support/wait_for.hpp"

namespace bank {
namespace {

using std::chrono::seconds;

class WebhookStoreTest : public test::EngineStoreTest {
protected:
    WebhookStoreTest() : EngineStoreTest("webhooks") {}

    WebhookEndpoint created(const std::string& user_id, const std::string& url) {
        clock_.advance(seconds(1));
        WebhookEndpoint draft;
        draft.endpoint_id = new_time_ordered_id(clock_.now());
        draft.user_id = user_id;
        draft.url = url;
        draft.events = {"security.sign_in", "alert.triggered"};
        draft.sealed_secret = "v1.sealed-secret";
        const auto plan = plan_webhook_endpoint(draft, store_->list_webhook_endpoints(user_id),
                                                false, clock_.now());
        EXPECT_EQ(plan.status, WebhookRefusal::ok);
        return plan.next;
    }

    WebhookDelivery queued(const WebhookEndpoint& endpoint, const std::string& event_id) {
        WebhookDelivery delivery;
        delivery.endpoint_id = endpoint.endpoint_id;
        delivery.delivery_id = event_id;
        delivery.user_id = endpoint.user_id;
        delivery.event_type = "security.sign_in";
        delivery.payload = R"({"type":"security.sign_in","data":{}})";
        delivery.created_at = clock_.now();
        delivery.next_attempt_at = clock_.now();
        delivery.version = 1;
        return delivery;
    }
};

TEST_P(WebhookStoreTest, AnEndpointIsReadBackWholeButNotBySomeoneElse) {
    EXPECT_TRUE(store_->list_webhook_endpoints("user-a").empty());
    EXPECT_FALSE(store_->any_webhook_endpoint()) << "nobody has an endpoint";
    const WebhookEndpoint first = created("user-a", "https://one.example/in");
    ASSERT_TRUE(store_->add_webhook_endpoint(first));
    EXPECT_TRUE(store_->any_webhook_endpoint());
    const WebhookEndpoint second = created("user-a", "https://two.example/in");
    ASSERT_TRUE(store_->add_webhook_endpoint(second));
    EXPECT_FALSE(store_->add_webhook_endpoint(second)) << "an id is stored once";

    const auto listed = store_->list_webhook_endpoints("user-a");
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].endpoint_id, first.endpoint_id) << "oldest first";
    const auto found = store_->find_webhook_endpoint("user-a", second.endpoint_id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->url, "https://two.example/in");
    EXPECT_EQ(found->events, second.events);
    EXPECT_EQ(found->sealed_secret, "v1.sealed-secret");
    EXPECT_TRUE(found->enabled);
    EXPECT_EQ(found->created_at, second.created_at);
    EXPECT_EQ(found->failing_since, std::nullopt);
    EXPECT_EQ(found->version, 1);
    EXPECT_EQ(store_->find_webhook_endpoint("user-b", second.endpoint_id), std::nullopt);
    EXPECT_TRUE(store_->list_webhook_endpoints("user-b").empty());
}

TEST_P(WebhookStoreTest, AnEndpointChangesAndGoesOnlyOverItsVersion) {
    const WebhookEndpoint stored = created("user-a", "https://one.example/in");
    ASSERT_TRUE(store_->add_webhook_endpoint(stored));
    WebhookEndpoint failing = stored;
    failing.failing_since = clock_.now();
    failing.enabled = false;
    failing.version = 2;
    ASSERT_TRUE(store_->save_webhook_endpoint(failing));
    EXPECT_FALSE(store_->save_webhook_endpoint(failing)) << "version 1 is gone";
    const auto read = store_->find_webhook_endpoint("user-a", stored.endpoint_id);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->failing_since, clock_.now());
    EXPECT_FALSE(read->enabled);
    EXPECT_FALSE(store_->remove_webhook_endpoint(stored)) << "version 1 is gone";
    EXPECT_TRUE(store_->remove_webhook_endpoint(*read));
    EXPECT_EQ(store_->find_webhook_endpoint("user-a", stored.endpoint_id), std::nullopt);
    EXPECT_FALSE(store_->any_webhook_endpoint()) << "the only one went";
}

TEST_P(WebhookStoreTest, ADisabledEndpointIsTurnedOnAgainWithItsFailuresForgotten) {
    const WebhookEndpoint stored = created("user-a", "https://one.example/in");
    ASSERT_TRUE(store_->add_webhook_endpoint(stored));
    WebhookEndpoint disabled = stored;
    disabled.failing_since = clock_.now();
    disabled.enabled = false;
    disabled.version = 2;
    ASSERT_TRUE(store_->save_webhook_endpoint(disabled));

    const auto read = store_->find_webhook_endpoint("user-a", stored.endpoint_id);
    ASSERT_TRUE(read);
    const auto enabled = plan_webhook_enable(*read);
    ASSERT_TRUE(enabled);
    ASSERT_TRUE(store_->save_webhook_endpoint(*enabled));
    const auto after = store_->find_webhook_endpoint("user-a", stored.endpoint_id);
    ASSERT_TRUE(after);
    EXPECT_TRUE(after->enabled);
    EXPECT_EQ(after->failing_since, std::nullopt);
    EXPECT_EQ(after->version, 3);
    EXPECT_EQ(after->sealed_secret, stored.sealed_secret) << "the same secret goes on signing";
    EXPECT_FALSE(store_->save_webhook_endpoint(*enabled)) << "a second turn-on over version 2";
}

TEST_P(WebhookStoreTest, ADeliveryIsStoredOncePerEventAndClaimedByOneWriter) {
    const WebhookEndpoint endpoint = created("user-a", "https://one.example/in");
    ASSERT_TRUE(store_->add_webhook_endpoint(endpoint));
    const WebhookDelivery delivery = queued(endpoint, "event-1");
    ASSERT_TRUE(store_->add_webhook_delivery(delivery));
    EXPECT_FALSE(store_->add_webhook_delivery(delivery)) << "the same event again";

    const WebhookDelivery claim = plan_webhook_claim(delivery, clock_.now());
    std::atomic<int> won{0};
    std::vector<std::thread> racers;
    for (int i = 0; i < 4; ++i) {
        racers.emplace_back([&] {
            if (store_->save_webhook_delivery(claim)) ++won;
        });
    }
    for (auto& racer : racers) racer.join();
    EXPECT_EQ(won.load(), 1) << "one claimant sends it";

    const auto plan = plan_webhook_attempt(claim, endpoint, {clock_.now(), 500, 42, ""});
    ASSERT_TRUE(store_->save_webhook_delivery(plan.delivery));
    const auto log = store_->list_webhook_deliveries(endpoint.endpoint_id, 10);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].delivery_id, "event-1");
    EXPECT_EQ(log[0].user_id, "user-a");
    EXPECT_EQ(log[0].payload, delivery.payload);
    EXPECT_EQ(log[0].state, WebhookDeliveryState::pending);
    EXPECT_EQ(log[0].attempts, 1);
    EXPECT_EQ(log[0].last_status, 500);
    EXPECT_EQ(log[0].last_latency_ms, 42);
    EXPECT_EQ(log[0].last_error, "the receiver answered 500");
    EXPECT_EQ(log[0].last_attempt_at, clock_.now());
    EXPECT_EQ(log[0].next_attempt_at, clock_.now() + seconds(5));
    EXPECT_EQ(log[0].version, 3);
}

TEST_P(WebhookStoreTest, OnlyPendingDueDeliveriesAreDueEarliestFirstAndTheLogIsBounded) {
    const WebhookEndpoint endpoint = created("user-a", "https://one.example/in");
    ASSERT_TRUE(store_->add_webhook_endpoint(endpoint));
    WebhookDelivery later = queued(endpoint, "event-3");
    later.next_attempt_at = clock_.now() + seconds(60);
    ASSERT_TRUE(store_->add_webhook_delivery(later));
    WebhookDelivery earlier = queued(endpoint, "event-2");
    earlier.next_attempt_at = clock_.now() - seconds(10);
    ASSERT_TRUE(store_->add_webhook_delivery(earlier));
    WebhookDelivery done = queued(endpoint, "event-1");
    done.state = WebhookDeliveryState::delivered;
    ASSERT_TRUE(store_->add_webhook_delivery(done));
    ASSERT_TRUE(store_->add_webhook_delivery(queued(endpoint, "event-4")));

    // DynamoDB reads due deliveries from an index that may lag a moment.
    std::vector<WebhookDelivery> due;
    ASSERT_TRUE(test::wait_for("both due deliveries are listed", [&] {
        due = store_->due_webhook_deliveries(clock_.now(), 10);
        return due.size() >= 2;
    }));
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].delivery_id, "event-2");
    EXPECT_EQ(due[1].delivery_id, "event-4");
    EXPECT_EQ(store_->due_webhook_deliveries(clock_.now(), 1).size(), 1u);
    EXPECT_EQ(store_->due_webhook_deliveries(clock_.now() + seconds(60), 10).size(), 3u);

    const auto log = store_->list_webhook_deliveries(endpoint.endpoint_id, 3);
    ASSERT_EQ(log.size(), 3u);
    EXPECT_EQ(log[0].delivery_id, "event-4") << "newest event id first";
    EXPECT_EQ(log[2].delivery_id, "event-2");
    EXPECT_TRUE(store_->list_webhook_deliveries("another-endpoint", 10).empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, WebhookStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace bank
