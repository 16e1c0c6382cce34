#include "ledger/user_plans.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/limits.hpp"

namespace bank {
namespace {

const Timestamp now = from_micros(1'795'594'184'123'456);
const Timestamp lock_until = now + limits::lock_duration;

User alice_with_failures(int failed_logins) {
    User user;
    user.user_id = "alice";
    user.full_name = "Alice";
    user.password_hash = "old-hash";
    user.failed_logins = failed_logins;
    return user;
}

struct FailureCase {
    std::string name;
    int failed_before;
    int failed_after;
    bool locked;
};

void PrintTo(const FailureCase& failure, std::ostream* out) { *out << failure.name; }

class PlanLoginFailure : public testing::TestWithParam<FailureCase> {};

TEST_P(PlanLoginFailure, CountsAndLocksAtTheLimit) {
    const FailureCase& c = GetParam();
    const RecordLoginFailure command{"alice", limits::login_attempts_max, lock_until};
    const UserPlan plan = plan_login_failure(alice_with_failures(c.failed_before), command);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    EXPECT_EQ(plan.user.failed_logins, c.failed_after);
    EXPECT_EQ(plan.user.locked_until, c.locked ? lock_until : Timestamp{});
}

constexpr int attempts_max = limits::login_attempts_max;

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanLoginFailure,
    testing::Values(FailureCase{"first", 0, 1, false},
                    FailureCase{"one_before_the_limit", attempts_max - 2, attempts_max - 1, false},
                    // The failure that reaches the limit locks and starts the count again.
                    FailureCase{"reaching_the_limit", attempts_max - 1, 0, true},
                    FailureCase{"past_the_limit", attempts_max + 3, 0, true}));

TEST(UserPlans, RefuseAPersonWhoDoesNotExist) {
    EXPECT_EQ(plan_login_failure(std::nullopt, {"x", attempts_max, lock_until}).status,
              WriteStatus::user_not_found);
    EXPECT_EQ(plan_login_success(std::nullopt).status, WriteStatus::user_not_found);
    EXPECT_EQ(plan_update_profile(std::nullopt, {"x", "N", ""}).status,
              WriteStatus::user_not_found);
    EXPECT_EQ(plan_change_password(std::nullopt, {}, {"x", "h", ""}).status,
              WriteStatus::user_not_found);
    EXPECT_EQ(plan_append_audit_event(false), WriteStatus::user_not_found);
    EXPECT_EQ(plan_create_session(false, {}, CreateSession{}).status, WriteStatus::user_not_found);
}

TEST(UserPlans, ASuccessfulSignInClearsFailuresAndTheLock) {
    User locked = alice_with_failures(3);
    locked.locked_until = lock_until;
    const UserPlan plan = plan_login_success(locked);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    EXPECT_EQ(plan.user.failed_logins, 0);
    EXPECT_EQ(plan.user.locked_until, Timestamp{});
}

TEST(UserPlans, ProfileAndPasswordChangeOnlyTheirFields) {
    const UserPlan profile = plan_update_profile(alice_with_failures(2), {"alice", "Ada", "555"});
    EXPECT_EQ(profile.user.full_name, "Ada");
    EXPECT_EQ(profile.user.phone, "555");
    EXPECT_EQ(profile.user.failed_logins, 2);
    const UserSessionsPlan password =
        plan_change_password(alice_with_failures(2), {}, {"alice", "new", "k"});
    EXPECT_EQ(password.user.password_hash, "new");
    EXPECT_EQ(password.user.full_name, "Alice");
}

TEST(UserPlans, APasswordChangeEndsEverySessionButTheOneThatAsked) {
    std::vector<Session> sessions(3);
    sessions[0].token_hash = "asking";
    sessions[1].token_hash = "phone";
    sessions[2].token_hash = "token";
    sessions[2].kind = SessionKind::access_token;
    const UserSessionsPlan plan =
        plan_change_password(alice_with_failures(0), sessions, {"alice", "new", "asking"});
    ASSERT_EQ(plan.status, WriteStatus::ok);
    EXPECT_EQ(plan.ended_token_hashes, (std::vector<std::string>{"phone", "token"}));
}

TEST(UserPlans, RegistrationRefusesATakenEmailThenAnUnknownTimeZone) {
    EXPECT_EQ(plan_create_user(std::string("someone"), "UTC"), WriteStatus::email_taken);
    EXPECT_EQ(plan_create_user(std::string("someone"), "Mars/Base"), WriteStatus::email_taken);
    EXPECT_EQ(plan_create_user(std::nullopt, "Mars/Base"), WriteStatus::time_zone_invalid);
    EXPECT_EQ(plan_create_user(std::nullopt, "UTC"), WriteStatus::ok);
    EXPECT_EQ(plan_create_user(std::nullopt, "Pacific/Auckland"), WriteStatus::ok);
}

struct TimeZoneCase {
    std::string name;
    bool user_exists;
    std::string time_zone;
    WriteStatus status;
};

void PrintTo(const TimeZoneCase& each, std::ostream* out) { *out << each.name; }

class PlanSetTimeZone : public testing::TestWithParam<TimeZoneCase> {};

// The person is checked first, then the name; a refusal leaves the person as they were.
TEST_P(PlanSetTimeZone, ChecksThePersonThenTheName) {
    const TimeZoneCase& c = GetParam();
    const std::optional<User> user =
        c.user_exists ? std::optional(alice_with_failures(1)) : std::nullopt;
    const UserPlan plan = plan_set_time_zone(user, {"alice", c.time_zone});
    ASSERT_EQ(plan.status, c.status);
    if (c.status != WriteStatus::ok) return;
    EXPECT_EQ(plan.user.time_zone, c.time_zone);
    EXPECT_EQ(plan.user.full_name, "Alice");
    EXPECT_EQ(plan.user.failed_logins, 1);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanSetTimeZone,
    testing::Values(
        TimeZoneCase{"paris", true, "Europe/Paris", WriteStatus::ok},
        TimeZoneCase{"utc", true, "UTC", WriteStatus::ok},
        TimeZoneCase{"auckland", true, "Pacific/Auckland", WriteStatus::ok},
        TimeZoneCase{"unknown_person_first", false, "Mars/Base", WriteStatus::user_not_found},
        TimeZoneCase{"unknown_person", false, "Europe/Paris", WriteStatus::user_not_found},
        TimeZoneCase{"not_in_the_database", true, "Mars/Base", WriteStatus::time_zone_invalid},
        TimeZoneCase{"empty", true, "", WriteStatus::time_zone_invalid},
        TimeZoneCase{"wrong_case", true, "europe/paris", WriteStatus::time_zone_invalid},
        TimeZoneCase{"a_path", true, "../../etc/passwd", WriteStatus::time_zone_invalid},
        TimeZoneCase{"an_offset", true, "+02:00", WriteStatus::time_zone_invalid}));

Session session_made_at(std::string token_hash, std::int64_t micros) {
    Session session;
    session.token_hash = std::move(token_hash);
    session.user_id = "alice";
    session.created_at = from_micros(micros);
    return session;
}

struct SessionCase {
    std::string name;
    std::size_t existing;
    std::size_t sessions_max;
    std::size_t ended;
};

void PrintTo(const SessionCase& session, std::ostream* out) { *out << session.name; }

class PlanCreateSession : public testing::TestWithParam<SessionCase> {};

TEST_P(PlanCreateSession, EndsTheOldestBeyondTheLimit) {
    const SessionCase& c = GetParam();
    std::vector<Session> existing;
    // Made one second apart: "s0" is the oldest.
    for (std::size_t i = 0; i < c.existing; ++i) {
        existing.push_back(
            session_made_at("s" + std::to_string(i), 1'000'000 * static_cast<std::int64_t>(i + 1)));
    }
    CreateSession command{session_made_at("new", 99'000'000), c.sessions_max};
    const CreateSessionPlan plan = plan_create_session(true, existing, command);
    ASSERT_EQ(plan.status, WriteStatus::ok);
    ASSERT_EQ(plan.ended_token_hashes.size(), c.ended);
    for (std::size_t i = 0; i < c.ended; ++i) {
        EXPECT_EQ(plan.ended_token_hashes[c.ended - 1 - i], "s" + std::to_string(i));
    }
}

constexpr std::size_t sessions_max = limits::sessions_per_user_max;

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanCreateSession,
    testing::Values(SessionCase{"first", 0, sessions_max, 0},
                    SessionCase{"filling_the_limit", sessions_max - 1, sessions_max, 0},
                    SessionCase{"one_past_the_limit", sessions_max, sessions_max, 1},
                    SessionCase{"far_past_the_limit", sessions_max + 4, sessions_max, 5},
                    SessionCase{"no_limit", 50, 0, 0}, SessionCase{"limit_of_one", 3, 1, 3}));

TEST(PlanCreateSessionTies, EndTheLargerTokenHashFirst) {
    const std::vector<Session> existing{session_made_at("b", 5), session_made_at("a", 5)};
    const CreateSessionPlan plan =
        plan_create_session(true, existing, CreateSession{session_made_at("new", 9), 2});
    ASSERT_EQ(plan.ended_token_hashes.size(), 1U);
    EXPECT_EQ(plan.ended_token_hashes[0], "b");
}

// ---- a batch of audit events ----

AuditEvent event_of(std::string user_id, std::string event_id) {
    AuditEvent event;
    event.event_id = std::move(event_id);
    event.user_id = std::move(user_id);
    event.kind = AuditEventKind::standing_order_posted;
    event.at = now;
    return event;
}

struct AuditBatchCase {
    std::string name;
    std::vector<std::string> people;    // of the events, in order
    std::set<std::string> existing;     // the people the store found
    std::vector<WriteStatus> statuses;  // one per event
    std::vector<std::string> trimmed;   // once each, in the order of their first written event
};

TEST(UserPlans, ABatchOfAuditEventsDecidesEachAsAloneAndTrimsEachPersonOnce) {
    constexpr WriteStatus ok = WriteStatus::ok;
    constexpr WriteStatus gone = WriteStatus::user_not_found;
    const std::vector<AuditBatchCase> cases{
        {"empty", {}, {"ada"}, {}, {}},
        {"one person, many events", {"ada", "ada", "ada"}, {"ada"}, {ok, ok, ok}, {"ada"}},
        {"people interleaved",
         {"ada", "bob", "ada", "cy"},
         {"ada", "bob", "cy"},
         {ok, ok, ok, ok},
         {"ada", "bob", "cy"}},
        {"an unknown person's events refused alone",
         {"nobody", "ada", "nobody", "bob"},
         {"ada", "bob"},
         {gone, ok, gone, ok},
         {"ada", "bob"}},
        {"no one known", {"x", "y"}, {}, {gone, gone}, {}},
    };
    for (const AuditBatchCase& batch : cases) {
        std::vector<AuditEvent> events;
        for (const std::string& person : batch.people) {
            events.push_back(event_of(person, "e" + std::to_string(events.size())));
        }
        const AuditEventsPlan plan = plan_append_audit_events(events, batch.existing);
        EXPECT_EQ(plan.statuses, batch.statuses) << batch.name;
        EXPECT_EQ(plan.trimmed, batch.trimmed) << batch.name;
        for (std::size_t index = 0; index < events.size(); ++index) {
            EXPECT_EQ(plan.statuses[index],
                      plan_append_audit_event(batch.existing.contains(batch.people[index])))
                << batch.name << ": as if appended alone";
        }
    }
}

TEST(UserPlans, ThePeopleOfABatchAreEachNamedOnceInTheOrderTheyCome) {
    EXPECT_TRUE(people_of({}).empty());
    const std::vector<AuditEvent> events{event_of("bob", "1"), event_of("ada", "2"),
                                         event_of("bob", "3"), event_of("cy", "4")};
    EXPECT_EQ(people_of(events), (std::vector<std::string>{"bob", "ada", "cy"}));
}

}  // namespace
}  // namespace bank
