#pragma once

namespace bank {

// The name of a VFS over SQLite's default one (registered on the first call, not as the
// default) that gathers the WAL frames a commit writes, each frame two writes (its 24-byte
// header, then the page), and hands each contiguous run to the file in one write.
//
// Why: a group commit of postings from many people dirties a few pages per posting, each a
// WAL frame; in the writer's profile of 20,000 standing-order postings the pwrite system calls
// under sqlite3WalFrames were 12% of all samples, about 2.6 calls a page, and smaller pages
// only made more frames (docs/BENCHMARKS.md, "A single posting's cost in the writer").
//
// What stays as it was: every byte SQLite writes reaches the file, in SQLite's order, before
// the WAL is synced (xSync), read (xRead), sized or truncated, and before the wal-index
// names a new frame or the WAL's locks change hands (the database file's xShmBarrier and
// xShmLock write its WAL's gathered frames first), so no other connection can read a frame
// that is not in the file, and a commit is durable when it was before. Other files (the
// database, journals) are passed through unchanged.
const char* wal_write_batching_vfs();

}  // namespace bank
