// Which SQLite failures are outages (answered 503 by the pipeline) and which are defects of a
// statement (500, or handled where they happen, as a UNIQUE violation is).

#include "storage/sqlite/sqlite_error.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "storage/sqlite/sqlite_store.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

struct CodeCase {
    const char* name;
    int code;
    bool outage;
};

class SqliteErrorCode : public ::testing::TestWithParam<CodeCase> {};

TEST_P(SqliteErrorCode, IsAnOutageOnlyWhenTheDatabaseCannotBeUsedNow) {
    const CodeCase& test = GetParam();
    try {
        throw_sqlite_error(nullptr, test.code, "reading the accounts");
        FAIL() << "nothing thrown";
    } catch (const StoreUnavailable& error) {
        EXPECT_TRUE(test.outage) << error.what();
        EXPECT_NE(std::string(error.what()).find("reading the accounts"), std::string::npos);
    } catch (const SqliteError& error) {
        EXPECT_FALSE(test.outage) << error.what();
        EXPECT_EQ(error.code(), test.code);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Codes, SqliteErrorCode,
    ::testing::Values(
        CodeCase{"busy", SQLITE_BUSY, true},
        CodeCase{"locked_sharedcache", SQLITE_LOCKED_SHAREDCACHE, true},
        CodeCase{"ioerr_read", SQLITE_IOERR_READ, true},
        CodeCase{"ioerr_fsync", SQLITE_IOERR_FSYNC, true}, CodeCase{"full", SQLITE_FULL, true},
        CodeCase{"cantopen", SQLITE_CANTOPEN, true}, CodeCase{"corrupt", SQLITE_CORRUPT, true},
        CodeCase{"notadb", SQLITE_NOTADB, true}, CodeCase{"readonly", SQLITE_READONLY, true},
        CodeCase{"unique", SQLITE_CONSTRAINT_UNIQUE, false},
        CodeCase{"sql_error", SQLITE_ERROR, false}, CodeCase{"misuse", SQLITE_MISUSE, false}),
    [](const ::testing::TestParamInfo<CodeCase>& info) { return std::string(info.param.name); });

TEST(SqliteErrorCode, AUniqueViolationStaysADefectTheCallerCanRecognise) {
    try {
        throw_sqlite_error(nullptr, SQLITE_CONSTRAINT_PRIMARYKEY, "inserting an account");
        FAIL() << "nothing thrown";
    } catch (const SqliteError& error) {
        EXPECT_TRUE(error.is_unique_violation());
    }
}

// A real failure through the engine: a file that is not a database is an outage of the
// store, not a defect of the code.
TEST(SqliteErrorCode, AFileThatIsNotADatabaseIsAnOutage) {
    const test::ScratchDirectory directory("sqlite-error");
    const std::string path = directory.file("bank.db");
    std::ofstream(path, std::ios::binary) << std::string(8192, 'x');
    const ManualClock clock(from_micros(1'768'435'200'000'000));
    EXPECT_THROW(SqliteStore(path, clock), StoreUnavailable);
}

}  // namespace
}  // namespace bank
