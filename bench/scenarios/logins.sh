#!/usr/bin/env bash
# Two sign-ins per second (bcrypt cost 12) while the dashboard load runs: how much the
# dashboard's p99 rises, measured twice: under wrk's closed loop (64 connections that keep
# both cores busy, so the p99 is mostly queueing) and under an open loop at a fixed rate
# below capacity (`bank_bench rate`, latency from each request's scheduled time). Then a
# flood of sign-ins: the worker pool queues at most limits::worker_queue_depth_max (64)
# bcrypt jobs and answers the rest 503 at once, and the per-address limit answers 429; no
# request waits in an unbounded queue.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_init logins
bench_need_or_skip wrk wrk
bench_need_or_skip curl curl

seconds=$(bench_size 30 3)
rows=$(bench_size 1000000 2000)
flood_seconds=$(bench_size 10 2)
open_seconds=$(bench_size 20 2)
# The open-loop load offers this fraction of the capacity the closed-loop run alone measured.
open_loop_fraction="${BENCH_OPEN_LOOP_FRACTION:-0.5}"
connections=64
queue_bound=64  # limits::worker_queue_depth_max

db="$BENCH_DIR/logins.db"
bench_seed "$rows" "$db"
# All sign-ins come from 127.0.0.1: allow the 2/s of the measurement (the default is 30 a
# minute per address) but keep a bound, so the flood below meets it too.
logins_per_minute=600
bench_start_bank "$db" BANK_LOGINS_PER_MINUTE=$logins_per_minute
token=$(bench_login bench0@example.com)
cookie="Cookie: bank_session=$token"
login_body='{"email":"bench1@example.com","password":"Bench-passw0rd"}'

dashboard_load() {
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "$cookie" -s "$bench_root/bench/lua/statuses.lua" \
        "$BANK_URL/dashboard" >"$1"
    local others
    others=$(awk '/^status / && $2 != 200 {n += $3} END {print n + 0}' "$1")
    [ "$others" -eq 0 ] || bench_fail "$others dashboard answers were not 200"
}

bench_log "baseline: dashboard load alone for $seconds s"
dashboard_load "$BENCH_DIR/wrk-alone.txt"
alone_p99=$(bench_wrk_field "$BENCH_DIR/wrk-alone.txt" p99)
alone_rps=$(bench_wrk_field "$BENCH_DIR/wrk-alone.txt" rps)

# sign_ins SECONDS FILE: 2 sign-ins per second for SECONDS in the background, one
# "STATUS TIME_TOTAL" line each in FILE; sets sign_ins_pid.
sign_ins() {
    : >"$2"
    (
        end=$((SECONDS + $1))
        while [ $SECONDS -lt $end ]; do
            curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 20 -H 'Content-Type: application/json' \
                -d "$login_body" "$BANK_URL/api/v1/login" >>"$2" &
            sleep 0.5
        done
        wait
    ) &
    sign_ins_pid=$!
    bench_pids+=("$sign_ins_pid")
}

# sign_ins_checked FILE: fails unless every sign-in of FILE succeeded; sets logins_ok,
# logins_total and login_p99 (ms).
sign_ins_checked() {
    logins_ok=$(awk '$1 == 200 {n++} END {print n + 0}' "$1")
    logins_total=$(wc -l <"$1")
    login_p99=$(awk '{print $2 * 1000}' "$1" | sort -n | awk '{v[NR] = $1} END {i = int(NR * 0.99); if (i < 1) i = 1; printf "%.0f\n", v[i]}')
    [ "$logins_ok" -eq "$logins_total" ] || bench_fail "only $logins_ok of $logins_total sign-ins succeeded"
}

bench_log "dashboard load with 2 sign-ins per second (bench1, not the dashboard's session)"
sign_ins "$seconds" "$BENCH_DIR/logins.txt"
dashboard_load "$BENCH_DIR/wrk-logins.txt"
wait "$sign_ins_pid" || true
with_p99=$(bench_wrk_field "$BENCH_DIR/wrk-logins.txt" p99)
with_rps=$(bench_wrk_field "$BENCH_DIR/wrk-logins.txt" rps)
sign_ins_checked "$BENCH_DIR/logins.txt"

