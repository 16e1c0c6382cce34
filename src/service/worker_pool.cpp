#include "service/worker_pool.hpp"

#include <spdlog/spdlog.h>

namespace bank {

bool lower_thread_priority() {
    if (lower_this_thread_priority()) return true;
    spdlog::warn("worker pool: could not lower a worker thread's priority");
    return false;
}

}  // namespace bank
