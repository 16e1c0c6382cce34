#!/usr/bin/env bash
# Standing orders due at the same minute (issue 14): 100,000 one-cent orders, all due today,
# spread over 2,002 people (at most 50 each, as the service allows), run by the scheduler of a
# freshly started `bank serve`. Reports how long until every occurrence is posted against the
# writer's own time for as many postings (`bank_bench seed` of the same number): the pass's own
# duration from the server's log line "N due, N posted, ... in S s". The writer's time is
# like for like: `bank_bench post-orders` on a copy of the same seeded file, in this run,
# submits exactly the commands the pass submits to the writer (each order's transfer with its
# occurrence's idempotency key, to the writer's background lane), without the pass's
# bookkeeping (claims, outcomes with their audit events, next dates). The server logs where the
# pass's time went ("steps: ..."). And the p99 of GET /api/v1/accounts (one person) in each
# slice while the orders run, against the same load on the idle server, before the orders were
# added and again once the pass is over (the per-token API limit lifted for the load, as in
# `transfers`), under two loads taken in turns, slice by slice: wrk's closed loop on 4
# connections, which sends the next request as soon as an answer comes, so it keeps both cores
# busy by itself and its p99 says how much of the machine the pass takes from it; and an open
# loop at a fixed rate (`bank_bench rate`, a quarter of the closed loop's idle rate, as `logins`
# does at a half), whose latencies count from each request's scheduled time: what a visitor sees
# while the pass runs. Afterwards every order must
# be posted once: the ledger holds the seeded transfers plus one per order, and `bank verify`
# passes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_init standing_orders
bench_need_or_skip wrk wrk
bench_need_or_skip curl curl
bench_need_or_skip sqlite3 sqlite3

# BENCH_ORDERS overrides the count (a shorter run than the 100,000 of the issue).
orders=${BENCH_ORDERS:-$(bench_size 100000 200)}
people=$((orders / 50 + 2))
wait_max=$(bench_size 3600 120)
slice=$(bench_size 5 2)
open_loop_fraction="${BENCH_OPEN_LOOP_FRACTION:-0.25}"
db="$BENCH_DIR/orders.db"

bench_log "seeding $people people (bank_bench seed)"
"$BANK_BENCH_BINARY" seed --db "$db" --transactions "$((people * 2))" --users "$people" >&2 ||
    bench_fail "seeding failed"
"$BANK_BINARY" verify --db "$db" >"$BENCH_DIR/verify-seeded.txt" || bench_fail "bank verify failed on the seed"
seeded=$(awk '/^transfers:/ {print $2}' "$BENCH_DIR/verify-seeded.txt")

# p99_of SECONDS: wrk GET /api/v1/accounts as bench0 on 4 connections; prints the p99 in ms
# (and leaves wrk's output in $BENCH_DIR/wrk-last.txt).
p99_of() {
    local output="$BENCH_DIR/wrk-$RANDOM.txt"
    wrk -t1 -c4 -d"${1}s" --latency -s "$bench_root/bench/lua/statuses.lua" \
        -H "Authorization: Bearer $token" "$BANK_URL/api/v1/accounts" >"$output"
    awk '/^status / && $2 != 200 {bad = 1} END {exit bad}' "$output" ||
        bench_fail "GET /api/v1/accounts answered other than 200 (see $output)"
    cp "$output" "$BENCH_DIR/wrk-last.txt"
    bench_wrk_field "$output" p99
}
# open_p99_of SECONDS: the open loop at $open_rate requests/s on 4 connections; prints the p99
# in ms.
open_p99_of() {
    local output="$BENCH_DIR/open-$RANDOM.txt"
    "$BANK_BENCH_BINARY" rate --url "$BANK_URL/api/v1/accounts" --rate "$open_rate" --connections 4 \
        --seconds "$1" --header "Authorization: Bearer $token" >"$output" ||
        { cat "$output" >&2; bench_fail "the open-loop load failed"; }
    awk '/^status / && $2 != 200 {n += $3} END {exit n > 0}' "$output" ||
        bench_fail "the open loop's GET /api/v1/accounts answered other than 200 (see $output)"
    bench_rate_field "$output" p99_ms
}
posted_count() {
    sqlite3 "$db" "SELECT COUNT(*) FROM standing_order_occurrences WHERE status = 'posted';"
}

bench_start_bank "$db" BANK_SCHEDULER_INTERVAL=3600 BANK_API_REQUESTS_PER_MINUTE=1000000000
token=$(bench_login bench0@example.com)
# A short slice first, so the idle figure is not the server's (and the cache's) first seconds.
p99_of 2 >/dev/null
idle_p99=$(p99_of "$slice")
idle_rps=$(bench_wrk_field "$BENCH_DIR/wrk-last.txt" rps)
open_rate=$(awk -v rps="$idle_rps" -v fraction="$open_loop_fraction" 'BEGIN { rate = int(rps * fraction); print (rate < 1 ? 1 : rate) }')
idle_open_p99=$(open_p99_of "$slice")
bench_log "idle: GET /api/v1/accounts p99 $idle_p99 ms (closed loop, $idle_rps/s), $idle_open_p99 ms (open loop at $open_rate/s)"
bench_stop "$BANK_PID"

"$BANK_BENCH_BINARY" seed-orders --db "$db" --orders "$orders" >&2 || bench_fail "seed-orders failed"
# The writer's anchor: the pass's own writer commands for these orders, on a copy of this file.
bench_log "the writer's anchor: the pass's $orders transfers (bank_bench post-orders)"
sqlite3 "$db" ".backup '$BENCH_DIR/anchor.db'" || bench_fail "cannot copy the seeded file"
anchor=$("$BANK_BENCH_BINARY" post-orders --db "$BENCH_DIR/anchor.db") ||
    bench_fail "the anchor failed: $anchor"
