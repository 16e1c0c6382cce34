#!/usr/bin/env bash
# 10,000 idle keep-alive connections held open while the dashboard load of
# bench/scenarios/dashboard.sh runs; the server's resident memory must stay under 256 MB.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_init idle
bench_need_or_skip wrk wrk
bench_need_or_skip curl curl
bench_need_or_skip node nodejs

idle=$(bench_size 10000 200)
seconds=$(bench_size 20 2)
rows=$(bench_size 1000000 2000)
limit_mb=256
connections=64
# Every idle connection is a descriptor in the server and one in node.
bench_raise_fd_limit $((idle + 4096))
[ "$(ulimit -n)" -gt $((idle + 1024)) ] || bench_skip "cannot raise the descriptor limit to $((idle + 1024)) (ulimit -n is $(ulimit -n))"

db="$BENCH_DIR/idle.db"
bench_seed "$rows" "$db"
bench_start_bank "$db"
token=$(bench_login bench0@example.com)
rss_before=$(bench_rss_mb "$BANK_PID")

# Held until the load below has finished (the server closes a connection idle for 30 s).
node "$bench_root/bench/idle_connections.mjs" "$BANK_PORT" "$idle" "$((seconds + 2))" >"$BENCH_DIR/idle.txt" &
idle_pid=$!
bench_pids+=("$idle_pid")
for _ in $(seq 600); do grep -q '^open' "$BENCH_DIR/idle.txt" && break; sleep 0.1; done
opened=$(awk '/^open/ {print $2}' "$BENCH_DIR/idle.txt")
[ "${opened:-0}" -eq "$idle" ] || bench_fail "only ${opened:-0} of $idle idle connections were answered"
rss_idle=$(bench_rss_mb "$BANK_PID")

bench_log "$idle idle connections open (RSS ${rss_idle} MB); dashboard load for $seconds s"
peak=0
( while kill -0 "$BANK_PID" 2>/dev/null; do bench_rss_mb "$BANK_PID"; sleep 0.2; done ) >"$BENCH_DIR/rss.txt" &
sampler=$!
bench_pids+=("$sampler")
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Cookie: bank_session=$token" \
    -s "$bench_root/bench/lua/statuses.lua" "$BANK_URL/dashboard" >"$BENCH_DIR/wrk.txt"
others=$(awk '/^status / && $2 != 200 {n += $3} END {print n + 0}' "$BENCH_DIR/wrk.txt")
[ "$others" -eq 0 ] || bench_fail "$others dashboard answers were not 200"
wait "$idle_pid" || true
still_open=$(awk '/^still_open/ {print $2}' "$BENCH_DIR/idle.txt")
kill "$sampler" 2>/dev/null || true
peak=$(sort -n "$BENCH_DIR/rss.txt" | tail -1)
hwm=$(bench_hwm_mb "$BANK_PID")
rps=$(bench_wrk_field "$BENCH_DIR/wrk.txt" rps)
p99=$(bench_wrk_field "$BENCH_DIR/wrk.txt" p99)
bench_stop "$BANK_PID"
[ "${still_open:-0}" -eq "$idle" ] || bench_fail "only ${still_open:-0} of $idle idle connections stayed open"
bench_result idle "$idle idle keep-alive connections + dashboard load (${rps} req/s, p99 ${p99} ms): RSS ${rss_before} MB before, ${rss_idle} MB idle, peak ${peak} MB (high-water ${hwm} MB); limit ${limit_mb} MB, ratio $(bench_ratio "$hwm" "$limit_mb")"
