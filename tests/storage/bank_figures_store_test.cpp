// The bank-wide figures, run against each engine (SQLite always, DynamoDB when
// BANK_TEST_DYNAMODB_ENDPOINT is set): after a mix of registrations, openings, deposits,
// withdrawals, transfers (own and to others), a batch of transfers and a reversal, the
// figures each write kept equal what the rows make of them (verify_bank_figures, which
// computes them from the rows alone), the admin reads find them, the locked and disabled
// people are found through their indexes, and verify catches a tampered figure.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/bank_figure_limits.hpp"
#include "core/limits.hpp"
#include "ledger/activity.hpp"
#include "ledger/bank_figure_verifier.hpp"
#include "ledger/bank_figures.hpp"
#include "ledger/interest_rate.hpp"
#include "storage/dynamodb/dynamodb_bank_figures.hpp"
#include "storage/dynamodb/dynamodb_store.hpp"
#include "storage/dynamodb/dynamodb_tables.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/engine_store_test.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

Money cents(std::int64_t value) { return Money::from_cents(value); }

class BankFiguresStoreTest : public test::EngineStoreTest {
protected:
    BankFiguresStoreTest() : EngineStoreTest("figures") {}

    void SetUp() override {
        EngineStoreTest::SetUp();
        if (IsSkipped()) return;
        ada_ = test::add_test_user(*store_, clock_, "ada@example.com");
        bob_ = test::add_test_user(*store_, clock_, "bob@example.com", "Bob");
        checking_ = test::open_test_account(*store_, ada_, cents(100'00));
        savings_ = test::open_test_account(*store_, ada_, {}, AccountType::savings);
        bobs_ = test::open_test_account(*store_, bob_, cents(5'00));
    }

    WriteResult post(PostingKind kind, const Account& account, std::int64_t amount,
                     const Account* payee = nullptr) {
        clock_.advance(std::chrono::seconds(1));
        Posting posting;
        posting.kind = kind;
        posting.user_id = account.user_id;
        posting.account_id = account.account_id;
        posting.amount = cents(amount);
        posting.description = "test";
        if (payee) posting.to_account_number = payee->account_number;
        return test::write_and_wait(*store_, posting);
    }

    // The mix of writes every test starts from.
    void write_the_mix() {
        ASSERT_EQ(post(PostingKind::deposit, checking_, 50'00).status, WriteStatus::ok);
        ASSERT_EQ(post(PostingKind::withdrawal, checking_, 20'00).status, WriteStatus::ok);
        ASSERT_EQ(post(PostingKind::transfer, checking_, 30'00, &savings_).status, WriteStatus::ok);
        const WriteResult to_bob = post(PostingKind::transfer, checking_, 10'00, &bobs_);
        ASSERT_EQ(to_bob.status, WriteStatus::ok);
        ASSERT_EQ(post(PostingKind::withdrawal, checking_, 1'000'00).status,
                  WriteStatus::insufficient_funds)
            << "a refused posting counts nothing";
        PostingBatch batch{ada_.user_id, {}, "", ""};
        for (std::int64_t amount : {7'00, 3'00}) {
            Posting item;
            item.kind = PostingKind::transfer;
            item.user_id = ada_.user_id;
            item.account_id = savings_.account_id;
            item.to_account_number = bobs_.account_number;
            item.amount = cents(amount);
            item.description = "batch";
            batch.items.push_back(item);
        }
        const WriteResult batched = test::write_and_wait(*store_, batch);
        ASSERT_EQ(batched.items.size(), 2u);
        for (const WriteResult& item : batched.items) ASSERT_EQ(item.status, WriteStatus::ok);
        const WriteResult reversed = test::write_and_wait(
            *store_, ReversePosting{to_bob.transactions.front().transaction_id, "undo"});
        ASSERT_EQ(reversed.status, WriteStatus::ok);
    }

    std::int64_t figure_total(std::string_view figure, const std::string& period,
                              const std::string& item, bool count = false) {
        for (const BankFigure& found : store_->read_bank_figures(figure, {period})) {
            if (found.item == item) return count ? found.count : found.total.cents();
        }
        return 0;
    }

    User ada_;
    User bob_;
    Account checking_;
    Account savings_;
    Account bobs_;
};

TEST_P(BankFiguresStoreTest, TheFiguresEqualWhatTheRowsMakeOfThem) {
    write_the_mix();
    const BankFigureVerifyReport report = verify_bank_figures(*store_, *store_);
    EXPECT_TRUE(report.ok);
    for (const auto& problem : report.problems) ADD_FAILURE() << problem;
    EXPECT_GT(report.figures, 0);
    EXPECT_EQ(report.days, 1);

    const std::string today = format_date(clock_.now());
    EXPECT_EQ(figure_total(bank_figure::people, "", "", true), 2);
    EXPECT_EQ(figure_total(bank_figure::signups, week_of(clock_.now()), "accounts", true), 3);
    EXPECT_EQ(figure_total(bank_figure::balances, "", "checking", true), 2);
    EXPECT_EQ(figure_total(bank_figure::balances, "", "savings", true), 1);
    std::int64_t balances = 0;
    store_->for_each_account([&](const Account& account) { balances += account.balance.cents(); });
    EXPECT_EQ(figure_total(bank_figure::balances, "", "checking") +
                  figure_total(bank_figure::balances, "", "savings"),
              balances);
    EXPECT_EQ(balances, 100'00 + 5'00 + 50'00 - 20'00);
    EXPECT_EQ(figure_total(bank_figure::deposits, "", "checking", true), 3);
    EXPECT_EQ(figure_total(bank_figure::volume, today, "transfer checking>savings own"), 30'00);
    EXPECT_EQ(figure_total(bank_figure::volume, today, "transfer savings>checking others"), 10'00);
    EXPECT_EQ(figure_total(bank_figure::volume, today, "transfer checking>checking others", true),
              2)
        << "the transfer to Bob and its reversal, from Bob's account back";

    const std::vector<Transaction> largest = store_->largest_transfers_of({today});
    std::vector<std::int64_t> amounts;
    for (const Transaction& row : largest) amounts.push_back(row.amount.cents());
    std::sort(amounts.rbegin(), amounts.rend());
    EXPECT_EQ(amounts, (std::vector<std::int64_t>{30'00, 10'00, 10'00, 7'00, 3'00}));
}

TEST_P(BankFiguresStoreTest, OnlyTheLargestTransfersOfADayAreKept) {
    for (std::int64_t amount = 1; amount <= 14; ++amount) {
        ASSERT_EQ(post(PostingKind::transfer, checking_, amount, &bobs_).status, WriteStatus::ok);
    }
    const auto largest = store_->largest_transfers_of({format_date(clock_.now())});
    ASSERT_EQ(largest.size(), limits::bank_top_transfers_per_day);
    for (const Transaction& row : largest) EXPECT_GT(row.amount.cents(), 4);
    EXPECT_TRUE(verify_bank_figures(*store_, *store_).ok);
}

// /admin lists a day's largest transfers with their categories: a recategorised transfer shows
// its new one, and verify names a kept category that differs from the row's.
TEST_P(BankFiguresStoreTest, ARecategorisedTransferKeepsItsNewCategoryAmongTheLargest) {
    const WriteResult paid = post(PostingKind::transfer, checking_, 40'00, &bobs_);
    ASSERT_EQ(paid.status, WriteStatus::ok);
    const Transaction leg = paid.transactions.front();
    ASSERT_EQ(leg.transaction_type, TransactionType::transfer_out);
    ASSERT_EQ(test::write_and_wait(*store_, Recategorize{ada_.user_id, leg.transaction_id, "rent"})
                  .status,
              WriteStatus::ok);
    const auto largest = store_->largest_transfers_of({format_date(clock_.now())});
    ASSERT_EQ(largest.size(), 1u);
    EXPECT_EQ(largest[0].transaction_id, leg.transaction_id);
    EXPECT_EQ(largest[0].category, "rent");
    EXPECT_EQ(largest[0].amount, cents(40'00));
    EXPECT_TRUE(verify_bank_figures(*store_, *store_).ok);

    Transaction stale = leg;
    stale.category = "groceries";
    if (GetParam() == "sqlite") {
        store_->shutdown();
        store_.reset();
        test::execute_sql(directory_.file("bank.db"),
                          "UPDATE bank_top_transfers SET category = 'groceries'");
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
    } else {
        const boost::json::object put = DynamoDbBankFigures::largest_item(
            DynamoDbTables(config_->table_prefix).bank_figures, stale);
        client_->call("PutItem", put.at("Put").as_object());
    }
    const BankFigureVerifyReport report = verify_bank_figures(*store_, *store_);
    EXPECT_FALSE(report.ok);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_NE(report.problems[0].find("category \"groceries\", its row has \"rent\""),
              std::string::npos)
        << report.problems[0];
}

// On DynamoDB each leg's largest-item sits in the shard its id picks; the day's top N is merged
// from each shard's own top N, so a shard holding more than N small ones changes nothing.
TEST_P(BankFiguresStoreTest, TheLargestTransfersOfADayComeFromManyShards) {
    std::map<std::string, std::int64_t> legs;  // by transaction id
    for (std::int64_t amount = 1; amount <= 30; ++amount) {
        const WriteResult paid = post(PostingKind::transfer, checking_, amount, &bobs_);
        ASSERT_EQ(paid.status, WriteStatus::ok);
        legs[paid.transactions.front().transaction_id] = amount;
    }
    const std::string today = format_date(clock_.now());
    const auto expect_the_top = [&] {
        std::vector<std::int64_t> amounts;
        std::set<std::size_t> shards;
        for (const Transaction& row : store_->largest_transfers_of({today})) {
            amounts.push_back(row.amount.cents());
            EXPECT_EQ(legs.at(row.transaction_id), row.amount.cents());
            shards.insert(DynamoDbBankFigures::shard_of(row.transaction_id));
        }
        std::sort(amounts.rbegin(), amounts.rend());
        EXPECT_EQ(amounts, (std::vector<std::int64_t>{30, 29, 28, 27, 26, 25, 24, 23, 22, 21}));
        EXPECT_GT(shards.size(), 1u) << "ten ids of eight shards";
        const BankFigureVerifyReport report = verify_bank_figures(*store_, *store_);
        EXPECT_TRUE(report.ok);
        for (const auto& problem : report.problems) ADD_FAILURE() << problem;
    };
    expect_the_top();
    if (GetParam() != "dynamodb") return;
    const std::string table = DynamoDbTables(config_->table_prefix).bank_figures;
    std::map<std::size_t, std::size_t> per_shard;
    for (const auto& [id, amount] : legs) ++per_shard[DynamoDbBankFigures::shard_of(id)];
    EXPECT_GT(per_shard.size(), 1u);
    for (std::size_t shard = 0; shard < limits::bank_figure_shards; ++shard) {
        const boost::json::object answer = client_->call(
            "Query", boost::json::object{
                         {"TableName", table},
                         {"KeyConditionExpression", "figure_key = :key"},
                         {"ExpressionAttributeValues",
                          boost::json::object{
                              {":key", {{"S", DynamoDbBankFigures::largest_key(today, shard)}}}}},
                         {"ConsistentRead", true}});
        EXPECT_EQ(answer.at("Items").as_array().size(), per_shard[shard]) << "shard " << shard;
    }
    // Shard 0 gets more than N smaller legs (ids that pick it): its own top N are all below the
    // day's, and the day's top N is unchanged.
    std::size_t added = 0;
    for (int candidate = 0; added < limits::bank_top_transfers_per_day + 2; ++candidate) {
        Transaction small;
        small.transaction_id = "small-" + std::to_string(candidate);
        if (DynamoDbBankFigures::shard_of(small.transaction_id) != 0) continue;
        small.amount = cents(1);
        small.timestamp = clock_.now();
        client_->call("PutItem",
                      DynamoDbBankFigures::largest_item(table, small).at("Put").as_object());
        legs[small.transaction_id] = 1;
        ++added;
    }
    expect_the_top();
}

// A kept largest transfer changed (SQLite), or one that no row makes in another shard
// (DynamoDB): verify names the day.
TEST_P(BankFiguresStoreTest, VerifyCatchesATamperedLargestTransfer) {
    write_the_mix();
    ASSERT_TRUE(verify_bank_figures(*store_, *store_).ok);
    const std::string today = format_date(clock_.now());
    if (GetParam() == "sqlite") {
        store_->shutdown();
        store_.reset();
        test::execute_sql(directory_.file("bank.db"),
                          "UPDATE bank_top_transfers SET amount = amount + 1 WHERE amount = 3000");
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
    } else {
        Transaction stray;
        stray.amount = cents(50'00);
        stray.timestamp = clock_.now();
        for (int candidate = 0; stray.transaction_id.empty() ||
                                DynamoDbBankFigures::shard_of(stray.transaction_id) != 5;
             ++candidate) {
            stray.transaction_id = "stray-" + std::to_string(candidate);
        }
        client_->call("PutItem", DynamoDbBankFigures::largest_item(
                                     DynamoDbTables(config_->table_prefix).bank_figures, stray)
                                     .at("Put")
                                     .as_object());
    }
    const BankFigureVerifyReport report = verify_bank_figures(*store_, *store_);
    EXPECT_FALSE(report.ok);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_NE(report.problems[0].find("the largest transfers of " + today), std::string::npos)
        << report.problems[0];
}

// DynamoDB lets a day's largest transfers expire limits::bank_largest_transfers_retention after
// the day began (time-to-live; DynamoDB Local accepts the setting but deletes nothing, so the
// test deletes what has expired, as the service would). Forty days on, the old day's items are
// gone there and kept on SQLite; the overview's window reads the same on both, and verify
// compares the days still kept and finds nothing wrong.
TEST_P(BankFiguresStoreTest, TheLargestTransfersOfDaysPastTheRetentionExpire) {
    const WriteResult old = post(PostingKind::transfer, checking_, 12'00, &bobs_);
    ASSERT_EQ(old.status, WriteStatus::ok);
    const std::string old_day = format_date(clock_.now());
    clock_.advance(std::chrono::days(40));
    ASSERT_EQ(post(PostingKind::transfer, checking_, 3'00, &bobs_).status, WriteStatus::ok);
    const std::string today = format_date(clock_.now());
    if (GetParam() == "dynamodb") {
        const std::string table = DynamoDbTables(config_->table_prefix).bank_figures;
        const auto now_seconds =
            std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch())
                .count();
        int expiring = 0;
        const auto scan = client_->call("Scan", boost::json::object{{"TableName", table}});
        for (const auto& value : scan.at("Items").as_array()) {
            const auto& item = value.as_object();
            if (!item.contains("expires_at_seconds")) continue;  // counters never expire
            ++expiring;
            const auto expires =
                std::stoll(std::string(item.at("expires_at_seconds").at("N").as_string()));
            const auto at =
                from_micros(std::stoll(std::string(item.at("timestamp").at("N").as_string())));
            EXPECT_EQ(expires, largest_transfer_expiry_seconds(at));
            if (expires >= now_seconds) continue;
            client_->call("DeleteItem",
                          boost::json::object{
                              {"TableName", table},
                              {"Key", boost::json::object{{"figure_key", item.at("figure_key")},
                                                          {"item_key", item.at("item_key")}}}});
        }
        EXPECT_EQ(expiring, 2) << "one item per transfer";
        EXPECT_TRUE(store_->largest_transfers_of({old_day}).empty()) << "expired";
        EXPECT_EQ(store_->largest_transfers_kept_since(),
                  largest_transfers_kept_since(clock_.now()));
    } else {
        EXPECT_EQ(store_->largest_transfers_of({old_day}).size(), 1u) << "SQLite keeps every day";
        EXPECT_TRUE(store_->largest_transfers_kept_since().empty());
    }
    EXPECT_LT(old_day, store_->largest_transfers_kept_since().empty()
                           ? today
                           : store_->largest_transfers_kept_since());
    std::vector<std::string> window;
    for (int back = 29; back >= 0; --back) {
        window.push_back(format_date(clock_.now() - std::chrono::days(back)));
    }
    const auto shown = store_->largest_transfers_of(window);
    ASSERT_EQ(shown.size(), 1u) << "the overview's 30 days read the same on both engines";
    EXPECT_EQ(shown[0].amount, cents(3'00));
    const BankFigureVerifyReport report = verify_bank_figures(*store_, *store_);
    EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_EQ(report.days, GetParam() == "dynamodb" ? 1 : 2) << "only the days still kept";
}

// The markers themselves (ledger/activity.hpp), not only the counts they guard: one missing
// (the person would be counted again) and one no posting makes (they would never be).
TEST_P(BankFiguresStoreTest, VerifyCatchesAMissingAndAnExtraActivityMarker) {
    write_the_mix();
    const BankFigureVerifyReport before = verify_bank_figures(*store_, *store_);
    ASSERT_TRUE(before.ok);
    EXPECT_EQ(before.markers, 2) << "ada and bob, this month";
    const std::string month = format_month(clock_.now());
    if (GetParam() == "sqlite") {
        store_->shutdown();
        store_.reset();
        test::execute_sql(directory_.file("bank.db"),
                          "DELETE FROM bank_active_months WHERE user_id = '" + ada_.user_id +
                              "'; INSERT INTO bank_active_months (user_id, month) VALUES ('" +
                              bob_.user_id + "', '2020-01')");
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
    } else {
        const std::string table = DynamoDbTables(config_->table_prefix).bank_figures;
        client_->call("DeleteItem",
                      boost::json::object{
                          {"TableName", table},
                          {"Key", DynamoDbBankFigures::activity_marker_key(ada_.user_id, month)}});
        client_->call("PutItem",
                      boost::json::object{{"TableName", table},
                                          {"Item", DynamoDbBankFigures::activity_marker_key(
                                                       bob_.user_id, "2020-01")}});
    }
    const BankFigureVerifyReport report = verify_bank_figures(*store_, *store_);
    EXPECT_FALSE(report.ok);
    ASSERT_EQ(report.problems.size(), 2u);
    EXPECT_EQ(report.problems[0], "activity marker missing: " + ada_.user_id + " " + month +
                                      " (the rows make them active)");
    EXPECT_EQ(report.problems[1], "activity marker without a posting: " + bob_.user_id +
                                      " 2020-01 (no row makes them active)");
}

TEST_P(BankFiguresStoreTest, LockedAndDisabledPeopleAreFoundThroughTheirIndexes) {
    const Timestamp until = clock_.now() + limits::lock_duration;
    ASSERT_EQ(test::write_and_wait(*store_, RecordLoginFailure{bob_.user_id, 1, until}).status,
              WriteStatus::ok);
    ASSERT_EQ(test::write_and_wait(*store_, RecordLoginSuccess{ada_.user_id}).status,
              WriteStatus::ok);
    ASSERT_EQ(test::write_and_wait(*store_, SetUserDisabled{ada_.user_id, true}).status,
              WriteStatus::ok);
    std::vector<std::string> locked;
    EXPECT_TRUE(store_->for_each_locked_user(
        clock_.now(), 10, [&](const User& user) { locked.push_back(user.email); }));
    EXPECT_EQ(locked, std::vector<std::string>{"bob@example.com"});
    std::vector<std::string> disabled;
    EXPECT_TRUE(store_->for_each_disabled_user(
        10, [&](const User& user) { disabled.push_back(user.email); }));
    EXPECT_EQ(disabled, std::vector<std::string>{"ada@example.com"});
    EXPECT_FALSE(store_->for_each_disabled_user(0, [](const User&) {})) << "a list cut at 0";

    locked.clear();
    EXPECT_TRUE(store_->for_each_locked_user(until, 10, [&](const User& user) {
        locked.push_back(user.email);
    })) << "a lock that ended lists no one";
    EXPECT_TRUE(locked.empty());
    ASSERT_EQ(test::write_and_wait(*store_, SetUserDisabled{ada_.user_id, false}).status,
              WriteStatus::ok);
    disabled.clear();
    store_->for_each_disabled_user(10, [&](const User& user) { disabled.push_back(user.email); });
    EXPECT_TRUE(disabled.empty());
}

TEST_P(BankFiguresStoreTest, VerifyCatchesATamperedFigure) {
    write_the_mix();
    ASSERT_TRUE(verify_bank_figures(*store_, *store_).ok);
    if (GetParam() == "sqlite") {
        store_->shutdown();
        store_.reset();
        test::execute_sql(directory_.file("bank.db"),
                          "UPDATE bank_figures SET total = total + 1 "
                          "WHERE figure = 'balances' AND item = 'savings'");
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
    } else {
        // One more shard item of the people's count, as a stray write would leave it.
        client_->call(
            "PutItem",
            boost::json::object{{"TableName", DynamoDbTables(config_->table_prefix).bank_figures},
                                {"Item", boost::json::object{{"figure_key", {{"S", "balances#7"}}},
                                                             {"item_key", {{"S", "#savings"}}},
                                                             {"figure", {{"S", "balances"}}},
                                                             {"period", {{"S", ""}}},
                                                             {"item", {{"S", "savings"}}},
                                                             {"count", {{"N", "0"}}},
                                                             {"total", {{"N", "1"}}}}}});
    }
    const BankFigureVerifyReport report = verify_bank_figures(*store_, *store_);
    EXPECT_FALSE(report.ok);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_NE(report.problems[0].find("balances - savings"), std::string::npos)
        << report.problems[0];
}

// A store whose figures are missing or wrong (written before they existed) gets them from the
// rows: SQLite's schema 20 when it opens a schema 19 file, DynamoDB's rebuild (`bank
// setup-dynamodb`), which also sets the index key of people locked before the index existed.
TEST_P(BankFiguresStoreTest, TheFillFromTheRowsMakesWhatTheWritesKept) {
    write_the_mix();
    const Timestamp until = clock_.now() + limits::lock_duration;
    ASSERT_EQ(test::write_and_wait(*store_, RecordLoginFailure{bob_.user_id, 1, until}).status,
              WriteStatus::ok);
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> kept;
    store_->for_each_bank_figure([&](const BankFigure& figure) {
        kept[figure.figure + "|" + figure.period + "|" + figure.item] = {figure.count,
                                                                         figure.total.cents()};
    });
    if (GetParam() == "sqlite") {
        store_->shutdown();
        store_.reset();
        test::execute_sql(directory_.file("bank.db"),
                          "DELETE FROM bank_figures; DELETE FROM bank_top_transfers; "
                          "DELETE FROM bank_active_months; "
                          "DROP INDEX users_locked; PRAGMA user_version = 19;");
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
    } else {
        const std::string users = DynamoDbTables(config_->table_prefix).users;
        client_->call(
            "UpdateItem",
            boost::json::object{{"TableName", users},
                                {"Key", boost::json::object{{"user_id", {{"S", bob_.user_id}}}}},
                                {"UpdateExpression", "REMOVE locked_queue"}});
        EXPECT_GT(dynamic_cast<DynamoDbStore&>(*store_).rebuild_bank_figures(), 0u);
    }
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> filled;
    store_->for_each_bank_figure([&](const BankFigure& figure) {
        filled[figure.figure + "|" + figure.period + "|" + figure.item] = {figure.count,
                                                                           figure.total.cents()};
    });
    EXPECT_EQ(filled, kept);
    EXPECT_TRUE(verify_bank_figures(*store_, *store_).ok);
    EXPECT_EQ(store_->largest_transfers_of({format_date(clock_.now())}).size(), 5u);
    std::vector<std::string> locked;
    store_->for_each_locked_user(clock_.now(), 10,
                                 [&](const User& user) { locked.push_back(user.email); });
    EXPECT_EQ(locked, std::vector<std::string>{"bob@example.com"});
    // The markers came back with the figures: a posting in a month counted adds nothing.
    ASSERT_EQ(post(PostingKind::deposit, savings_, 1'00).status, WriteStatus::ok);
    ASSERT_EQ(post(PostingKind::deposit, bobs_, 1'00).status, WriteStatus::ok);
    EXPECT_EQ(figure_total(bank_figure::active, format_month(clock_.now()), "", true), 2);
    EXPECT_TRUE(verify_bank_figures(*store_, *store_).ok);
}

// Active customers and cohorts (ledger/activity.hpp): people registered in two months, with
// postings in two months, counted once per person and month; a transfer makes its sender
// active, not its receiver.
TEST_P(BankFiguresStoreTest, ActiveCustomersAndCohortsCountEachPersonOncePerMonth) {
    const std::string first = format_month(clock_.now());
    // ada and bob's opening deposits made them active in the first month.
    const User carol = test::add_test_user(*store_, clock_, "carol@example.com", "Carol");
    const Account carols = test::open_test_account(*store_, carol, {});
    clock_.advance(std::chrono::hours(24 * 35));
    const std::string second = format_month(clock_.now());
    ASSERT_NE(first, second);
    const User dave = test::add_test_user(*store_, clock_, "dave@example.com", "Dave");
    const Account daves = test::open_test_account(*store_, dave, {});

    ASSERT_EQ(post(PostingKind::deposit, carols, 10'00).status, WriteStatus::ok);
    ASSERT_EQ(post(PostingKind::deposit, carols, 2'00).status, WriteStatus::ok)
        << "a second posting of the month adds nothing";
    ASSERT_EQ(post(PostingKind::transfer, bobs_, 3'00, &daves).status, WriteStatus::ok)
        << "bob is active, dave (who received) is not yet";
    EXPECT_EQ(figure_total(bank_figure::active, second, "", true), 2);
    ASSERT_EQ(post(PostingKind::transfer, daves, 1'00, &carols).status, WriteStatus::ok);
    // Interest is the bank's doing: ada's savings earn some, and ada stays inactive.
    Posting interest;
    interest.kind = PostingKind::deposit;
    interest.user_id = ada_.user_id;
    interest.account_id = savings_.account_id;
    interest.amount = cents(12);
    interest.description = "Interest";
    interest.idempotency_key = interest_key(savings_.account_id, *parse_month(first));
    interest.request_fingerprint = interest.idempotency_key;
    ASSERT_EQ(test::write_and_wait(*store_, interest).status, WriteStatus::ok);

    EXPECT_EQ(figure_total(bank_figure::active, first, "", true), 2) << "ada and bob";
    EXPECT_EQ(figure_total(bank_figure::active, second, "", true), 3) << "carol, bob, dave";
    EXPECT_EQ(figure_total(bank_figure::cohort, first, "", true), 3) << "ada, bob, carol";
    EXPECT_EQ(figure_total(bank_figure::cohort, first, first, true), 2);
    EXPECT_EQ(figure_total(bank_figure::cohort, first, second, true), 2) << "bob and carol";
    EXPECT_EQ(figure_total(bank_figure::cohort, second, "", true), 1) << "dave";
    EXPECT_EQ(figure_total(bank_figure::cohort, second, second, true), 1);
    const BankFigureVerifyReport report = verify_bank_figures(*store_, *store_);
    EXPECT_TRUE(report.ok);
    for (const auto& problem : report.problems) ADD_FAILURE() << problem;
}

// Two servers counting one person at once (on DynamoDB a second store on the same tables; on
// SQLite the one writer serialises them): each posts from another account of ada's, so no
// account's active_month can spare the marker, and the person is still counted once.
TEST_P(BankFiguresStoreTest, TwoServersCountAPersonOnceAMonth) {
    clock_.advance(std::chrono::hours(24 * 35));
    const std::string month = format_month(clock_.now());
    ASSERT_EQ(post(PostingKind::transfer, checking_, 40'00, &savings_).status, WriteStatus::ok);
    EXPECT_EQ(figure_total(bank_figure::active, month, "", true), 1);
    clock_.advance(std::chrono::hours(24 * 35));
    const std::string next = format_month(clock_.now());
    std::unique_ptr<Store> other;
    if (GetParam() == "dynamodb") other = std::make_unique<DynamoDbStore>(*config_, clock_);
    Store& second = other ? *other : *store_;
    const auto withdraw = [&](Store& store, const Account& account) {
        for (int round = 0; round < 4; ++round) {
            Posting posting;
            posting.kind = PostingKind::withdrawal;
            posting.user_id = account.user_id;
            posting.account_id = account.account_id;
            posting.amount = cents(1'00);
            posting.description = "at once";
            EXPECT_EQ(test::write_and_wait(store, posting).status, WriteStatus::ok);
        }
    };
    std::thread one([&] { withdraw(*store_, checking_); });
    std::thread two([&] { withdraw(second, savings_); });
    one.join();
    two.join();
    if (other) other->shutdown();
    EXPECT_EQ(figure_total(bank_figure::active, next, "", true), 1);
    EXPECT_EQ(figure_total(bank_figure::cohort, format_month(ada_.created_at), next, true), 1);
    const BankFigureVerifyReport report = verify_bank_figures(*store_, *store_);
    EXPECT_TRUE(report.ok);
    for (const auto& problem : report.problems) ADD_FAILURE() << problem;
}

TEST_P(BankFiguresStoreTest, VerifyCatchesATamperedActiveCount) {
    write_the_mix();
    const std::string month = format_month(clock_.now());
    if (GetParam() == "sqlite") {
        store_->shutdown();
        store_.reset();
        test::execute_sql(directory_.file("bank.db"),
                          "UPDATE bank_figures SET count = count + 1 WHERE figure = 'active'");
        store_ = std::make_unique<SqliteStore>(directory_.file("bank.db"), clock_);
    } else {
        // One more shard item of the month's active people, as a second count would leave it.
        client_->call("PutItem",
                      boost::json::object{
                          {"TableName", DynamoDbTables(config_->table_prefix).bank_figures},
                          {"Item", boost::json::object{{"figure_key", {{"S", "active#7"}}},
                                                       {"item_key", {{"S", month + "#extra"}}},
                                                       {"figure", {{"S", "active"}}},
                                                       {"period", {{"S", month}}},
                                                       {"item", {{"S", ""}}},
                                                       {"count", {{"N", "1"}}},
                                                       {"total", {{"N", "0"}}}}}});
    }
    const BankFigureVerifyReport report = verify_bank_figures(*store_, *store_);
    EXPECT_FALSE(report.ok);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_NE(report.problems[0].find("active " + month), std::string::npos) << report.problems[0];
}

INSTANTIATE_TEST_SUITE_P(Engines, BankFiguresStoreTest, ::testing::Values("sqlite", "dynamodb"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             return info.param;
                         });

}  // namespace
}  // namespace bank
