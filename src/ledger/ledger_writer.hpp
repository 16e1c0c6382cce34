#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ledger/write_command.hpp"

namespace bank {

// The store's writer: every change is a command handed to `submit`; `done` runs once the
// outcome is durable, on a thread of the store's choosing, and must not block.
class LedgerWriter {
public:
    using Completion = std::function<void(WriteResult)>;

    virtual ~LedgerWriter() = default;

    virtual void submit(WriteCommand command, Completion done) = 0;
    // A write the bank makes on its own (a standing order's posting, interest), which nobody waits
    // for at a page. A store may apply it after the writes people wait for, and at a lower CPU
    // priority, so pages and people's own writes keep their speed while the scheduler posts 100,000
    // orders (the SQLite store does, see SqliteWriteLanes). By default it is applied like any other
    // write: DynamoDB's writes wait on the network, not on a core.
    virtual void submit_background(WriteCommand command, Completion done) {
        submit(std::move(command), std::move(done));
    }
    // Stops taking writes, finishes the queued ones and waits until they are durable.
    virtual void shutdown() = 0;
    // True when a read may wait on the network (DynamoDB): the server then runs requests
    // that read the store on a pool of its own, never on an I/O thread.
    virtual bool reads_block() const = 0;
    // For caches of what a person sees (the dashboard): a number that grows whenever a
    // committed write may have changed anything of `ids` (user and account ids), including
    // writes by other processes. Read it before reading the data it guards, and keep what was
    // read only while it stays the same. nullopt: this store cannot tell (DynamoDB, where
    // other servers write the same tables), so nothing may be cached. The writer answers it
    // because only the writer sees every commit.
    virtual std::optional<std::uint64_t> data_version(const std::vector<std::string>& ids) = 0;
};

}  // namespace bank