bench_log "$anchor"
writer_seconds=$(echo "$anchor" | sed -n 's/.* in \([0-9.]*\) s$/\1/p')
[ -n "$writer_seconds" ] || bench_fail "no time in: $anchor"
"$BANK_BINARY" verify --db "$BENCH_DIR/anchor.db" >"$BENCH_DIR/verify-anchor.txt" ||
    bench_fail "bank verify failed on the anchor's file"
rm -f "$BENCH_DIR/anchor.db" "$BENCH_DIR/anchor.db-wal" "$BENCH_DIR/anchor.db-shm"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s%N)
bench_start_bank "$db" BANK_SCHEDULER_INTERVAL=30 BANK_API_REQUESTS_PER_MINUTE=1000000000
token=$(bench_login bench0@example.com)
# The pass's own duration, from the scheduler's log line once the pass is over.
pass_seconds() {
    sed -n 's/.*standing orders: [0-9]* due, [0-9]* posted, .* in \([0-9.]*\) s$/\1/p' \
        "$BENCH_DIR/bank.log" | head -1
}
busiest_p99=0
slices=""
busiest_open_p99=0
open_slices=""
posted=0
pass=""
# Slices until the pass has logged its end: each is a slice while the pass ran (the last one
# partly), none after it.
while [ -z "$pass" ]; do
    [ $((($(date +%s%N) - started) / 1000000000)) -lt "$wait_max" ] ||
        bench_fail "only $posted of $orders orders posted after $wait_max s"
    p99=$(p99_of "$slice")
    busiest_p99=$(awk -v a="$p99" -v b="$busiest_p99" 'BEGIN { print (a > b) ? a : b }')
    slices="$slices $p99"
    pass=$(pass_seconds)
    open_p99="-"
    if [ -z "$pass" ]; then
        open_p99=$(open_p99_of "$slice")
        busiest_open_p99=$(awk -v a="$open_p99" -v b="$busiest_open_p99" 'BEGIN { print (a > b) ? a : b }')
        open_slices="$open_slices $open_p99"
        pass=$(pass_seconds)
    fi
    posted=$(posted_count)
    bench_log "posted $posted of $orders; GET /api/v1/accounts p99 $p99 ms (closed loop), $open_p99 ms (open loop) meanwhile"
done
took=$(awk -v n="$(($(date +%s%N) - started))" 'BEGIN { printf "%.1f\n", n / 1e9 }')
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
grep 'standing orders: ' "$BENCH_DIR/bank.log" | head -2 >&2
steps=$(sed -n 's/.*standing orders: steps: //p' "$BENCH_DIR/bank.log" | head -1)
# The same load on the same server once the pass is over: an idle figure taken under what the
# rest of the machine was doing during the pass (the one above is minutes older, and on this
# shared machine other builds move it by 10 times).
idle_after_p99=$(p99_of "$slice")
idle_after_open_p99=$(open_p99_of "$slice")
bench_log "idle after the pass: GET /api/v1/accounts p99 $idle_after_p99 ms (closed loop), $idle_after_open_p99 ms (open loop)"
posted=$(posted_count)
bench_stop "$BANK_PID"
if [ "$posted" != "$orders" ]; then
    grep -E '\[(warning|error|critical)\]' "$BENCH_DIR/bank.log" | sort | uniq -c | head -20 >&2 || true
    sqlite3 "$db" "SELECT status, detail, COUNT(*) FROM standing_order_occurrences GROUP BY 1, 2;" >&2
    bench_fail "the pass ended with $posted of $orders orders posted"
fi

"$BANK_BINARY" verify --db "$db" >"$BENCH_DIR/verify.txt" || { cat "$BENCH_DIR/verify.txt"; bench_fail "bank verify failed"; }
stored=$(awk '/^transfers:/ {print $2}' "$BENCH_DIR/verify.txt")
[ "$stored" = "$((seeded + orders))" ] ||
    bench_fail "the ledger holds $stored transfers, not $seeded seeded + $orders orders"
bench_result orders "$orders standing orders due at once all posted in one pass of ${pass} s (the server's log; ${took} s from the start to the slice that saw its end); the writer alone takes ${writer_seconds} s for the same commands (bank_bench post-orders, this run); ratio $(bench_ratio "$pass" "$writer_seconds") (goal about 1)"
bench_result pages "closed loop (wrk, 4 connections): GET /api/v1/accounts p99 per ${slice}-s slice while they ran:${slices} ms; ${busiest_p99} ms at worst, ${idle_p99} ms idle before, ${idle_after_p99} ms idle after; ratio $(bench_ratio "$busiest_p99" "$idle_p99") to the idle before, $(bench_ratio "$busiest_p99" "$idle_after_p99") to the idle after (goal at most 2)"
bench_result pages-open "open loop at $open_rate/s ($open_loop_fraction of the idle closed loop's $idle_rps/s): GET /api/v1/accounts p99 per ${slice}-s slice while they ran:${open_slices:- none (the pass ended first)} ms; ${busiest_open_p99} ms at worst, ${idle_open_p99} ms idle before, ${idle_after_open_p99} ms idle after; ratio $(bench_ratio "$busiest_open_p99" "$idle_open_p99") to the idle before, $(bench_ratio "$busiest_open_p99" "$idle_after_open_p99") to the idle after (goal at most 2)"
bench_result steps "where the pass's time went (the server's log): $steps"
bench_result load "load average $load_before when the server started, $load_after at the pass's end"
