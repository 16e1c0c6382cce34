// ChangeFeedService: the cursor is the base64url of the last position served, checked by the
// engine before any read; the limit is 1..change_feed_page_max; an empty page keeps the cursor.
#include <gtest/gtest.h>

#include <string>

#include "core/limits.hpp"
#include "service/change_feed_service.hpp"
#include "support/outage_store.hpp"

namespace bank {
namespace {

// Positions are three digits; the feed holds 001..005.
class FakeFeed final : public ChangeFeedReads {
public:
    bool is_change_position(std::string_view position) const override {
        return position.size() == 3 &&
               position.find_first_not_of("0123456789") == std::string::npos;
    }
    ChangePage read_changes(std::string_view after, std::size_t limit) override {
        ++reads;
        last_after = std::string(after);
        last_limit = limit;
        ChangePage page;
        for (int at = 1; at <= 5; ++at) {
            std::string position = "00" + std::to_string(at);
            if (position <= after) continue;
            if (page.changes.size() == limit) {
                page.has_more = true;
                break;
            }
            Change change;
            change.position = position;
            change.posting.transaction_id = "t" + position;
            page.changes.push_back(change);
        }
        return page;
    }
    int reads = 0;
    std::string last_after;
    std::size_t last_limit = 0;
};

TEST(ChangeFeedServiceTest, PagesWithTheCursorOfTheLastPostingServed) {
    FakeFeed feed;
    ChangeFeedService service(feed);
    const auto first = service.read("", "2");
    ASSERT_TRUE(first);
    ASSERT_EQ(first.value().changes.size(), 2u);
    EXPECT_TRUE(first.value().has_more);
    EXPECT_EQ(first.value().next_cursor, ChangeFeedService::cursor_of("002"));
    EXPECT_EQ(first.value().next_cursor.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << "base64url, safe in a query string";

    const auto rest = service.read(first.value().next_cursor, "");
    ASSERT_TRUE(rest);
    EXPECT_EQ(feed.last_after, "002");
    EXPECT_EQ(feed.last_limit, limits::change_feed_page_default);
    ASSERT_EQ(rest.value().changes.size(), 3u);
    EXPECT_FALSE(rest.value().has_more);

    const auto nothing_new = service.read(rest.value().next_cursor, "10");
    ASSERT_TRUE(nothing_new);
    EXPECT_TRUE(nothing_new.value().changes.empty());
    EXPECT_EQ(nothing_new.value().next_cursor, rest.value().next_cursor) << "resume from there";
}

TEST(ChangeFeedServiceTest, AMalformedCursorOrLimitNamesItsFieldAndReadsNothing) {
    FakeFeed feed;
    ChangeFeedService service(feed);
    struct Case {
        const char* cursor;
        const char* limit;
        const char* field;
    };
    const std::string not_a_position = ChangeFeedService::cursor_of("12345");
    const Case cases[] = {
        {"!!!", "", "cursor"},
        {"MDA", "", "cursor"},  // "00": base64url, but no position of this feed
        {not_a_position.c_str(), "", "cursor"},
        {"", "0", "limit"},
        {"", "1001", "limit"},
        {"", "-1", "limit"},
        {"", "7x", "limit"},
        {"", "ten", "limit"},
    };
    for (const Case& c : cases) {
        const auto page = service.read(c.cursor, c.limit);
        ASSERT_FALSE(page) << c.cursor << " " << c.limit;
        EXPECT_EQ(page.error().code, ErrorCode::validation_failed);
        EXPECT_EQ(page.error().field, c.field) << c.cursor << " " << c.limit;
        EXPECT_NE(page.error().message.find(c.field), std::string::npos) << page.error().message;
    }
    EXPECT_EQ(feed.reads, 0);
    EXPECT_TRUE(service.read("", "1000")) << "the largest page";
    EXPECT_TRUE(service.read("", "1")) << "the smallest page";
}

// An outage is not hidden as an empty feed (the pipeline answers 503).
TEST(ChangeFeedServiceTest, AnOutageOfTheStoreIsNotAnEmptyPage) {
    test::OutageStore store(test::OutageStore::Failing::everything);
    ChangeFeedService service(store);
    EXPECT_THROW((void)service.read("", "7"), StoreUnavailable);
}

}  // namespace
}  // namespace bank
