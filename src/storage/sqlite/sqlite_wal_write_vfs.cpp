// The WAL-write-batching VFS (sqlite_wal_write_vfs.hpp says what it keeps and why). Each file
// opened through it is a File: SQLite's sqlite3_file header, this VFS's state, then the file of
// the default VFS it wraps, which does every read, write, lock and sync.
#include "storage/sqlite/sqlite_wal_write_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <new>
#include <stdexcept>
#include <vector>

namespace bank {

namespace {

// The most one write hands the default VFS: its unix write masks the count to 17 bits
// (os_unix.c, seekAndWrite), so a run is written at most 128 KiB at a time (31 frames of a
// 4-KiB page): about 60 system calls become one.
constexpr std::size_t pending_bytes_max = 0x1ffff;

struct Pending {
    std::vector<char> bytes;
    sqlite3_int64 offset = 0;  // where bytes[0] goes in the file
};

struct File {
    sqlite3_file base;           // what SQLite sees; first, so a sqlite3_file* is a File*
    Pending* pending = nullptr;  // a WAL file's gathered frames; null for other files
    File* wal = nullptr;         // a main database file's open WAL, if any
    File* database = nullptr;    // a WAL file's main database file
    sqlite3_file* inner() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

File& file_of(sqlite3_file* file) { return *reinterpret_cast<File*>(file); }
const sqlite3_io_methods& inner_methods(File& file) { return *file.inner()->pMethods; }

sqlite3_vfs* default_vfs = nullptr;  // set once, before the VFS is registered

// Writes the gathered run, if any. On failure the run is kept, so the next flush tries again
// and the error reaches SQLite from the call that needed the bytes in the file.
int flush(File& file) {
    if (file.pending == nullptr || file.pending->bytes.empty()) return SQLITE_OK;
    Pending& pending = *file.pending;
    const int code = inner_methods(file).xWrite(
        file.inner(), pending.bytes.data(), static_cast<int>(pending.bytes.size()), pending.offset);
    if (code == SQLITE_OK) pending.bytes.clear();
    return code;
}

int flush_wal_of(File& database) { return database.wal != nullptr ? flush(*database.wal) : 0; }

int x_close(sqlite3_file* handle) {
    File& file = file_of(handle);
    // The close of a WAL follows a checkpoint or a sync; what is left is written as SQLite
    // would have written it, and an error is SQLite's to report.
    int code = flush(file);
    if (file.database != nullptr) file.database->wal = nullptr;
    if (file.wal != nullptr) file.wal->database = nullptr;
    delete file.pending;
    file.pending = nullptr;
    const int closed = inner_methods(file).xClose(file.inner());
    if (code == SQLITE_OK) code = closed;
    file.~File();
    return code;
}

int x_write(sqlite3_file* handle, const void* data, int amount, sqlite3_int64 offset) {
    File& file = file_of(handle);
    if (file.pending == nullptr) {
        return inner_methods(file).xWrite(file.inner(), data, amount, offset);
    }
    Pending& pending = *file.pending;
    const auto size = static_cast<std::size_t>(amount);
    const bool follows =
        !pending.bytes.empty() &&
        offset == pending.offset + static_cast<sqlite3_int64>(pending.bytes.size());
    if (!pending.bytes.empty() && (!follows || pending.bytes.size() + size > pending_bytes_max)) {
        if (const int code = flush(file); code != SQLITE_OK) return code;
    }
    if (size > pending_bytes_max)
        return inner_methods(file).xWrite(file.inner(), data, amount, offset);
    if (pending.bytes.empty()) pending.offset = offset;
    const auto* bytes = static_cast<const char*>(data);
    pending.bytes.insert(pending.bytes.end(), bytes, bytes + size);
    return SQLITE_OK;
}

int x_read(sqlite3_file* handle, void* data, int amount, sqlite3_int64 offset) {
    File& file = file_of(handle);
    if (const int code = flush(file); code != SQLITE_OK) return code;
    return inner_methods(file).xRead(file.inner(), data, amount, offset);
}

int x_truncate(sqlite3_file* handle, sqlite3_int64 size) {
    File& file = file_of(handle);
    if (const int code = flush(file); code != SQLITE_OK) return code;
    return inner_methods(file).xTruncate(file.inner(), size);
}

int x_sync(sqlite3_file* handle, int flags) {
    File& file = file_of(handle);
    if (const int code = flush(file); code != SQLITE_OK) return code;
    return inner_methods(file).xSync(file.inner(), flags);
}

int x_file_size(sqlite3_file* handle, sqlite3_int64* size) {
    File& file = file_of(handle);
    if (const int code = flush(file); code != SQLITE_OK) return code;
    return inner_methods(file).xFileSize(file.inner(), size);
}

int x_lock(sqlite3_file* handle, int level) {
    File& file = file_of(handle);
    return inner_methods(file).xLock(file.inner(), level);
}

int x_unlock(sqlite3_file* handle, int level) {
    File& file = file_of(handle);
    return inner_methods(file).xUnlock(file.inner(), level);
}

int x_check_reserved_lock(sqlite3_file* handle, int* out) {
    File& file = file_of(handle);
    return inner_methods(file).xCheckReservedLock(file.inner(), out);
}

int x_file_control(sqlite3_file* handle, int operation, void* argument) {
    File& file = file_of(handle);
    if (const int code = flush(file); code != SQLITE_OK) return code;
    // The pager tells the database file a commit is over. With the wal-index in heap memory
    // (exclusive locking mode) and synchronous below FULL no sync, barrier or lock follows, so
    // without this the commit's last frames would stay here: a process that then died would
    // lose a commit SQLite only lets a power cut lose.
    if (operation == SQLITE_FCNTL_COMMIT_PHASETWO) {
        if (const int code = flush_wal_of(file); code != SQLITE_OK) return code;
    }
    return inner_methods(file).xFileControl(file.inner(), operation, argument);
}

int x_sector_size(sqlite3_file* handle) {
    File& file = file_of(handle);
    return inner_methods(file).xSectorSize(file.inner());
}

int x_device_characteristics(sqlite3_file* handle) {
    File& file = file_of(handle);
    return inner_methods(file).xDeviceCharacteristics(file.inner());
}

int x_shm_map(sqlite3_file* handle, int region, int size, int extend, void volatile** out) {
    File& file = file_of(handle);
    return inner_methods(file).xShmMap(file.inner(), region, size, extend, out);
}

// The WAL's locks change hands here (the write lock at the end of a transaction): its
// gathered frames are in the file first, so the next writer never has them written over its
// own afterwards.
int x_shm_lock(sqlite3_file* handle, int offset, int count, int flags) {
    File& file = file_of(handle);
    if (const int code = flush_wal_of(file); code != SQLITE_OK) return code;
    return inner_methods(file).xShmLock(file.inner(), offset, count, flags);
}

// SQLite writes the wal-index header's two copies on either side of this barrier: the frames
// the header is about to name are in the file first. (At synchronous = FULL the commit's sync
// has written them already; an error here would surface at the next call that flushes.)
void x_shm_barrier(sqlite3_file* handle) {
    File& file = file_of(handle);
    flush_wal_of(file);
    inner_methods(file).xShmBarrier(file.inner());
}

int x_shm_unmap(sqlite3_file* handle, int delete_flag) {
    File& file = file_of(handle);
    return inner_methods(file).xShmUnmap(file.inner(), delete_flag);
}

int x_fetch(sqlite3_file* handle, sqlite3_int64 offset, int amount, void** out) {
    File& file = file_of(handle);
    if (inner_methods(file).iVersion < 3) {
        *out = nullptr;  // SQLite reads the page instead
        return SQLITE_OK;
    }
    return inner_methods(file).xFetch(file.inner(), offset, amount, out);
}

int x_unfetch(sqlite3_file* handle, sqlite3_int64 offset, void* page) {
    File& file = file_of(handle);
    if (inner_methods(file).iVersion < 3) return SQLITE_OK;
    return inner_methods(file).xUnfetch(file.inner(), offset, page);
}

const sqlite3_io_methods io_methods = {
    3,
    x_close,
    x_read,
    x_write,
    x_truncate,
    x_sync,
    x_file_size,
    x_lock,
    x_unlock,
    x_check_reserved_lock,
    x_file_control,
    x_sector_size,
    x_device_characteristics,
    x_shm_map,
    x_shm_lock,
    x_shm_barrier,
    x_shm_unmap,
    x_fetch,
    x_unfetch,
};

int x_open(sqlite3_vfs*, const char* name, sqlite3_file* handle, int flags, int* out_flags) {
    File* file = new (handle) File{};
    const int code = default_vfs->xOpen(default_vfs, name, file->inner(), flags, out_flags);
    // SQLite closes a file whose open failed only if its methods are set.
    if (file->inner()->pMethods == nullptr) {
        file->~File();
        handle->pMethods = nullptr;
        return code != SQLITE_OK ? code : SQLITE_CANTOPEN;
    }
    file->base.pMethods = &io_methods;
    if (code == SQLITE_OK && (flags & SQLITE_OPEN_WAL) != 0 && name != nullptr) {
        file->pending = new Pending;
        // The database file of this WAL was opened through this VFS by the same pager.
        if (sqlite3_file* database = sqlite3_database_file_object(name); database != nullptr) {
            file->database = &file_of(database);
            file->database->wal = file;
        }
    }
    return code;
}

sqlite3_vfs make_vfs() {
    sqlite3_vfs vfs = *default_vfs;
    vfs.pNext = nullptr;
    vfs.zName = "bank-wal-batch";
    vfs.szOsFile = static_cast<int>(sizeof(File)) + default_vfs->szOsFile;
    vfs.xOpen = x_open;
    return vfs;
}

}  // namespace

const char* wal_write_batching_vfs() {
    static sqlite3_vfs vfs;
    static std::once_flag once;
    std::call_once(once, [] {
        default_vfs = sqlite3_vfs_find(nullptr);
        if (default_vfs == nullptr || default_vfs->iVersion < 2) {
            throw std::runtime_error("sqlite: no default VFS to batch the WAL's writes over");
        }
        vfs = make_vfs();
        if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) {
            throw std::runtime_error("sqlite: cannot register the WAL-write-batching VFS");
        }
    });
    return vfs.zName;
}

}  // namespace bank
