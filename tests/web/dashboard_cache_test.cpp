#include "web/dashboard_cache.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <future>
#include <memory>

#include "core/random.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

constexpr std::int64_t start_micros = 1'768'435'200'000'000;  // 2026-01-15T00:00:00Z

TEST(DashboardCacheTest, PastesEachSessionsTokenIntoTheKeptPage) {
    ManualClock clock{from_micros(start_micros)};
    DashboardCache cache(clock, 1024 * 1024);
    const std::string& marker = cache.csrf_marker();
    const std::string page = "<a>" + marker + "</a><b>" + marker + "</b>";
    cache.keep(7, cache.today(), {"user-1", "account-1"}, page);
    const auto entry = cache.find("user-1");
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->version, 7U);
    EXPECT_EQ(entry->day, "2026-01-15");
    EXPECT_EQ(DashboardCache::page(*entry, "TOKEN-A"), "<a>TOKEN-A</a><b>TOKEN-A</b>");
    EXPECT_EQ(DashboardCache::page(*entry, "TOKEN-B"), "<a>TOKEN-B</a><b>TOKEN-B</b>");
    EXPECT_EQ(cache.find("user-2"), nullptr);
    cache.forget("user-1");
    EXPECT_EQ(cache.find("user-1"), nullptr);
    EXPECT_EQ(cache.bytes(), 0U);
}

TEST(DashboardCacheTest, KeepsAtMostItsBoundLeastRecentlyUsedOutFirst) {
    ManualClock clock{from_micros(start_micros)};
    const std::string page(1000, 'x');
    DashboardCache cache(clock, 3 * 1100);
    cache.keep(1, cache.today(), {"user-1"}, page);
    cache.keep(1, cache.today(), {"user-2"}, page);
    cache.keep(1, cache.today(), {"user-3"}, page);
    ASSERT_TRUE(cache.find("user-1"));  // now the most recently used
    cache.keep(1, cache.today(), {"user-4"}, page);
    EXPECT_LE(cache.bytes(), 3U * 1100);
    EXPECT_TRUE(cache.find("user-1"));
    EXPECT_EQ(cache.find("user-2"), nullptr) << "the least recently used went";
    EXPECT_TRUE(cache.find("user-3"));
    EXPECT_TRUE(cache.find("user-4"));
    cache.keep(2, cache.today(), {"user-5"}, std::string(4000, 'y'));
    EXPECT_EQ(cache.find("user-5"), nullptr) << "a page larger than the bound is not kept";
}

// An entry is valid only at the store's data version of the person and their accounts: every
// kind of write that changes what their dashboard shows must move it, and writes of other
// people must not.
class DashboardVersionTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = std::make_unique<SqliteStore>(path_, clock_);
        ada_ = add_user("ada@example.com");
        bob_ = add_user("bob@example.com");
        ada_account_ = open(ada_, 10'000);
        bob_account_ = open(bob_, 10'000);
    }
    void TearDown() override { store_.reset(); }

    WriteResult write(WriteCommand command) {
        return test::write_and_wait(*store_, std::move(command));
    }
    User add_user(const std::string& email) {
        return test::add_test_user(*store_, clock_, email, "Someone");
    }
    Account open(const User& user, std::int64_t cents) {
        return test::open_test_account(*store_, user, Money::from_cents(cents));
    }
    WriteResult post(PostingKind kind, const User& user, const Account& account, std::int64_t cents,
                     const std::string& to_number = "") {
        Posting command;
        command.kind = kind;
        command.user_id = user.user_id;
        command.account_id = account.account_id;
        command.to_account_number = to_number;
        command.amount = Money::from_cents(cents);
        command.description = "test";
        return write(command);
    }
    // Ada's dashboard as the controller keeps it, at the version read now.
    void keep_adas_dashboard() {
        std::vector<std::string> ids{ada_.user_id, ada_account_.account_id};
        const auto version = store_->data_version(ids);
        ASSERT_TRUE(version);
        cache_.keep(*version, cache_.today(), std::move(ids), "page");
    }
    // Whether GET /dashboard would serve Ada's kept page now: the controller's own rule.
    bool adas_dashboard_valid() {
        return cache_.find_valid(ada_.user_id, cache_.today(), [&](const auto& ids) {
            return store_->data_version(ids);
        }) != nullptr;
    }

    ManualClock clock_{from_micros(start_micros)};
    test::ScratchDirectory directory_{"bank_dashboard"};
    std::string path_ = directory_.file("bank.db");
    std::unique_ptr<SqliteStore> store_;
    DashboardCache cache_{clock_, 1024 * 1024};
    User ada_, bob_;
    Account ada_account_, bob_account_;
};

