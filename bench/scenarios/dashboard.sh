#!/usr/bin/env bash
# Authenticated GET /dashboard with 1,000,000 transactions stored, against nginx serving a
# static file with the same bytes; 64 connections, requests/s and p99.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_init dashboard
bench_need_or_skip wrk wrk
bench_need_or_skip curl curl

seconds=$(bench_size 30 2)
rows=$(bench_size 1000000 2000)
connections=64

db="$BENCH_DIR/dashboard.db"
bench_seed "$rows" "$db"
bench_start_bank "$db"
token=$(bench_login bench0@example.com)
cookie="Cookie: bank_session=$token"
status=$(curl -sS -o "$BENCH_DIR/dashboard.html" -w '%{http_code}' -H "$cookie" "$BANK_URL/dashboard")
[ "$status" = 200 ] || bench_fail "GET /dashboard answered $status"
grep -q 'Recent' "$BENCH_DIR/dashboard.html" || bench_log "warning: the dashboard has no 'Recent' section"
bytes=$(wc -c <"$BENCH_DIR/dashboard.html")

bench_log "ours: wrk -t2 -c$connections GET /dashboard ($bytes bytes) for $seconds s"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "$cookie" -s "$bench_root/bench/lua/statuses.lua" \
    "$BANK_URL/dashboard" >"$BENCH_DIR/wrk-ours.txt"
grep -q '^status 200' "$BENCH_DIR/wrk-ours.txt" || bench_fail "no 200 answers: $(cat "$BENCH_DIR/wrk-ours.txt")"
others=$(awk '/^status / && $2 != 200 {n += $3} END {print n + 0}' "$BENCH_DIR/wrk-ours.txt")
[ "$others" -eq 0 ] || bench_fail "$others answers were not 200: $(grep '^status' "$BENCH_DIR/wrk-ours.txt")"
ours_rps=$(bench_wrk_field "$BENCH_DIR/wrk-ours.txt" rps)
ours_p99=$(bench_wrk_field "$BENCH_DIR/wrk-ours.txt" p99)
rss=$(bench_rss_mb "$BANK_PID")
bench_stop "$BANK_PID"
"$BANK_BINARY" verify --db "$db" >"$BENCH_DIR/verify.txt" || { cat "$BENCH_DIR/verify.txt"; bench_fail "bank verify failed"; }

anchor="nginx not available"
if bench_need nginx nginx-light nginx || bench_need nginx nginx; then
    bench_start_nginx "$BENCH_DIR/dashboard.html" || bench_fail "nginx did not start"
    bench_log "anchor: wrk -t2 -c$connections nginx static file for $seconds s"
    wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$NGINX_PORT/dashboard" >"$BENCH_DIR/wrk-nginx.txt"
    nginx_rps=$(bench_wrk_field "$BENCH_DIR/wrk-nginx.txt" rps)
    nginx_p99=$(bench_wrk_field "$BENCH_DIR/wrk-nginx.txt" p99)
    anchor="nginx ${nginx_rps} req/s (p99 ${nginx_p99} ms); ratio $(bench_ratio "$ours_rps" "$nginx_rps")"
fi
bench_result dashboard "ours ${ours_rps} req/s (p99 ${ours_p99} ms, $bytes bytes, $rows transactions stored, RSS ${rss} MB); $anchor"
