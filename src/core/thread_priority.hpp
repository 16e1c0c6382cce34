#pragma once

namespace bank {

// How nice the threads that do the bank's own work run (the worker pool's bcrypt, the
// scheduler, the store's background writes), below the I/O threads' 0. The lowest priority
// (19, or SCHED_IDLE) starves sign-ins under a load that keeps both cores busy: with the
// dashboard load of `bench/run logins` 11 of 58 sign-ins did not finish within 20 s at nice
// 19, and the slowest took 18 s at nice 10. At 5 an I/O thread that wakes still goes first
// (its weight is three times such a thread's), and the 2 sign-ins/s still get the half core
// they need (docs/BENCHMARKS.md).
inline constexpr int background_thread_nice = 5;

// Lowers the calling thread to background_thread_nice, for this thread alone (on Linux
// setpriority with a thread id acts on that thread). One way only: a process without
// CAP_SYS_NICE cannot raise it back, so only threads that stay in the background call it.
// Returns false when the system refused (the caller logs it).
bool lower_this_thread_priority();

}  // namespace bank
