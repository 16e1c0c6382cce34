#include "ledger/session_plans.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ledger/user_plans.hpp"

namespace bank {
namespace {

const Timestamp now = from_micros(1'795'594'184'123'456);

Session session_of(std::string user_id, std::string name, SessionKind kind) {
    Session session;
    session.user_id = std::move(user_id);
    session.token_hash = "hash-" + name;
    session.session_id = "id-" + name;
    session.kind = kind;
    session.expires_at = now + std::chrono::minutes(30);
    return session;
}

// Ann's: two sign-ins, a token and a reset link.
std::vector<Session> anns_sessions() {
    return {session_of("ann", "laptop", SessionKind::sign_in),
            session_of("ann", "phone", SessionKind::sign_in),
            session_of("ann", "script", SessionKind::access_token),
            session_of("ann", "link", SessionKind::password_reset)};
}

User ann(bool disabled = false) {
    User user;
    user.user_id = "ann";
    user.password_hash = "old-hash";
    user.failed_logins = 3;
    user.locked_until = now + std::chrono::minutes(5);
    user.disabled = disabled;
    return user;
}

struct RevokeCase {
    std::string name;
    RevokeSession command;
    WriteStatus status;
    std::vector<std::string> ended;
};

void PrintTo(const RevokeCase& revoke, std::ostream* out) { *out << revoke.name; }

class PlanRevokeSession : public testing::TestWithParam<RevokeCase> {};

TEST_P(PlanRevokeSession, EndsOnlyThePersonsOwnOfThatKind) {
    const RevokeCase& c = GetParam();
    const EndSessionsPlan plan = plan_revoke_session(anns_sessions(), c.command);
    EXPECT_EQ(plan.status, c.status);
    EXPECT_EQ(plan.ended_token_hashes, c.ended);
}

INSTANTIATE_TEST_SUITE_P(Cases, PlanRevokeSession,
                         testing::Values(RevokeCase{"own_sign_in",
                                                    {"ann", "id-phone", SessionKind::sign_in},
                                                    WriteStatus::ok,
                                                    {"hash-phone"}},
                                         RevokeCase{"own_token",
                                                    {"ann", "id-script", SessionKind::access_token},
                                                    WriteStatus::ok,
                                                    {"hash-script"}},
                                         RevokeCase{"unknown_id",
                                                    {"ann", "id-nope", SessionKind::sign_in},
                                                    WriteStatus::session_not_found,
                                                    {}},
                                         RevokeCase{"another_persons",
                                                    {"bob", "id-phone", SessionKind::sign_in},
                                                    WriteStatus::session_not_found,
                                                    {}},
                                         RevokeCase{"a_token_as_a_session",
                                                    {"ann", "id-script", SessionKind::sign_in},
                                                    WriteStatus::session_not_found,
                                                    {}},
                                         RevokeCase{"a_reset_link_as_a_token",
                                                    {"ann", "id-link", SessionKind::access_token},
                                                    WriteStatus::session_not_found,
                                                    {}},
                                         RevokeCase{"empty_id",
                                                    {"ann", "", SessionKind::sign_in},
                                                    WriteStatus::session_not_found,
                                                    {}}));

TEST(SessionPlans, SignOutEverywhereElseKeepsThisSessionTokensAndLinks) {
    const EndSessionsPlan plan =
        plan_revoke_other_sessions(anns_sessions(), RevokeOtherSessions{"ann", "hash-laptop"});
    ASSERT_EQ(plan.status, WriteStatus::ok);
    EXPECT_EQ(plan.ended_token_hashes, std::vector<std::string>{"hash-phone"});
    EXPECT_TRUE(
        plan_revoke_other_sessions(anns_sessions(), RevokeOtherSessions{"bob", "hash-laptop"})
            .ended_token_hashes.empty())
        << "another person's sessions are never ended";
}

TEST(SessionPlans, DisablingEndsEverySessionTokenAndLinkEnablingNone) {
    const auto disabled =
        plan_set_user_disabled(ann(), anns_sessions(), SetUserDisabled{"ann", true});
    ASSERT_EQ(disabled.status, WriteStatus::ok);
    EXPECT_TRUE(disabled.user.disabled);
    EXPECT_EQ(disabled.ended_token_hashes.size(), 4U);
    const auto enabled =
        plan_set_user_disabled(ann(true), anns_sessions(), SetUserDisabled{"ann", false});
    ASSERT_EQ(enabled.status, WriteStatus::ok);
    EXPECT_FALSE(enabled.user.disabled);
    EXPECT_TRUE(enabled.ended_token_hashes.empty());
    EXPECT_EQ(plan_set_user_disabled(std::nullopt, {}, SetUserDisabled{"ann", true}).status,
              WriteStatus::user_not_found);
}

struct ResetCase {
    std::string name;
    std::optional<Session> link;
    std::optional<User> user;
    WriteStatus status;
};

void PrintTo(const ResetCase& reset, std::ostream* out) { *out << reset.name; }

Session link(SessionKind kind = SessionKind::password_reset,
             Timestamp expires = now + std::chrono::seconds(1)) {
    Session session = session_of("ann", "link", kind);
    session.expires_at = expires;
    return session;
}

class PlanResetPassword : public testing::TestWithParam<ResetCase> {};

TEST_P(PlanResetPassword, NeedsALiveLinkOfAnEnabledPerson) {
    const ResetCase& c = GetParam();
    const ResetPasswordPlan plan =
        plan_reset_password(c.link, c.user, anns_sessions(), {"hash-link", "new-hash", now});
    EXPECT_EQ(plan.status, c.status);
    if (c.status != WriteStatus::ok) {
        EXPECT_TRUE(plan.ended_token_hashes.empty());
        return;
    }
    EXPECT_EQ(plan.user.password_hash, "new-hash");
    EXPECT_EQ(plan.user.failed_logins, 0) << "a reset clears the lockout";
    EXPECT_EQ(plan.user.locked_until, Timestamp{});
    EXPECT_EQ(plan.ended_token_hashes.size(), 4U) << "every session, token and the link end";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanResetPassword,
    testing::Values(
        ResetCase{"live_link", link(), ann(), WriteStatus::ok},
        ResetCase{"used_or_unknown", std::nullopt, ann(), WriteStatus::reset_link_invalid},
        ResetCase{"expired_at_now", link(SessionKind::password_reset, now), ann(),
                  WriteStatus::reset_link_invalid},
        ResetCase{"a_sign_in_token", link(SessionKind::sign_in), ann(),
                  WriteStatus::reset_link_invalid},
        ResetCase{"an_access_token", link(SessionKind::access_token), ann(),
                  WriteStatus::reset_link_invalid},
        ResetCase{"person_gone", link(), std::nullopt, WriteStatus::reset_link_invalid},
        ResetCase{"person_disabled", link(), ann(true), WriteStatus::reset_link_invalid}));

TEST(SessionPlans, TokensCountApartFromSignInsAndAreRefusedBeyondTheLimit) {
    std::vector<Session> existing;
    for (int i = 0; i < 3; ++i) {
        existing.push_back(session_of("ann", "t" + std::to_string(i), SessionKind::access_token));
    }
    existing.push_back(session_of("ann", "laptop", SessionKind::sign_in));
    const auto token = plan_create_session(
        true, existing, CreateSession{session_of("ann", "new", SessionKind::access_token), 3});
    EXPECT_EQ(token.status, WriteStatus::too_many_tokens);
    EXPECT_TRUE(token.ended_token_hashes.empty()) << "no token is ended for a new one";
    const auto sign_in = plan_create_session(
        true, existing, CreateSession{session_of("ann", "new", SessionKind::sign_in), 3});
    EXPECT_EQ(sign_in.status, WriteStatus::ok);
    EXPECT_TRUE(sign_in.ended_token_hashes.empty()) << "tokens do not count against sign-ins";
}

}  // namespace
}  // namespace bank
