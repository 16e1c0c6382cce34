#include "ledger/webhook_plans.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/webhook_limits.hpp"

namespace bank {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const Timestamp now = from_micros(1'795'594'184'123'456);

WebhookEndpoint draft(std::string url, std::vector<std::string> events = {"security.sign_in"}) {
    WebhookEndpoint endpoint;
    endpoint.endpoint_id = "endpoint-1";
    endpoint.user_id = "user-1";
    endpoint.url = std::move(url);
    endpoint.events = std::move(events);
    endpoint.sealed_secret = "v1.sealed";
    return endpoint;
}

// ---- A new endpoint ----

struct EndpointCase {
    std::string name;
    std::string url;
    std::vector<std::string> events;
    bool private_allowed;
    std::size_t existing;
    WebhookRefusal want;
};

void PrintTo(const EndpointCase& c, std::ostream* out) { *out << c.name; }

class PlanWebhookEndpoint : public testing::TestWithParam<EndpointCase> {};

TEST_P(PlanWebhookEndpoint, ChecksInOrder) {
    const EndpointCase& c = GetParam();
    const std::vector<WebhookEndpoint> existing(c.existing, draft("https://a.example/"));
    const auto plan =
        plan_webhook_endpoint(draft(c.url, c.events), existing, c.private_allowed, now);
    EXPECT_EQ(to_string(plan.status), to_string(c.want));
    if (c.want == WebhookRefusal::ok) {
        EXPECT_EQ(plan.next.version, 1);
        EXPECT_EQ(plan.next.created_at, now);
        EXPECT_TRUE(plan.next.enabled);
        EXPECT_EQ(plan.next.url, c.url);
    }
}

const std::vector<std::string> created{"security.sign_in"};
const std::string long_url =
    "https://hooks.example/" + std::string(limits::webhook_url_length_max, 'a');
const std::string longest_url =
    "https://hooks.example/" + std::string(limits::webhook_url_length_max - 22, 'a');

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanWebhookEndpoint,
    testing::Values(
        EndpointCase{"https", "https://hooks.example/in", created, false, 0, WebhookRefusal::ok},
        EndpointCase{"port", "https://hooks.example:8443/in?x=1", created, false, 0,
                     WebhookRefusal::ok},
        EndpointCase{"longest", longest_url, created, false, 0, WebhookRefusal::ok},
        EndpointCase{"too long", long_url, created, false, 0, WebhookRefusal::url_too_long},
        EndpointCase{"no scheme", "hooks.example/in", created, false, 0,
                     WebhookRefusal::url_malformed},
        EndpointCase{"ftp", "ftp://hooks.example/", created, false, 0,
                     WebhookRefusal::url_malformed},
        EndpointCase{"no host", "https:///in", created, false, 0, WebhookRefusal::url_malformed},
        EndpointCase{"space", "https://hooks.example/a b", created, false, 0,
                     WebhookRefusal::url_malformed},
        EndpointCase{"bad port", "https://hooks.example:99999/", created, false, 0,
                     WebhookRefusal::url_malformed},
        EndpointCase{"http", "http://hooks.example/", created, false, 0,
                     WebhookRefusal::url_not_https},
        EndpointCase{"http allowed", "http://127.0.0.1:9000/", created, true, 0,
                     WebhookRefusal::ok},
        EndpointCase{"userinfo", "https://me:pw@hooks.example/", created, false, 0,
                     WebhookRefusal::url_has_userinfo},
        EndpointCase{
            "no events", "https://hooks.example/", {}, false, 0, WebhookRefusal::no_events},
        EndpointCase{"unknown event",
                     "https://hooks.example/",
                     {"security.sign_in", "nope"},
                     false,
                     0,
                     WebhookRefusal::unknown_event},
        EndpointCase{"test event is not subscribed to",
                     "https://hooks.example/",
                     {"webhook.test"},
                     false,
                     0,
                     WebhookRefusal::unknown_event},
        EndpointCase{"last one", "https://hooks.example/", created, false,
                     limits::webhook_endpoints_per_person - 1, WebhookRefusal::ok},
        EndpointCase{"too many", "https://hooks.example/", created, false,
                     limits::webhook_endpoints_per_person, WebhookRefusal::too_many_endpoints},
        EndpointCase{"url before count", "http://hooks.example/", created, false,
                     limits::webhook_endpoints_per_person, WebhookRefusal::url_not_https}),
    [](const auto& info) {
        std::string name = info.param.name;
        for (char& c : name) {
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        }
        return name;
    });

TEST(PlanWebhookEndpoint, RepeatedEventsAreStoredOnce) {
    const auto plan = plan_webhook_endpoint(
        draft("https://hooks.example/",
              {"alert.triggered", "alert.triggered", "standing_order.failed"}),
        {}, false, now);
    ASSERT_EQ(plan.status, WebhookRefusal::ok);
    EXPECT_EQ(plan.next.events,
              (std::vector<std::string>{"alert.triggered", "standing_order.failed"}));
}

TEST(ParseWebhookUrl, ReadsHostPortAndIpv6Literals) {
    const auto plain = parse_webhook_url("HTTPS://Hooks.Example/path");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->scheme, "https");
    EXPECT_EQ(plain->host, "hooks.example");
    EXPECT_EQ(plain->port, 443);
    const auto v6 = parse_webhook_url("http://[::1]:8080/x");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->port, 8080);
    EXPECT_FALSE(parse_webhook_url("http://[::1/x"));
    EXPECT_FALSE(parse_webhook_url("http://[::1]x/"));
    EXPECT_TRUE(parse_webhook_url("https://u@h.example/")->has_userinfo);
}

