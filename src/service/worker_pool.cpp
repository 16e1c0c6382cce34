#include "service/worker_pool.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

namespace bank {

bool lower_thread_priority() {
    // PRIO_PROCESS with a thread id: Linux keeps a nice value per thread.
    if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), worker_thread_nice) == 0)
        return true;
    spdlog::warn("worker pool: could not lower a worker thread's priority");
    return false;
}

}  // namespace bank
