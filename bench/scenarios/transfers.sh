#!/usr/bin/env bash
# Durable transfers on SQLite with 64 connections, from a ring of 32 people (bank_bench seed,
# each signed in with their own token) paying the next one: POST /api/v1/transfer, then
# POST /api/v1/transfers/batch with 1,000 transfers a batch. In the same run: the server's own
# HTTP ceiling (GET /healthz under the same wrk load), PostgreSQL pgbench TPC-B (best of -c 1, 8,
# 32) and the SQLite single-row commit floor. Afterwards the ledger's transfer count must equal
# the seeded ones plus every acknowledged one, and `bank verify` must pass.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_init transfers
bench_need_or_skip wrk wrk
bench_need_or_skip curl curl

seconds=$(bench_size 30 2)
connections=64
pg_scale=$(bench_size 32 1)

# --- ours: a ring of people paying each other, each with their own token ---
db="$BENCH_DIR/transfers.db"
people=$(bench_size 32 4)
bench_log "seeding $people people, two accounts each (bank_bench seed)"
"$BANK_BENCH_BINARY" seed --db "$db" --transactions "$((people * 20))" --users "$people" >&2 ||
    bench_fail "seeding failed"
"$BANK_BINARY" verify --db "$db" >"$BENCH_DIR/verify-seeded.txt" || bench_fail "bank verify failed on the seed"
seeded=$(awk '/^transfers:/ {print $2}' "$BENCH_DIR/verify-seeded.txt")
# Each token drives a few of the 64 connections and every person signs in once, so lift the
# per-token API limit and the sign-ins per address for the run; everything else is as deployed.
bench_start_bank "$db" BANK_API_REQUESTS_PER_MINUTE=1000000000 BANK_LOGINS_PER_MINUTE=100000
ring="$BENCH_DIR/ring.txt"
: >"$ring"
declare -a tokens checking_ids checking_numbers
for ((index = 0; index < people; index++)); do
    tokens[index]=$(bench_login "bench$index@example.com")
    accounts=$(bench_api GET /accounts "${tokens[index]}")
    checking_ids[index]=$(echo "$accounts" | tr '{' '\n' | grep '"account_type":"checking"' | bench_json_field account_id)
    checking_numbers[index]=$(echo "$accounts" | tr '{' '\n' | grep '"account_type":"checking"' | bench_json_field account_number)
    [ -n "${checking_ids[index]}" ] || bench_fail "no checking account for bench$index: $accounts"
done
for ((index = 0; index < people; index++)); do
    next=$(((index + 1) % people))
    echo "${tokens[index]} ${checking_ids[index]} ${checking_numbers[next]}" >>"$ring"
done

# run_ring MODE CONNECTIONS: wrk -t2 for $seconds; sets acknowledged, refused, p50, p99. wrk
# runs $grace s longer than the load, so every request in flight at the end is answered and
# counted (the check against the ledger below fails otherwise).
grace=$(bench_size 10 5)
run_ring() {
    local output="$BENCH_DIR/wrk-$1.txt"
    bench_log "ours ($1): wrk -t2 -c$2, a ring of $people people, $seconds s"
    wrk -t2 -c"$2" -d"$((seconds + grace))s" --timeout 10s --latency \
        -s "$bench_root/bench/lua/transfer_ring.lua" "$BANK_URL" -- "$ring" "$1" "$seconds" >"$output"
    acknowledged=$(awk '/^acknowledged/ {print $2}' "$output")
    refused=$(awk '/^refused/ {print $2}' "$output")
    local failed
    failed=$(awk '/^failed/ {print $2}' "$output")
    [ "$failed" = 0 ] || bench_fail "$failed answers were neither created nor refused (see $output)"
    p50=$(bench_wrk_field "$output" p50)
    p99=$(bench_wrk_field "$output" p99)
}

# The server's own HTTP ceiling under the same load: GET /healthz, same threads and connections.
bench_log "ceiling: wrk -t2 -c$connections GET /healthz, $seconds s"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$bench_root/bench/lua/statuses.lua" \
    "$BANK_URL/healthz" >"$BENCH_DIR/wrk-healthz.txt"
healthz_rps=$(bench_wrk_field "$BENCH_DIR/wrk-healthz.txt" rps)
healthz_ok=$(awk '/^status 200 / {print $3}' "$BENCH_DIR/wrk-healthz.txt")
[ "${healthz_ok:-0}" -gt 0 ] || bench_fail "GET /healthz answered no 200 (see $BENCH_DIR/wrk-healthz.txt)"

run_ring single "$connections"
single_acknowledged=$acknowledged single_refused=$refused single_p50=$p50 single_p99=$p99
# Batches come from a few clients at once (a payroll upload, not 64 of them): 8 connections.
batch_connections=$(bench_size 8 2)
run_ring batch "$batch_connections"
batch_acknowledged=$acknowledged batch_refused=$refused batch_p50=$p50 batch_p99=$p99
bench_stop "$BANK_PID"
ours_tps=$(awk -v n="$single_acknowledged" -v s="$seconds" 'BEGIN { printf "%.0f\n", n / s }')
batch_tps=$(awk -v n="$batch_acknowledged" -v s="$seconds" 'BEGIN { printf "%.0f\n", n / s }')

"$BANK_BINARY" verify --db "$db" >"$BENCH_DIR/verify.txt" || { cat "$BENCH_DIR/verify.txt"; bench_fail "bank verify failed"; }
stored=$(awk '/^transfers:/ {print $2}' "$BENCH_DIR/verify.txt")
[ "$single_acknowledged" -gt 0 ] || bench_fail "no transfer was acknowledged"
[ "$batch_acknowledged" -gt 0 ] || bench_fail "no batched transfer was acknowledged"
expected=$((seeded + single_acknowledged + batch_acknowledged))
[ "$stored" = "$expected" ] ||
    bench_fail "the ledger holds $stored transfers: $seeded seeded + $single_acknowledged + $batch_acknowledged acknowledged = $expected"
bench_log "verify: OK; $stored transfers stored; acknowledged: $single_acknowledged single, $batch_acknowledged in batches; refused $single_refused and $batch_refused"

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

bench_result transfers "ours ${ours_tps} tps (p50 ${single_p50} ms, p99 ${single_p99} ms; $people people in a ring, $connections connections); pgbench TPC-B best ${pg_best} tps (-c $pg_best_clients); ratio $(bench_ratio "$ours_tps" "$pg_best")"
bench_result ceiling "GET /healthz ${healthz_rps} answers/s under the same load; transfers/ceiling $(bench_ratio "$ours_tps" "$healthz_rps")"
bench_result batch "batches of 1,000: ${batch_tps} transfers/s (p50 ${batch_p50} ms, p99 ${batch_p99} ms per batch, $batch_connections connections); ratio to pgbench $(bench_ratio "$batch_tps" "$pg_best")"
bench_result floor "SQLite WAL synchronous=FULL single-row commits ${floor}/s; ours/floor $(bench_ratio "$ours_tps" "$floor")"
