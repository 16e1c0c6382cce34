#pragma once

#include <future>
#include <vector>

#include "ledger/ledger_writer.hpp"

namespace bank {

// Who waits for a write: a person (interactive, LedgerWriter::submit) or nobody at a page
// (background, LedgerWriter::submit_background: the scheduler's and the interest poster's).
enum class WriteUrgency { interactive, background };

// Submits `command`; the future holds the writer's answer once it is durable (or refused).
// For a caller that submits more before it waits (write_all_and_wait, the benchmark's anchor).
std::future<WriteResult> submit_for_answer(LedgerWriter& writer, WriteCommand command,
                                           WriteUrgency urgency = WriteUrgency::interactive);

// Submits `command` and waits on the calling thread for the writer's answer. Only for threads
// that may block (the scheduler's, the mail queue's, a command-line tool's), never an I/O
// thread: the web handlers hand their writes over with async_write instead.
WriteResult write_and_wait(LedgerWriter& writer, WriteCommand command);

// Submits every command before waiting for any, so the writer can commit them together (one
// group commit for many, where write_and_wait one by one makes each wait for a commit of its
// own). The answers are in the order of the commands; each command is answered on its own,
// so one refused does not affect the others. The same threads as write_and_wait only.
std::vector<WriteResult> write_all_and_wait(LedgerWriter& writer,
                                            std::vector<WriteCommand> commands,
                                            WriteUrgency urgency = WriteUrgency::interactive);

}  // namespace bank
