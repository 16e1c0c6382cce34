#include "service/session_cache_guard.hpp"

#include <type_traits>
#include <utility>
#include <variant>

namespace bank {

namespace {

// What a command makes the cache forget.
struct Forget {
    enum class What { nothing, session, person, everything } what = What::nothing;
    std::string key;  // the token hash or the user id
};

// Commands that change neither a session nor a person's record forget nothing; every other
// one, including any added later, forgets at least the person's entries.
template <class Command>
constexpr bool leaves_sessions_alone =
    std::is_same_v<Command, CreateUser> || std::is_same_v<Command, TouchSession> ||
    std::is_same_v<Command, OpenAccount> || std::is_same_v<Command, CloseAccount> ||
    std::is_same_v<Command, Posting> || std::is_same_v<Command, PostingBatch> ||
    std::is_same_v<Command, ReversePosting> || std::is_same_v<Command, Recategorize> ||
    std::is_same_v<Command, CreateCategoryRule> || std::is_same_v<Command, DeleteCategoryRule> ||
    std::is_same_v<Command, AppendAuditEvent> || std::is_same_v<Command, SetAccountFreeze>;

Forget forget_of(const WriteCommand& command) {
    return std::visit(
        [](const auto& typed) -> Forget {
            using Command = std::decay_t<decltype(typed)>;
            if constexpr (leaves_sessions_alone<Command>) {
                return {};
            } else if constexpr (std::is_same_v<Command, DeleteSession>) {
                return {Forget::What::session, typed.token_hash};
            } else if constexpr (requires { typed.user_id; }) {
                return {Forget::What::person, typed.user_id};
            } else if constexpr (requires { typed.session.user_id; }) {
                // A new session may end the person's oldest one (sessions_max).
                return {Forget::What::person, typed.session.user_id};
            } else {
                // ResetPassword names only its link: whose sessions it ends is not known here.
                return {Forget::What::everything, {}};
            }
        },
        command);
}

void apply(SessionCache& sessions, const Forget& forget) {
    switch (forget.what) {
        case Forget::What::nothing:
            return;
        case Forget::What::session:
            sessions.forget(forget.key);
            return;
        case Forget::What::person:
            sessions.forget_person(forget.key);
            return;
        case Forget::What::everything:
            sessions.forget_all();
            return;
    }
}

}  // namespace

void SessionCacheGuard::submit(WriteCommand command, Completion done) {
    Forget forget = forget_of(command);
    if (forget.what == Forget::What::nothing) {
        store_.submit(std::move(command), std::move(done));
        return;
    }
    // After the commit (a read that began before it cannot keep what it read: the ticket)
    // and before the waiter hears of it.
    store_.submit(std::move(command),
                  [this, forget = std::move(forget), done = std::move(done)](WriteResult result) {
                      apply(sessions_, forget);
                      done(std::move(result));
                  });
}

}  // namespace bank
