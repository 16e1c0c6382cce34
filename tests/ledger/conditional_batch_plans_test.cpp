#include "ledger/conditional_batch_plans.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bank {
namespace {

// After a failed request: what is found taken is settled (our earlier try applied with its
// answer lost, or another server first), the rest goes again, and only tries that settled
// nothing count towards giving up.
TEST(ConditionalBatchPlans, AFailedRequestSendsAgainOnlyWhatIsNotSettled) {
    struct Case {
        std::string name;
        std::size_t sent;
        std::vector<bool> condition_failed;
        int fruitless_tries;
        std::vector<std::size_t> resend;
        std::vector<std::size_t> settled;
        bool gives_up;
    };
    const std::vector<Case> cases{
        {"a failure naming no item: all again", 3, {}, 1, {0, 1, 2}, {}, false},
        {"every condition failed: all settled", 3, {true, true, true}, 0, {}, {0, 1, 2}, false},
        {"some taken: the others again", 4, {false, true, false, true}, 0, {0, 2}, {1, 3}, false},
        {"the last fruitless try: given up", 2, {}, 3, {0, 1}, {}, true},
        {"reasons without a failed condition count as fruitless",
         2,
         {false, false},
         3,
         {0, 1},
         {},
         true},
        {"progress on the last try: not given up", 3, {false, true, false}, 3, {0, 2}, {1}, false},
        {"all settled on the last try: nothing lost", 2, {true, true}, 3, {}, {0, 1}, false},
        {"reasons shorter than the request: the rest again", 3, {true}, 0, {1, 2}, {0}, false},
        {"nothing sent", 0, {}, 3, {}, {}, false},
    };
    for (const Case& test : cases) {
        const ConditionalBatchRetry retry =
            plan_conditional_batch_retry(test.sent, test.condition_failed, test.fruitless_tries, 3);
        EXPECT_EQ(retry.resend, test.resend) << test.name;
        EXPECT_EQ(retry.settled, test.settled) << test.name;
        EXPECT_EQ(retry.gives_up, test.gives_up) << test.name;
    }
}

}  // namespace
}  // namespace bank
