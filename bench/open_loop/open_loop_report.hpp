#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>

#include "open_loop/latency_recorder.hpp"

namespace bank::bench {

// What an open-loop run measured. `from_schedule` is the latency that counts: from the time
// a request was due to its answer, so a request that waited for a busy connection (or for a
// stalled driver) is charged the wait. `from_send` starts the clock when the request actually
// went out, as a closed-loop tool does, and is printed only to show the difference.
struct OpenLoopReport {
    double offered_rate = 0;
    std::int64_t requests_scheduled = 0;
    LatencySummary from_schedule;
    LatencySummary from_send;
    std::map<unsigned, std::int64_t> statuses;
    std::int64_t sent_late = 0;  // went out more than late_after after they were due
    std::int64_t errors = 0;     // connect, write, read or timeout
    std::int64_t unsent = 0;     // still not sent when the drain time ran out
    double elapsed_seconds = 0;  // from the schedule's start to the last answer
    std::string first_error;

    std::int64_t answered() const { return static_cast<std::int64_t>(from_schedule.count); }
    double achieved_rate() const {
        return elapsed_seconds > 0 ? static_cast<double>(answered()) / elapsed_seconds : 0;
    }
    bool failed() const { return errors > 0 || unsent > 0; }
};

// One "name value" line per figure (latencies in ms), so a script can pick one with awk, and
// "status CODE COUNT" lines in the format of bench/lua/statuses.lua.
void print_report(std::ostream& out, const OpenLoopReport& report);

}  // namespace bank::bench
