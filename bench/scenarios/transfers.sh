#!/usr/bin/env bash
# Durable transfers: POST /api/v1/transfer on SQLite with 64 connections, against PostgreSQL
# pgbench TPC-B (best of -c 1, 8, 32) and the SQLite single-row commit floor. Afterwards the
# ledger's transfer count must equal the acknowledged count and `bank verify` must pass.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_init transfers
bench_need_or_skip wrk wrk
bench_need_or_skip curl curl

seconds=$(bench_size 30 2)
connections=64
pg_scale=$(bench_size 32 1)

# --- ours ---
db="$BENCH_DIR/transfers.db"
# One bearer token drives all 64 connections, so lift the per-token API limit (6000/min by
# default) for the run; everything else is as deployed.
bench_start_bank "$db" BANK_API_REQUESTS_PER_MINUTE=1000000000
bench_api POST /register "" '{"email":"payer@example.com","password":"Bench-passw0rd","full_name":"Pay Er"}' >/dev/null
token=$(bench_login payer@example.com)
account_a=$(bench_api POST /accounts "$token" '{"account_type":"checking","initial_balance":"1000000.00"}')
account_b=$(bench_api POST /accounts "$token" '{"account_type":"savings","initial_balance":"1000000.00"}')
a_id=$(echo "$account_a" | bench_json_field account_id); a_number=$(echo "$account_a" | bench_json_field account_number)
b_id=$(echo "$account_b" | bench_json_field account_id); b_number=$(echo "$account_b" | bench_json_field account_number)
[ -n "$a_id" ] && [ -n "$b_number" ] || bench_fail "could not open the accounts: $account_a $account_b"

bench_log "ours: wrk -t2 -c$connections, transfers for $seconds s"
wrk -t2 -c"$connections" -d"$((seconds + 3))s" --timeout 10s --latency -s "$bench_root/bench/lua/transfer.lua" \
    "$BANK_URL" -- "$token" "$a_id" "$a_number" "$b_id" "$b_number" "$seconds" >"$BENCH_DIR/wrk.txt"
acknowledged=$(awk '/^acknowledged/ {print $2}' "$BENCH_DIR/wrk.txt")
refused=$(awk '/^refused/ {print $2}' "$BENCH_DIR/wrk.txt")
p50=$(bench_wrk_field "$BENCH_DIR/wrk.txt" p50)
p99=$(bench_wrk_field "$BENCH_DIR/wrk.txt" p99)
bench_stop "$BANK_PID"
ours_tps=$(awk -v n="$acknowledged" -v s="$seconds" 'BEGIN { printf "%.0f\n", n / s }')

"$BANK_BINARY" verify --db "$db" >"$BENCH_DIR/verify.txt" || { cat "$BENCH_DIR/verify.txt"; bench_fail "bank verify failed"; }
stored=$(awk '/^transfers:/ {print $2}' "$BENCH_DIR/verify.txt")
[ "$acknowledged" -gt 0 ] || bench_fail "no transfer was acknowledged"
[ "$stored" = "$acknowledged" ] || bench_fail "the ledger holds $stored transfers, $acknowledged were acknowledged"
bench_log "verify: OK; $stored transfers stored = $acknowledged acknowledged; $refused refused"

# --- the storage floor ---
floor=$("$BANK_BENCH_BINARY" floor --db "$BENCH_DIR/floor.db" --seconds "$(bench_size 5 1)" | awk '{print $2}')

# --- PostgreSQL pgbench TPC-B ---
pg_best=0
pg_best_clients=0
if bench_start_postgres; then
    export PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER=postgres
    bench_as_postgres env PGHOST=127.0.0.1 PGPORT="$PG_PORT" pgbench -i -q -s "$pg_scale" postgres >"$BENCH_DIR/pgbench-init.txt" 2>&1 ||
        { cat "$BENCH_DIR/pgbench-init.txt"; bench_fail "pgbench -i failed"; }
    for clients in 1 8 32; do
        jobs=$((clients < 2 ? clients : 2))
        bench_as_postgres env PGHOST=127.0.0.1 PGPORT="$PG_PORT" \
            pgbench -M prepared -c "$clients" -j "$jobs" -T "$seconds" postgres >"$BENCH_DIR/pgbench-$clients.txt" 2>&1 ||
            { cat "$BENCH_DIR/pgbench-$clients.txt"; bench_fail "pgbench -c $clients failed"; }
        tps=$(awk '/^tps = / {printf "%.0f\n", $3; exit}' "$BENCH_DIR/pgbench-$clients.txt")
        bench_log "pgbench TPC-B -c $clients: $tps tps"
        if [ "${tps:-0}" -gt "$pg_best" ]; then pg_best=$tps; pg_best_clients=$clients; fi
    done
else
    bench_log "PostgreSQL could not be installed or started: the pgbench anchor is left out"
fi

bench_result transfers "ours ${ours_tps} tps (p50 ${p50} ms, p99 ${p99} ms, $connections connections); pgbench TPC-B best ${pg_best} tps (-c $pg_best_clients); ratio $(bench_ratio "$ours_tps" "$pg_best")"
bench_result floor "SQLite WAL synchronous=FULL single-row commits ${floor}/s; ours/floor $(bench_ratio "$ours_tps" "$floor")"
