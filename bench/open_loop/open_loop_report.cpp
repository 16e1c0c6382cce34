#include "open_loop/open_loop_report.hpp"

#include <chrono>
#include <iomanip>
#include <ostream>

namespace bank::bench {

namespace {

double milliseconds(std::chrono::nanoseconds latency) {
    return std::chrono::duration<double, std::milli>(latency).count();
}

void print_latencies(std::ostream& out, const char* prefix, const LatencySummary& summary) {
    out << prefix << "p50_ms " << milliseconds(summary.p50) << "\n"
        << prefix << "p90_ms " << milliseconds(summary.p90) << "\n"
        << prefix << "p99_ms " << milliseconds(summary.p99) << "\n"
        << prefix << "p99.9_ms " << milliseconds(summary.p999) << "\n"
        << prefix << "max_ms " << milliseconds(summary.max) << "\n";
}

}  // namespace

void print_report(std::ostream& out, const OpenLoopReport& report) {
    out << std::fixed << std::setprecision(3);
    out << "offered_rate " << report.offered_rate << "\n"
        << "achieved_rate " << report.achieved_rate() << "\n"
        << "elapsed_s " << report.elapsed_seconds << "\n"
        << "scheduled " << report.requests_scheduled << "\n"
        << "answered " << report.answered() << "\n";
    // Measured from each request's scheduled time (coordinated omission corrected).
    print_latencies(out, "", report.from_schedule);
    // Measured from the actual send, what a closed-loop tool would report.
    print_latencies(out, "sent_", report.from_send);
    out << "sent_late " << report.sent_late << "\n";
    for (const auto& [status, count] : report.statuses) {
        out << "status " << status << " " << count << "\n";
    }
    out << "errors " << report.errors << "\n"
        << "unsent " << report.unsent << "\n";
}

}  // namespace bank::bench
