#pragma once

namespace bank {

// The server's log goes to standard output. On a terminal every line appears at once (and in
// colour). Redirected to a file or a pipe, as under a service manager or a test, lines are
// gathered and written at least once a second, at once when a warning or an error comes or
// 64 KiB are waiting, and on flush_console_log(): one write per request line was a
// system call and a lock on every request's path (5% of a cached GET /dashboard).
void use_console_log();

// Writes out what is waiting, for the lines a watcher waits for ("listening on") and at exit.
void flush_console_log();

}  // namespace bank
