#!/usr/bin/env bash
# The scale curve (issue 16): banks of 10,000, 100,000, 1,000,000 and 10,000,000 transactions
# over the last year, one person per 1,000 of them (at least 10; two accounts each, paying each
# other), so the bank grows and each person's history stays a busy person's year; for each,
# p50 and p99 of /dashboard, /transactions (the first page and one 10,000 postings back, or
# the last), /analytics (12 months), the 30-day forecast and /admin, as bench0, an admin
# (bench/scale_latency.py: one client, sequential keep-alive requests). The anchor is the
# smallest bank of the same run: the goal is p99 at the largest within 2x of it on every page.
# BENCH_SCALE_SIZES overrides the sizes, BENCH_SCALE_PEOPLE=N fixes the number of people (1:
# one person holds the whole bank); BENCH_SCALE_KEEP=DIR keeps each seeded file there and
# reuses it on the next run (the 10,000,000 seed takes long; its time is printed once).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
bench_init scale
bench_need_or_skip curl curl

sizes=${BENCH_SCALE_SIZES:-$(bench_size "10000 100000 1000000 10000000" "2000 4000")}
requests=$(bench_size 200 5)
keep=${BENCH_SCALE_KEEP:-}
declare -A p99_of first_p99
results="$BENCH_DIR/results.txt"
: >"$results"

seeded_db() {  # seeded_db ROWS: prints the path of a seeded file (kept or fresh)
    local rows="$1" people="${BENCH_SCALE_PEOPLE:-$(($1 / 1000 > 10 ? $1 / 1000 : 10))}"
    local db="$BENCH_DIR/scale-$1.db" name="scale-$rows-$people.db"
    if [ -n "$keep" ] && [ -f "$keep/$name" ]; then
        cp "$keep/$name" "$db"
    else
        local started=$SECONDS
        "$BANK_BENCH_BINARY" seed --db "$db" --transactions "$rows" --users "$people" >&2 ||
            bench_fail "seeding $rows failed"
        bench_log "seeded $rows transactions for $people people in $((SECONDS - started)) s"
        if [ -n "$keep" ]; then mkdir -p "$keep" && cp "$db" "$keep/$name"; fi
    fi
    echo "$db"
}

for rows in $sizes; do
    db=$(seeded_db "$rows")
    "$BANK_BINARY" admin grant --db "$db" bench0@example.com >/dev/null || bench_fail "admin grant failed"
    bench_start_bank "$db" BANK_API_REQUESTS_PER_MINUTE=1000000000
    # The steady state: after the scheduler's first interest pass (at start it records a
    # year of daily accruals for every savings account, each write moving its owner's data
    # version and so emptying their kept pages), as a server that has been up a while.
    for _ in $(seq 3600); do grep -q '\] interest: ' "$BENCH_DIR/bank.log" && break; sleep 0.5; done
    grep -q '\] interest: ' "$BENCH_DIR/bank.log" || bench_fail "the first interest pass did not end in 30 minutes"
    token=$(bench_login bench0@example.com)
    bench_log "$rows transactions: $requests requests per page"
    python3 "$bench_root/bench/scale_latency.py" --url "$BANK_URL" --token "$token" \
        --requests "$requests" >"$BENCH_DIR/latency-$rows.txt" || bench_fail "measuring $rows failed"
    bench_stop "$BANK_PID"
    "$BANK_BINARY" verify --db "$db" >"$BENCH_DIR/verify.txt" || { cat "$BENCH_DIR/verify.txt"; bench_fail "bank verify failed at $rows"; }
    while read -r _ name p50 p99 _; do
        printf '%-10s %-22s p50 %8s ms  p99 %8s ms\n' "$rows" "$name" "$p50" "$p99" | tee -a "$results" >&2
        p99_of[$name]=$p99
        [ -n "${first_p99[$name]:-}" ] || first_p99[$name]=$p99
    done <"$BENCH_DIR/latency-$rows.txt"
    rm -f "$db"
done

smallest=${sizes%% *}
largest=${sizes##* }
summary=""
for name in dashboard transactions_first transactions_deep analytics_12m forecast_30d admin; do
    summary+=" $name $(bench_ratio "${p99_of[$name]}" "${first_p99[$name]}")x;"
done
bench_result scale "p99 at $largest against $smallest transactions (goal < 2x):$summary"