# The open loop: the same dashboard at a fixed rate below the capacity just measured, so the
# cores have idle time the sign-ins can use, and each latency counts from the request's
# scheduled time (a request that waited for its connection is charged the wait).
open_rate=$(awk -v rps="$alone_rps" -v fraction="$open_loop_fraction" 'BEGIN { rate = int(rps * fraction); print (rate < 1 ? 1 : rate) }')
dashboard_open_load() {
    "$BANK_BENCH_BINARY" rate --url "$BANK_URL/dashboard" --rate "$open_rate" --connections "$connections" \
        --seconds "$open_seconds" --header "$cookie" >"$1" || { cat "$1" >&2; bench_fail "the open-loop dashboard load failed"; }
    local others
    others=$(awk '/^status / && $2 != 200 {n += $3} END {print n + 0}' "$1")
    [ "$others" -eq 0 ] || bench_fail "$others open-loop dashboard answers were not 200"
}
# The one-minute load average at the start of each half: on a machine shared with other work
# a neighbour that takes a core halves the capacity, and the fixed rate no longer leaves room.
bench_log "open loop: dashboard alone at $open_rate req/s ($open_loop_fraction of $alone_rps) for $open_seconds s"
open_alone_load=$(cut -d' ' -f1 /proc/loadavg)
dashboard_open_load "$BENCH_DIR/open-alone.txt"
bench_log "open loop: dashboard at $open_rate req/s with 2 sign-ins per second"
open_with_load=$(cut -d' ' -f1 /proc/loadavg)
sign_ins "$open_seconds" "$BENCH_DIR/logins-open.txt"
dashboard_open_load "$BENCH_DIR/open-logins.txt"
wait "$sign_ins_pid" || true
open_alone_p50=$(bench_rate_field "$BENCH_DIR/open-alone.txt" p50_ms)
open_alone_p99=$(bench_rate_field "$BENCH_DIR/open-alone.txt" p99_ms)
open_alone_p999=$(bench_rate_field "$BENCH_DIR/open-alone.txt" p99.9_ms)
open_with_p50=$(bench_rate_field "$BENCH_DIR/open-logins.txt" p50_ms)
open_with_p99=$(bench_rate_field "$BENCH_DIR/open-logins.txt" p99_ms)
open_with_p999=$(bench_rate_field "$BENCH_DIR/open-logins.txt" p99.9_ms)
open_with_rate=$(bench_rate_field "$BENCH_DIR/open-logins.txt" achieved_rate)
closed_logins="$logins_ok/$logins_total ok, p99 ${login_p99} ms"
sign_ins_checked "$BENCH_DIR/logins-open.txt"
open_logins="$logins_ok/$logins_total ok, p99 ${login_p99} ms"

bench_log "flood: wrk -t2 -c256 POST /api/v1/login for $flood_seconds s"
wrk -t2 -c256 -d"${flood_seconds}s" --timeout 30s --latency -s "$bench_root/bench/lua/statuses.lua" \
    "$BANK_URL" -- POST /api/v1/login "$login_body" >"$BENCH_DIR/wrk-flood.txt"
status_count() { awk -v code="$1" '/^status / && $2 == code {print $3}' "$BENCH_DIR/wrk-flood.txt" | grep . || echo 0; }
flood_ok=$(status_count 200)
flood_503=$(status_count 503)
flood_429=$(status_count 429)
flood_other=$(awk '/^status / && $2 != 200 && $2 != 429 && $2 != 503 {n += $3} END {print n + 0}' "$BENCH_DIR/wrk-flood.txt")
flood_max=$(bench_wrk_field "$BENCH_DIR/wrk-flood.txt" max)
[ "$flood_other" -eq 0 ] || bench_fail "the flood got other answers: $(grep '^status' "$BENCH_DIR/wrk-flood.txt")"
[ $((flood_503 + flood_429)) -gt 0 ] || bench_fail "the flood was never refused: $(grep '^status' "$BENCH_DIR/wrk-flood.txt")"
bench_log "flood: $flood_ok signed in, $flood_503 answered 503 (worker queue full), $flood_429 answered 429 (per-address limit), slowest ${flood_max} ms"
bench_stop "$BANK_PID"
"$BANK_BINARY" verify --db "$db" >"$BENCH_DIR/verify.txt" || { cat "$BENCH_DIR/verify.txt"; bench_fail "bank verify failed"; }

rise() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%+.0f%%\n", (a / b - 1) * 100; else print "n/a" }'; }
bench_result logins "dashboard p99 alone ${alone_p99} ms (${alone_rps} req/s), with 2 sign-ins/s ${with_p99} ms (${with_rps} req/s): rise $(rise "$with_p99" "$alone_p99"), ratio $(bench_ratio "$with_p99" "$alone_p99"); sign-ins $closed_logins"
bench_result logins-open-loop "dashboard at $open_rate req/s ($open_loop_fraction of $alone_rps), $connections connections, $open_seconds s: p99 alone ${open_alone_p99} ms (p50 ${open_alone_p50}, p99.9 ${open_alone_p999}), with 2 sign-ins/s ${open_with_p99} ms (p50 ${open_with_p50}, p99.9 ${open_with_p999}; ${open_with_rate} req/s achieved): rise $(rise "$open_with_p99" "$open_alone_p99"), ratio $(bench_ratio "$open_with_p99" "$open_alone_p99"); sign-ins $open_logins; load average $open_alone_load, $open_with_load"
bench_result flood "256 connections for $flood_seconds s: $flood_ok signed in, $flood_503 x 503 beyond the worker queue bound ($queue_bound), $flood_429 x 429 beyond $logins_per_minute/min per address; slowest answer ${flood_max} ms"
