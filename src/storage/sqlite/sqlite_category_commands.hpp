#pragma once

#include <cstddef>
#include <string_view>

#include "ledger/write_command.hpp"

namespace bank {

class SqliteConnection;

// Applies the category commands on the writer's connection, inside the savepoint the
// writer opened: recategorising a transaction (its rollups follow in the same savepoint)
// and the user's category rules. A refusal is returned before anything changes.
class SqliteCategoryCommands {
public:
    explicit SqliteCategoryCommands(SqliteConnection& connection) : connection_(connection) {}

    WriteResult apply(const Recategorize& command);
    WriteResult apply(const CreateCategoryRule& command);
    WriteResult apply(const DeleteCategoryRule& command);

private:
    std::size_t count_rules(std::string_view user_id);

    SqliteConnection& connection_;
};

}  // namespace bank
