#!/usr/bin/env bash
# The analytics API and the /analytics page with 1,000,000 transactions of one person over
# five years (bank demo-data), against the anchor: the same figures computed by SQL
# aggregates over the transactions table, in the same run on the same file. Median latencies
# and their ratios. BENCH_ANALYTICS_DB=FILE reuses (a copy of) a database made earlier by
# this scenario instead of generating one. BENCH_ANALYTICS_ONLY=issue15 times only budgets,
# recurring, forecast and notifications (issue 15), repeated and after a new posting;
# BENCH_ANALYTICS_ONLY=analytics only the analytics rows with their anchors.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

BENCH_DIR="$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/bank-bench-analytics.XXXXXX")"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
bench_need_or_skip curl curl
bench_need_or_skip python3 python3

bench_log "building bank"
ninja -C "$bench_root/build" -j2 bank >/dev/null

rows=$(bench_size 1000000 5000)
months=$(bench_size 60 6)
requests=${BENCH_ANALYTICS_REQUESTS:-$(bench_size 200 20)}
db="$BENCH_DIR/analytics.db"
if [ -n "${BENCH_ANALYTICS_DB:-}" ] && [ -z "$BENCH_SMOKE" ]; then
    bench_log "copying $BENCH_ANALYTICS_DB"
    cp "$BENCH_ANALYTICS_DB" "$db"
else
    bench_log "bank demo-data --users 1 --months $months --seed 42 --transactions $rows"
    "$BANK_BINARY" demo-data --users 1 --months "$months" --seed 42 --transactions "$rows" --db "$db" |
        tee "$BENCH_DIR/demo-data.txt" >&2
fi
"$BANK_BINARY" verify --db "$db" >"$BENCH_DIR/verify.txt" || { cat "$BENCH_DIR/verify.txt"; bench_fail "bank verify failed"; }
grep '^transactions:' "$BENCH_DIR/verify.txt" >&2

bench_start_bank "$db"
token=$(bench_login demo1@example.com demo-password)
python3 "$bench_root/bench/analytics_latency.py" --url "$BANK_URL" --token "$token" --db "$db" \
    --requests "$requests" ${BENCH_ANALYTICS_ONLY:+--only "$BENCH_ANALYTICS_ONLY"}
bench_stop "$BANK_PID"
