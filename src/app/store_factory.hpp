#pragma once

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "ledger/store.hpp"

namespace bank {

struct StoreOptions {
    std::string engine = "sqlite";  // BANK_STORE / --store: sqlite or dynamodb
    std::string db_path = "bank.db";
};

// Opens the configured storage engine; throws std::runtime_error on an unknown engine or
// when the store cannot be opened.
std::unique_ptr<Store> open_store(const StoreOptions& options, const Clock& clock);

}  // namespace bank
