// The WAL-write-batching VFS every SqliteConnection opens through (sqlite_wal_write_vfs.hpp):
// what SQLite wrote is in the file whenever another connection (here one of SQLite's default
// VFS, as the sqlite3 CLI or another process would be) could look for it.

#include "storage/sqlite/sqlite_wal_write_vfs.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <tuple>

#include "storage/sqlite/sqlite_connection.hpp"
#include "support/store_helpers.hpp"

namespace bank {
namespace {

// Rows of 1,000 bytes: a few hundred of them are far more frames than one write of the VFS
// takes (128 KiB).
constexpr int rows_per_commit = 400;

// The WAL file's layout (https://www.sqlite.org/fileformat2.html#walformat).
constexpr std::int64_t wal_header_bytes = 32;
constexpr std::int64_t frame_header_bytes = 24;

// Rows, sum of ids and bytes of pad.
using Seen = std::tuple<std::int64_t, std::int64_t, std::int64_t>;

class SqliteWalWriteVfsTest : public ::testing::Test {
protected:
    void SetUp() override {
        writer_ =
            std::make_unique<SqliteConnection>(path_, SqliteConnection::Mode::read_write_create);
        writer_->execute("PRAGMA journal_mode = WAL");
        writer_->execute("PRAGMA synchronous = FULL");
        writer_->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, pad BLOB NOT NULL)");
    }

    void TearDown() override {
        writer_.reset();
        if (other_ != nullptr) sqlite3_close(other_);
    }

    // Inserts `count` rows from `first` on, each with a 1,000-byte pad, on the VFS's connection.
    void insert(std::int64_t first, int count) {
        for (int index = 0; index < count; ++index) {
            writer_->query("INSERT INTO t (id, pad) VALUES (?, randomblob(1000))")
                .bind(first + index)
                .run();
        }
    }

