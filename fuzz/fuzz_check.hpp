#pragma once

#include <cstdio>
#include <cstdlib>

namespace bank::fuzz {

// A property the fuzzed code broke. Aborting makes libFuzzer save the input as a crash
// file, so the finding can be replayed with `fuzz/run` or the fuzzer binary itself.
inline void require(bool condition, const char* property) {
    if (condition) return;
    std::fprintf(stderr, "fuzz property broken: %s\n", property);
    std::abort();
}

}  // namespace bank::fuzz
