#pragma once

// What the C++ tests that write through a Store share: a scratch folder, waiting for the
// writer's answer, and a person or an account made the way the services make them.

#include <filesystem>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "ledger/model.hpp"
#include "ledger/store.hpp"
#include "ledger/write_command.hpp"

namespace bank::test {

// A fresh folder under the system's temporary directory, removed with all it holds.
class ScratchDirectory {
public:
    explicit ScratchDirectory(std::string_view prefix);
    ~ScratchDirectory();
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // The path of `name` inside the folder.
    std::string file(std::string_view name) const;

private:
    std::filesystem::path path_;
};

// Submits the command and waits for the writer's answer.
WriteResult write_and_wait(Store& store, WriteCommand command);

// Registers a person (with a placeholder password hash, created now by `clock`); a refused
// registration fails the calling test.
User add_test_user(Store& store, const Clock& clock, const std::string& email,
                   const std::string& full_name = "Ada Lovelace");

// Opens an account of the person; a refusal fails the calling test.
Account open_test_account(Store& store, const User& user, Money opening = {},
                          AccountType type = AccountType::checking);

// Runs SQL on a SQLite file past the store, to damage it on purpose; a failure fails the
// calling test.
void execute_sql(const std::string& path, const std::string& sql);

}  // namespace bank::test
