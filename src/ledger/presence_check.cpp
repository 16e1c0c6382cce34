#include "ledger/presence_check.hpp"

namespace bank {

bool needs_presence_check(bool stale, Timestamp checked_at, Timestamp now,
                          std::chrono::seconds recheck) {
    if (stale) return true;
    if (now < checked_at) return true;
    return now - checked_at >= recheck;
}

}  // namespace bank
