#!/usr/bin/env bash
# The storage floor: SQLite in WAL mode with synchronous=FULL, one row per commit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_init floor
floor=$("$BANK_BENCH_BINARY" floor --db "$BENCH_DIR/floor.db" --seconds "$(bench_size 10 1)" | awk '{print $2}')
[ "${floor:-0}" -gt 0 ] || bench_fail "no commit measured"
bench_result floor "SQLite WAL synchronous=FULL single-row commits ${floor}/s"
