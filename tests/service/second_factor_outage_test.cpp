// A store that cannot be reached is an outage for second factors, never a pass: reading or
// writing a person's record throws StoreUnavailable (answered 503 by the pipeline), so no
// sign-in or step-up goes through because the record could not be read.
#include <gtest/gtest.h>

#include "service/second_factor_records.hpp"
#include "support/outage_store.hpp"

namespace bank {
namespace {

TEST(SecondFactorOutage, AnUnreachableStoreThrowsRatherThanAnsweringWithoutAFactor) {
    test::OutageStore store(test::OutageStore::Failing::everything);
    const ManualClock clock(from_micros(1'781'524'800'000'000));
    SecondFactorRecords records(store, SecretKey::generate(), clock);
    EXPECT_THROW(records.find("u1"), StoreUnavailable);
    int decided = 0;
    EXPECT_THROW(records.decide_and_write("u1",
                                          [&](const std::optional<SecondFactor>& current) {
                                              ++decided;
                                              return plan_totp_use(current, 1, ChallengeUse{});
                                          }),
                 StoreUnavailable);
    EXPECT_EQ(decided, 0) << "nothing is decided on a record that was not read";
}

}  // namespace
}  // namespace bank
