#include "core/thread_priority.hpp"

#include <sys/resource.h>
#include <unistd.h>

namespace bank {

bool lower_this_thread_priority() {
    // PRIO_PROCESS with a thread id: Linux keeps a nice value per thread.
    return setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), background_thread_nice) == 0;
}

}  // namespace bank
