#include "support/store_helpers.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <future>
#include <memory>
#include <utility>

#include "core/limits.hpp"
#include "core/random.hpp"

namespace bank::test {

ScratchDirectory::ScratchDirectory(std::string_view prefix)
    : path_(std::filesystem::temp_directory_path() /
            (std::string(prefix) + "_" + random_token(8))) {
    std::filesystem::create_directories(path_);
}

ScratchDirectory::~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string ScratchDirectory::file(std::string_view name) const { return (path_ / name).string(); }

WriteResult write_and_wait(Store& store, WriteCommand command) {
    auto promise = std::make_shared<std::promise<WriteResult>>();
    auto outcome = promise->get_future();
    store.submit(std::move(command),
                 [promise](WriteResult result) { promise->set_value(std::move(result)); });
    return outcome.get();
}

User add_test_user(Store& store, const Clock& clock, const std::string& email,
                   const std::string& full_name) {
    User user;
    user.user_id = new_id();
    user.email = email;
    user.password_hash = "$2b$12$hash";
    user.full_name = full_name;
    user.phone = "555-0100";
    user.created_at = clock.now();
    EXPECT_EQ(write_and_wait(store, CreateUser{user}).status, WriteStatus::ok) << email;
    return user;
}

Account open_test_account(Store& store, const User& user, Money opening, AccountType type) {
    const WriteResult result = write_and_wait(
        store, OpenAccount{user.user_id, type, opening, limits::accounts_per_user_max});
    EXPECT_EQ(result.status, WriteStatus::ok) << user.email;
    return result.account.value_or(Account{});
}

void execute_sql(const std::string& path, const std::string& sql) {
    sqlite3* database = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &database), SQLITE_OK) << path;
    sqlite3_busy_timeout(database, 5000);
    EXPECT_EQ(sqlite3_exec(database, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(database) << "\n"
        << sql;
    sqlite3_close(database);
}

}  // namespace bank::test
