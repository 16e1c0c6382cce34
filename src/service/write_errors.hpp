#pragma once

#include "core/result.hpp"
#include "ledger/write_command.hpp"

namespace bank {

// The message a person reads for a refused write. Never called with WriteStatus::ok.
Error to_error(WriteStatus status);

}  // namespace bank