TEST_F(DashboardVersionTest, ADepositInvalidatesTheDashboard) {
    keep_adas_dashboard();
    EXPECT_TRUE(adas_dashboard_valid()) << "nothing changed yet";
    ASSERT_EQ(post(PostingKind::deposit, ada_, ada_account_, 500).status, WriteStatus::ok);
    EXPECT_FALSE(adas_dashboard_valid());
}

TEST_F(DashboardVersionTest, AnIncomingTransferFromAnotherPersonInvalidatesTheDashboard) {
    keep_adas_dashboard();
    ASSERT_EQ(
        post(PostingKind::transfer, bob_, bob_account_, 250, ada_account_.account_number).status,
        WriteStatus::ok);
    EXPECT_FALSE(adas_dashboard_valid()) << "Bob's transfer credited Ada's account";
}

TEST_F(DashboardVersionTest, RecategorisingInvalidatesTheDashboard) {
    const Transaction row =
        post(PostingKind::withdrawal, ada_, ada_account_, 100).transactions.at(0);
    keep_adas_dashboard();
    ASSERT_EQ(write(Recategorize{ada_.user_id, row.transaction_id, "groceries"}).status,
              WriteStatus::ok);
    EXPECT_FALSE(adas_dashboard_valid());
}

TEST_F(DashboardVersionTest, OpeningAnAccountAndAProfileChangeInvalidateTheDashboard) {
    keep_adas_dashboard();
    open(ada_, 0);
    EXPECT_FALSE(adas_dashboard_valid());
    keep_adas_dashboard();
    ASSERT_EQ(write(UpdateProfile{ada_.user_id, "Ada L", ""}).status, WriteStatus::ok);
    EXPECT_FALSE(adas_dashboard_valid());
}

TEST_F(DashboardVersionTest, OtherPeoplesWritesAndRefusedWritesLeaveItValid) {
    keep_adas_dashboard();
    ASSERT_EQ(post(PostingKind::deposit, bob_, bob_account_, 500).status, WriteStatus::ok);
    ASSERT_EQ(post(PostingKind::withdrawal, ada_, ada_account_, 1'000'000).status,
              WriteStatus::insufficient_funds);
    EXPECT_TRUE(adas_dashboard_valid());
}

TEST_F(DashboardVersionTest, AWriteByAnotherProcessInvalidatesTheDashboard) {
    keep_adas_dashboard();
    // Past this store, as `bank admin grant` or a second server on the same file would.
    sqlite3* database = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &database), SQLITE_OK);
    sqlite3_busy_timeout(database, 5000);
    EXPECT_EQ(sqlite3_exec(database, "UPDATE users SET role = 'admin'", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(database);
    EXPECT_FALSE(adas_dashboard_valid());
    keep_adas_dashboard();
    EXPECT_TRUE(adas_dashboard_valid());
    // The writer counts the other process's commit once more at its next batch (a needless
    // rebuild, never a stale page); after that, other people's writes leave it valid again.
    ASSERT_EQ(post(PostingKind::deposit, bob_, bob_account_, 500).status, WriteStatus::ok);
    keep_adas_dashboard();
    ASSERT_EQ(post(PostingKind::deposit, bob_, bob_account_, 500).status, WriteStatus::ok);
    EXPECT_TRUE(adas_dashboard_valid());
}

TEST_F(DashboardVersionTest, TheNextDayInvalidatesTheDashboard) {
    keep_adas_dashboard();
    clock_.advance(std::chrono::hours(24));
    EXPECT_FALSE(adas_dashboard_valid()) << "the month's figures are of another day";
}

}  // namespace
}  // namespace bank
