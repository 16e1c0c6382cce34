#!/usr/bin/env bash
# From starting `bank serve` to its first answer, on a database of 1,000,000 transactions.
# Three starts; the target is 200 ms.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_init startup
bench_need_or_skip curl curl

rows=$(bench_size 1000000 2000)
target_ms=200
db="$BENCH_DIR/startup.db"
bench_seed "$rows" "$db"

# Port 0, read from the server's log: a port picked beforehand can be taken by another
# program's connection between two starts (it happened beside the other tests of CTest).
times=()
for run in 1 2 3; do
    log="$BENCH_DIR/bank-$run.log"
    started=$(date +%s%N)
    "$BANK_BINARY" serve --port 0 --db "$db" >"$log" 2>&1 &
    pid=$!
    bench_pids+=("$pid")
    answered=""
    port=""
    for _ in $(seq 6000); do
        [ -n "$port" ] || port=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$log" | head -1)
        if [ -n "$port" ] && curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/healthz"; then answered=$(date +%s%N); break; fi
        kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; bench_fail "bank serve exited"; }
        sleep 0.002
    done
    [ -n "$answered" ] || bench_fail "no answer within about 30 s"
    times+=($(((answered - started) / 1000000)))
    bench_stop "$pid"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
"$BANK_BINARY" verify --db "$db" >"$BENCH_DIR/verify.txt" || { cat "$BENCH_DIR/verify.txt"; bench_fail "bank verify failed"; }
bench_result startup "start to first answer ${sorted[1]} ms (median of ${times[*]} ms) with $rows transactions; target ${target_ms} ms, ratio $(bench_ratio "${sorted[1]}" "$target_ms")"
