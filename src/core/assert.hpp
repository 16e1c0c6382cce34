#pragma once

#include <cstdio>
#include <cstdlib>

// Assertions catch programmer errors only; they never fire on user input.
#define BANK_ASSERT(condition)                                                            \
    do {                                                                                  \
        if (!(condition)) {                                                               \
            std::fprintf(stderr, "assertion failed: %s at %s:%d\n", #condition, __FILE__, \
                         __LINE__);                                                       \
            std::abort();                                                                 \
        }                                                                                 \
    } while (false)