    // A connection of SQLite's default VFS on the same file.
    sqlite3* other() {
        if (other_ == nullptr) {
            EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &other_, SQLITE_OPEN_READWRITE, nullptr),
                      SQLITE_OK);
        }
        return other_;
    }

    // Rows, sum of ids and bytes of pad, as the default VFS's connection reads them now.
    Seen seen_by_other() { return seen_on(other()); }

    // Rows, sum of ids and bytes of pad, as `database` reads them now.
    static Seen seen_on(sqlite3* database) {
        sqlite3_stmt* statement = nullptr;
        EXPECT_EQ(
            sqlite3_prepare_v2(database, "SELECT count(*), total(id), total(length(pad)) FROM t",
                               -1, &statement, nullptr),
            SQLITE_OK)
            << sqlite3_errmsg(database);
        EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW) << sqlite3_errmsg(database);
        const Seen seen{sqlite3_column_int64(statement, 0), sqlite3_column_int64(statement, 1),
                        sqlite3_column_int64(statement, 2)};
        sqlite3_finalize(statement);
        return seen;
    }

    void execute_on_other(const std::string& sql) {
        char* error = nullptr;
        EXPECT_EQ(sqlite3_exec(other(), sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
            << (error != nullptr ? error : "");
        sqlite3_free(error);
    }

    std::string integrity_on_other() {
        sqlite3_stmt* statement = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(other(), "PRAGMA integrity_check", -1, &statement, nullptr),
                  SQLITE_OK);
        EXPECT_EQ(sqlite3_step(statement), SQLITE_ROW);
        std::string result(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
        sqlite3_finalize(statement);
        return result;
    }

    // What a crash of this process would leave: the database and its WAL as the file system
    // holds them now (whatever the VFS still gathers in memory is gone), copied aside and
    // opened by the default VFS, which recovers the copy's WAL as after a crash.
    Seen seen_after_a_crash() {
        const std::string copy = directory_.file("crash-" + std::to_string(++crashes_) + ".db");
        std::filesystem::copy_file(path_, copy);
        if (std::filesystem::exists(path_ + "-wal")) {
            std::filesystem::copy_file(path_ + "-wal", copy + "-wal");
        }
        sqlite3* reopened = nullptr;
        EXPECT_EQ(sqlite3_open_v2(copy.c_str(), &reopened, SQLITE_OPEN_READWRITE, nullptr),
                  SQLITE_OK);
        const Seen seen = seen_on(reopened);
        sqlite3_close(reopened);
        return seen;
    }

    // Three commits of rows_per_commit rows, each checked in a crash copy right after COMMIT.
    void expect_three_commits_to_survive_a_crash() {
        for (int commit = 0; commit < 3; ++commit) {
            writer_->execute("BEGIN IMMEDIATE");
            insert(1 + commit * rows_per_commit, rows_per_commit);
            writer_->execute("COMMIT");
            EXPECT_EQ(seen_after_a_crash(),
                      rows_from(1, std::int64_t{rows_per_commit} * (commit + 1)))
                << "after commit " << commit + 1;
        }
    }

    // A new database whose writer holds it in exclusive locking mode from before its WAL
    // opens, so SQLite keeps the wal-index in heap memory: it never calls xShmBarrier or
    // xShmLock, and the commit's own calls are the VFS's only cues.
    void reopen_with_the_wal_index_in_heap_memory(const std::string& synchronous,
                                                  bool checkpoint_on_close) {
        writer_.reset();
        std::filesystem::remove(path_);
        writer_ =
            std::make_unique<SqliteConnection>(path_, SqliteConnection::Mode::read_write_create);
        EXPECT_EQ(sqlite3_db_config(writer_->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                                    checkpoint_on_close ? 0 : 1, nullptr),
                  SQLITE_OK);
        writer_->execute("PRAGMA locking_mode = EXCLUSIVE");
        writer_->execute("PRAGMA journal_mode = WAL");
        writer_->execute("PRAGMA synchronous = " + synchronous);
        writer_->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, pad BLOB NOT NULL)");
        // A wal-index in shared memory would be this file.
        EXPECT_FALSE(std::filesystem::exists(path_ + "-shm"));
    }

    std::uintmax_t wal_bytes() const { return std::filesystem::file_size(path_ + "-wal"); }

    // The bytes of the WAL's header and the frames SQLite counts in it (a passive checkpoint
    // answers how many): what the file holds when nothing else was left in it.
    std::uintmax_t wal_bytes_sqlite_counts() {
        auto page_size = writer_->query("PRAGMA page_size");
        EXPECT_TRUE(page_size.step());
        const std::int64_t page_bytes = page_size.integer(0);
        auto checkpoint = writer_->query("PRAGMA wal_checkpoint(PASSIVE)");
        EXPECT_TRUE(checkpoint.step());
        const std::int64_t frames = checkpoint.integer(1);
        return static_cast<std::uintmax_t>(wal_header_bytes +
                                           frames * (frame_header_bytes + page_bytes));
    }

    // Rows, sum of ids and bytes of pad, as `rows` rows from `first` on would give.
    static Seen rows_from(std::int64_t first, std::int64_t rows) {
        return {rows, sum_of_ids(first, rows), rows * 1000};
    }

    static std::int64_t sum_of_ids(std::int64_t first, std::int64_t count) {
        return count * (2 * first + count - 1) / 2;
    }

    test::ScratchDirectory directory_{"bank_wal_vfs"};
    std::string path_ = directory_.file("wal.db");
    std::unique_ptr<SqliteConnection> writer_;
    sqlite3* other_ = nullptr;
    int crashes_ = 0;
};

TEST_F(SqliteWalWriteVfsTest, IsRegisteredOnceUnderItsNameAndIsNotTheDefault) {
    const std::string name = wal_write_batching_vfs();
    EXPECT_EQ(name, wal_write_batching_vfs());
    EXPECT_NE(sqlite3_vfs_find(name.c_str()), nullptr);
    EXPECT_NE(std::string(sqlite3_vfs_find(nullptr)->zName), name);
}

TEST_F(SqliteWalWriteVfsTest, ACommitIsInTheFileForAnotherConnection) {
    writer_->execute("BEGIN IMMEDIATE");
    insert(1, rows_per_commit);
    writer_->execute("COMMIT");
    EXPECT_EQ(seen_by_other(),
              std::make_tuple(std::int64_t{rows_per_commit}, sum_of_ids(1, rows_per_commit),
                              std::int64_t{rows_per_commit} * 1000));
    EXPECT_EQ(integrity_on_other(), "ok");
}

