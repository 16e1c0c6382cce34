// The least recently used go first, by weight: what the report and history-window caches
// rely on to stay within their bounds.
#include "core/recency_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bank {
namespace {

TEST(RecencyCacheTest, FindsWhatWasKeptAndNothingElse) {
    RecencyCache<std::string> cache(10);
    cache.keep("a", "alpha", 1);
    ASSERT_NE(cache.find("a"), nullptr);
    EXPECT_EQ(*cache.find("a"), "alpha");
    EXPECT_EQ(cache.find("b"), nullptr);
}

TEST(RecencyCacheTest, KeepingUnderAKeyReplacesItsValueAndWeight) {
    RecencyCache<std::string> cache(10);
    cache.keep("a", "first", 4);
    cache.keep("a", "second", 3);
    EXPECT_EQ(*cache.find("a"), "second");
    EXPECT_EQ(cache.size(), 1U);
    EXPECT_EQ(cache.weight(), 3U);
}

TEST(RecencyCacheTest, DropsTheLeastRecentlyUsedUntilTheWeightsFit) {
    RecencyCache<int> cache(10);
    cache.keep("a", 1, 4);
    cache.keep("b", 2, 4);
    ASSERT_NE(cache.find("a"), nullptr);  // "b" is now the least recently used
    cache.keep("c", 3, 4);
    EXPECT_NE(cache.find("a"), nullptr);
    EXPECT_EQ(cache.find("b"), nullptr);
    EXPECT_NE(cache.find("c"), nullptr);
    EXPECT_EQ(cache.weight(), 8U);
}

TEST(RecencyCacheTest, AHeavyValueCanPushOutSeveral) {
    RecencyCache<int> cache(10);
    for (const char* key : {"a", "b", "c", "d", "e"}) cache.keep(key, 0, 2);
    cache.keep("big", 1, 7);
    EXPECT_EQ(cache.size(), 2U);  // "e" (2) and "big" (7)
    EXPECT_NE(cache.find("e"), nullptr);
    EXPECT_NE(cache.find("big"), nullptr);
}

TEST(RecencyCacheTest, AValueHeavierThanTheBudgetIsNotKeptAndDropsTheOldOne) {
    RecencyCache<int> cache(10);
    cache.keep("a", 1, 2);
    cache.keep("a", 2, 11);
    EXPECT_EQ(cache.find("a"), nullptr);
    EXPECT_EQ(cache.size(), 0U);
    EXPECT_EQ(cache.weight(), 0U);
}

TEST(RecencyCacheTest, TakeRemovesTheValueAndItsWeight) {
    RecencyCache<std::string> cache(10);
    cache.keep("a", "alpha", 6);
    const auto taken = cache.take("a");
    ASSERT_TRUE(taken.has_value());
    EXPECT_EQ(*taken, "alpha");
    EXPECT_FALSE(cache.take("a").has_value());
    EXPECT_EQ(cache.weight(), 0U);
    cache.keep("b", "beta", 10);  // the taken weight no longer counts
    EXPECT_NE(cache.find("b"), nullptr);
}

TEST(RecencyCacheTest, EraseIfDropsTheMatchingValuesAndTheirWeights) {
    RecencyCache<std::string> cache(10);
    cache.keep("a", "ann", 2);
    cache.keep("b", "bob", 3);
    cache.keep("c", "ann", 4);
    cache.erase_if([](const std::string& value) { return value == "ann"; });
    EXPECT_EQ(cache.find("a"), nullptr);
    EXPECT_EQ(cache.find("c"), nullptr);
    ASSERT_NE(cache.find("b"), nullptr);
    EXPECT_EQ(cache.weight(), 3U);
    cache.keep("d", "dee", 7);  // fits beside b only because the erased weights no longer count
    EXPECT_NE(cache.find("b"), nullptr);
}

TEST(RecencyCacheTest, ClearDropsEverything) {
    RecencyCache<std::string> cache(10);
    cache.keep("a", "alpha", 6);
    cache.clear();
    EXPECT_EQ(cache.size(), 0U);
    EXPECT_EQ(cache.weight(), 0U);
    EXPECT_EQ(cache.find("a"), nullptr);
    cache.keep("b", "beta", 10);
    EXPECT_NE(cache.find("b"), nullptr);
}

}  // namespace
}  // namespace bank