// ---- Backoff ----

struct BackoffCase {
    int attempts;
    std::chrono::seconds since_first;  // of the last attempt
    std::optional<std::chrono::seconds> want_after_last;
};

class NextDeliveryAttempt : public testing::TestWithParam<BackoffCase> {};

TEST_P(NextDeliveryAttempt, BacksOffThenGivesUpAfterADay) {
    const BackoffCase& c = GetParam();
    const Timestamp last = now + c.since_first;
    const auto next = next_delivery_attempt(c.attempts, now, last);
    if (!c.want_after_last) {
        EXPECT_EQ(next, std::nullopt);
    } else {
        ASSERT_TRUE(next);
        EXPECT_EQ(*next - last, *c.want_after_last);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Schedule, NextDeliveryAttempt,
    testing::Values(BackoffCase{1, seconds(0), seconds(5)}, BackoffCase{2, seconds(5), minutes(5)},
                    BackoffCase{3, seconds(305), minutes(30)},
                    BackoffCase{4, seconds(2105), hours(2)},
                    BackoffCase{5, seconds(9305), hours(5)},
                    BackoffCase{6, seconds(27305), hours(10)},
                    // 17 h 35 min after the first attempt, 10 h more is past the day.
                    BackoffCase{7, seconds(63305), std::nullopt},
                    // Exactly at the window's end is still tried.
                    BackoffCase{6, seconds(14 * 3600), hours(10)},
                    BackoffCase{6, seconds(14 * 3600 + 1), std::nullopt}));

TEST(NextDeliveryAttempt, NoAttemptYetIsDueAtOnce) {
    EXPECT_EQ(next_delivery_attempt(0, now, now), now);
}

// ---- Disabling ----

struct DisableCase {
    std::optional<std::chrono::seconds> failing_for;
    bool want;
};

class ShouldDisable : public testing::TestWithParam<DisableCase> {};

TEST_P(ShouldDisable, AfterADayOfOnlyFailures) {
    const DisableCase& c = GetParam();
    std::optional<Timestamp> since;
    if (c.failing_for) since = now - *c.failing_for;
    EXPECT_EQ(should_disable(since, now), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, ShouldDisable,
                         testing::Values(DisableCase{std::nullopt, false},
                                         DisableCase{seconds(0), false},
                                         DisableCase{hours(23) + minutes(59), false},
                                         DisableCase{hours(24), true},
                                         DisableCase{hours(30), true}));

// ---- Attempts ----

WebhookDelivery claimed_delivery(int attempts) {
    WebhookDelivery delivery;
    delivery.endpoint_id = "endpoint-1";
    delivery.delivery_id = "event-1";
    delivery.user_id = "user-1";
    delivery.created_at = now;
    delivery.attempts = attempts;
    delivery.version = 2;
    return delivery;
}

TEST(PlanWebhookAttempt, ASuccessDeliversAndClearsTheEndpointsFailures) {
    WebhookEndpoint endpoint = draft("https://hooks.example/");
    endpoint.version = 3;
    endpoint.failing_since = now - hours(2);
    const auto plan =
        plan_webhook_attempt(claimed_delivery(1), endpoint, {now + seconds(10), 204, 12, ""});
    EXPECT_EQ(plan.delivery.state, WebhookDeliveryState::delivered);
    EXPECT_EQ(plan.delivery.attempts, 2);
    EXPECT_EQ(plan.delivery.version, 3);
    EXPECT_EQ(plan.delivery.last_status, 204);
    EXPECT_EQ(plan.delivery.last_latency_ms, 12);
    ASSERT_TRUE(plan.endpoint);
    EXPECT_EQ(plan.endpoint->failing_since, std::nullopt);
    EXPECT_EQ(plan.endpoint->version, 4);
}

TEST(PlanWebhookAttempt, ASuccessOnAHealthyEndpointLeavesItAlone) {
    const auto plan = plan_webhook_attempt(claimed_delivery(0), draft("https://hooks.example/"),
                                           {now, 200, 5, ""});
    EXPECT_EQ(plan.delivery.state, WebhookDeliveryState::delivered);
    EXPECT_FALSE(plan.endpoint);
}

TEST(PlanWebhookAttempt, AFailureSchedulesTheNextAttemptAndMarksTheEndpointFailing) {
    WebhookEndpoint endpoint = draft("https://hooks.example/");
    endpoint.version = 1;
    const auto plan = plan_webhook_attempt(claimed_delivery(0), endpoint, {now, 500, 30, ""});
    EXPECT_EQ(plan.delivery.state, WebhookDeliveryState::pending);
    EXPECT_EQ(plan.delivery.next_attempt_at, now + seconds(5));
    EXPECT_EQ(plan.delivery.last_error, "the receiver answered 500");
    ASSERT_TRUE(plan.endpoint);
    EXPECT_EQ(plan.endpoint->failing_since, now);
    EXPECT_TRUE(plan.endpoint->enabled);

    endpoint.failing_since = now;
    const auto again =
        plan_webhook_attempt(claimed_delivery(1), endpoint, {now + seconds(5), 0, 5000, "timeout"});
    EXPECT_EQ(again.delivery.last_error, "timeout");
    EXPECT_FALSE(again.endpoint) << "failing since the first failure, nothing changes";
}

TEST(PlanWebhookAttempt, TheLastAttemptFailsTheDeliveryAndADayOfFailuresDisables) {
    WebhookEndpoint endpoint = draft("https://hooks.example/");
    endpoint.failing_since = now;
    const auto plan =
        plan_webhook_attempt(claimed_delivery(6), endpoint, {now + hours(24), 503, 10, ""});
    EXPECT_EQ(plan.delivery.state, WebhookDeliveryState::failed);
    ASSERT_TRUE(plan.endpoint);
    EXPECT_FALSE(plan.endpoint->enabled);
}

TEST(PlanWebhookEnable, TurnsADisabledEndpointOnAndForgetsItsFailures) {
    WebhookEndpoint endpoint = draft("https://hooks.example/");
    endpoint.version = 4;
    endpoint.failing_since = now;
    endpoint.enabled = false;
    const auto next = plan_webhook_enable(endpoint);
    ASSERT_TRUE(next);
    EXPECT_TRUE(next->enabled);
    EXPECT_FALSE(next->failing_since);
    EXPECT_EQ(next->version, 5);
    // The next failure starts a new day: one failure an hour later does not disable it again.
    const auto plan =
        plan_webhook_attempt(claimed_delivery(0), *next, {now + hours(1), 503, 10, ""});
    ASSERT_TRUE(plan.endpoint);
    EXPECT_TRUE(plan.endpoint->enabled);
    EXPECT_EQ(plan.endpoint->failing_since, now + hours(1));
}

TEST(PlanWebhookEnable, AnEnabledEndpointNeedsNoWrite) {
    WebhookEndpoint endpoint = draft("https://hooks.example/");
    endpoint.failing_since = now;  // failing, but not yet for a day: left as it is
    EXPECT_FALSE(plan_webhook_enable(endpoint));
}

TEST(PlanWebhookClaim, MovesTheVersionAndLeasesTheDelivery) {
    const WebhookDelivery claimed = plan_webhook_claim(claimed_delivery(0), now);
    EXPECT_EQ(claimed.version, 3);
    EXPECT_EQ(claimed.next_attempt_at, now + limits::webhook_claim_lease);
    EXPECT_EQ(claimed.state, WebhookDeliveryState::pending);
}

}  // namespace
}  // namespace bank