// At synchronous = NORMAL a commit does not sync the WAL: the frames are written before the
// wal-index names them (the database file's barrier), or the reader would read other bytes.
TEST_F(SqliteWalWriteVfsTest, WithoutASyncACommitIsStillInTheFileBeforeAnotherReadsIt) {
    writer_->execute("PRAGMA synchronous = NORMAL");
    for (int commit = 0; commit < 3; ++commit) {
        writer_->execute("BEGIN IMMEDIATE");
        insert(1 + commit * rows_per_commit, rows_per_commit);
        writer_->execute("COMMIT");
        const std::int64_t rows = std::int64_t{rows_per_commit} * (commit + 1);
        EXPECT_EQ(seen_by_other(), std::make_tuple(rows, sum_of_ids(1, rows), rows * 1000));
    }
    EXPECT_EQ(integrity_on_other(), "ok");
}

// A transaction larger than its cache writes frames before its commit; rolled back, they must
// not be written over what the next writer (another connection) commits in their place. The
// WAL starts empty, so the transaction reads no page from it: only the release of the WAL's
// locks at the rollback (xShmLock) writes the last frames it gathered.
TEST_F(SqliteWalWriteVfsTest, ARolledBackTransactionsFramesNeverOverwriteTheNextWriters) {
    writer_->execute("PRAGMA wal_checkpoint(TRUNCATE)");
    writer_->execute("PRAGMA cache_size = 20");
    writer_->execute("BEGIN IMMEDIATE");
    insert(1, rows_per_commit);
    writer_->execute("ROLLBACK");
    execute_on_other("BEGIN IMMEDIATE");
    for (int index = 0; index < rows_per_commit; ++index) {
        execute_on_other("INSERT INTO t (id, pad) VALUES (" + std::to_string(10'000 + index) +
                         ", randomblob(1000))");
    }
    execute_on_other("COMMIT");
    writer_->execute("BEGIN IMMEDIATE");
    insert(20'000, 10);
    writer_->execute("COMMIT");
    writer_.reset();
    const std::int64_t rows = rows_per_commit + 10;
    EXPECT_EQ(seen_by_other(),
              std::make_tuple(rows, sum_of_ids(10'000, rows_per_commit) + sum_of_ids(20'000, 10),
                              rows * 1000));
    EXPECT_EQ(integrity_on_other(), "ok");
}

// A checkpoint copies the frames back into the database file and the WAL starts over.
TEST_F(SqliteWalWriteVfsTest, CheckpointsAndARestartedWalKeepEveryCommit) {
    for (int commit = 0; commit < 4; ++commit) {
        writer_->execute("BEGIN IMMEDIATE");
        insert(1 + commit * rows_per_commit, rows_per_commit);
        writer_->execute("COMMIT");
        writer_->execute(commit % 2 == 0 ? "PRAGMA wal_checkpoint(TRUNCATE)"
                                         : "PRAGMA wal_checkpoint(RESTART)");
    }
    const std::int64_t rows = std::int64_t{rows_per_commit} * 4;
    EXPECT_EQ(seen_by_other(), std::make_tuple(rows, sum_of_ids(1, rows), rows * 1000));
    EXPECT_EQ(integrity_on_other(), "ok");
}

// In exclusive locking mode (taken here after the WAL and its wal-index opened) SQLite never
// calls xShmLock, and at synchronous = NORMAL it does not sync at a commit: the barrier
// between the wal-index header's two copies is the commit's only cue to write its frames. A
// crash of the process must still keep every commit (at NORMAL only a power cut may lose one).
TEST_F(SqliteWalWriteVfsTest, InExclusiveLockingModeACommitWithoutASyncSurvivesACrash) {
    writer_->execute("PRAGMA synchronous = NORMAL");
    writer_->execute("PRAGMA locking_mode = EXCLUSIVE");
    expect_three_commits_to_survive_a_crash();
}

// With the wal-index in heap memory there is no barrier and no lock to change hands: at
// synchronous = FULL the commit's sync of the WAL is the only cue, and what it syncs must hold
// the commit's frames.
TEST_F(SqliteWalWriteVfsTest, WithTheWalIndexInHeapMemoryACommitsSyncWritesItsFrames) {
    reopen_with_the_wal_index_in_heap_memory("FULL", true);
    expect_three_commits_to_survive_a_crash();
}

// At NORMAL with the wal-index in heap memory nothing syncs, and there is no barrier or lock
// either: only the pager's end-of-commit file control is left to write the commit's frames, so
// a process that dies after COMMIT keeps the commit, as SQLite promises at NORMAL.
TEST_F(SqliteWalWriteVfsTest, WithTheWalIndexInHeapMemoryACommitAtNormalSurvivesACrash) {
    reopen_with_the_wal_index_in_heap_memory("NORMAL", true);
    expect_three_commits_to_survive_a_crash();
}

// A transaction larger than its cache spills pages to the WAL and reads them back from there
// before it commits; a scan writes nothing, so only the read finds the last of them gathered.
TEST_F(SqliteWalWriteVfsTest, ATransactionReadsBackThePagesItSpilledBeforeItCommits) {
    writer_->execute("PRAGMA wal_checkpoint(TRUNCATE)");
    writer_->execute("PRAGMA cache_size = 20");
    writer_->execute("BEGIN IMMEDIATE");
    insert(1, rows_per_commit);
    ASSERT_EQ(seen_on(writer_->handle()), rows_from(1, rows_per_commit));
    writer_->execute("COMMIT");
    EXPECT_EQ(seen_by_other(), rows_from(1, rows_per_commit));
    EXPECT_EQ(integrity_on_other(), "ok");
}

// With the wal-index in heap memory and synchronous = NORMAL only the commit's file control
// (the test above) and the close write a commit's last frames, and without a checkpoint at
// close nothing reads them back first: the commit survives the close. (Before the file
// control flushed, this test was the one that caught a close without its flush; now the
// close's flush only meets frames of a transaction rolled back.)
TEST_F(SqliteWalWriteVfsTest, ACloseWithoutACheckpointKeepsTheLastCommit) {
    reopen_with_the_wal_index_in_heap_memory("NORMAL", false);
    writer_->execute("BEGIN IMMEDIATE");
    insert(1, rows_per_commit);
    writer_->execute("COMMIT");
    writer_.reset();
    EXPECT_EQ(seen_by_other(), rows_from(1, rows_per_commit));
    EXPECT_EQ(integrity_on_other(), "ok");
}

// With the wal-index in heap memory nothing writes a rolled-back transaction's last frames,
// and a checkpoint with nothing to copy back reads none of them: the truncation of the WAL
// writes them first, or they come back past the end of the emptied WAL at its next write and
// the WAL no longer holds only what was committed after the checkpoint.
TEST_F(SqliteWalWriteVfsTest, ATruncatedWalHoldsOnlyWhatIsCommittedAfterTheCheckpoint) {
    reopen_with_the_wal_index_in_heap_memory("FULL", true);
    writer_->execute("PRAGMA wal_checkpoint(TRUNCATE)");
    writer_->execute("PRAGMA cache_size = 20");
    writer_->execute("BEGIN IMMEDIATE");
    insert(1, rows_per_commit);
    writer_->execute("ROLLBACK");
    writer_->execute("PRAGMA wal_checkpoint(TRUNCATE)");
    EXPECT_EQ(wal_bytes(), 0U);
    writer_->execute("BEGIN IMMEDIATE");
    insert(1, 1);
    writer_->execute("COMMIT");
    const std::uintmax_t counted = wal_bytes_sqlite_counts();
    EXPECT_EQ(wal_bytes(), counted);
    EXPECT_EQ(seen_after_a_crash(), rows_from(1, 1));
}

// A WAL kept at close (SQLITE_FCNTL_PERSIST_WAL) is cut to journal_size_limit after the
// close's checkpoint if xFileSize says it is larger. With the wal-index in heap memory and
// synchronous = OFF, a rolled-back transaction's frames, the WAL's header included, may all
// still be gathered: the size must count them, or the WAL stays over its limit with them.
TEST_F(SqliteWalWriteVfsTest, AWalKeptAtCloseIsCutToItsSizeLimit) {
    reopen_with_the_wal_index_in_heap_memory("OFF", true);
    int persist = 1;
    ASSERT_EQ(sqlite3_file_control(writer_->handle(), "main", SQLITE_FCNTL_PERSIST_WAL, &persist),
              SQLITE_OK);
    writer_->execute("PRAGMA journal_size_limit = 0");
    writer_->execute("PRAGMA wal_checkpoint(TRUNCATE)");
    writer_->execute("PRAGMA cache_size = 20");
    writer_->execute("BEGIN IMMEDIATE");
    insert(1, 100);
    writer_->execute("ROLLBACK");
    writer_.reset();
    EXPECT_EQ(wal_bytes(), 0U);
    EXPECT_EQ(seen_by_other(), rows_from(1, 0));
    EXPECT_EQ(integrity_on_other(), "ok");
}

}  // namespace
}  // namespace bank
