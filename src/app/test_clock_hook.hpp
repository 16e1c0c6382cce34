#pragma once

#include <memory>

#include "core/clock.hpp"

namespace bank {

// The clock of `bank serve` and `bank demo-data`: the system clock, except under the test hook
// BANK_TEST_NOW (docs/TESTING.md). Set to an RFC 3339 UTC instant ("2027-01-01T00:30:00Z"), it
// makes the process's clock start at that instant and advance with real time, so a test picks
// the day its history ends on and "this month" means, whatever day it runs. Unset (as it must
// be in production), nothing changes; an unreadable value refuses to start.
std::unique_ptr<Clock> process_clock();

}  // namespace bank
