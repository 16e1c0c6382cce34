#pragma once

#include "ledger/ledger_writer.hpp"

namespace bank {

// Submits `command` and waits on the calling thread for the writer's answer. Only for threads
// that may block (the scheduler's, the mail queue's, a command-line tool's), never an I/O
// thread: the web handlers hand their writes over with async_write instead.
WriteResult write_and_wait(LedgerWriter& writer, WriteCommand command);

}  // namespace bank
