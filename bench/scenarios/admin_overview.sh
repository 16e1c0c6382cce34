#!/usr/bin/env bash
# GET /api/v1/admin/overview at 200 and at 100,000 customers, each with a checking and a
# savings account and a few postings in the last 30 days (bank_bench seed --days 30, so both
# banks have figures on the days the overview shows): p50 and p99 of an open-loop load at a
# fixed rate, and the ratio of the large bank's to the small one's. The overview reads only
# the bank-wide figures kept with every write (issue 16: within 1.5x). `bank verify` checks
# the figures of each seeded file first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

bench_init admin_overview
bench_need_or_skip curl curl

small=$(bench_size 200 20)
large=$(bench_size 100000 400)
seconds=$(bench_size 20 2)
rate=$(bench_size 20 10)

# measure PEOPLE: seeds a bank of PEOPLE customers, loads the overview; prints "p50 p99".
measure() {
    local people="$1" db="$BENCH_DIR/overview-$1.db" token
    bench_log "seeding $people people, two accounts each and about three postings each"
    "$BANK_BENCH_BINARY" seed --db "$db" --users "$people" --transactions $((people * 5)) --days 30 >&2 ||
        bench_fail "seeding failed"
    "$BANK_BINARY" verify --db "$db" >"$BENCH_DIR/verify-$people.txt" ||
        { cat "$BENCH_DIR/verify-$people.txt" >&2; bench_fail "bank verify failed"; }
    grep '^bank figures:' "$BENCH_DIR/verify-$people.txt" >&2
    "$BANK_BINARY" admin grant bench0@example.com --db "$db" >&2
    bench_start_bank "$db"
    token=$(bench_login bench0@example.com)
    "$BANK_BENCH_BINARY" rate --url "$BANK_URL/api/v1/admin/overview" --rate "$rate" \
        --connections 2 --seconds "$seconds" --header "Authorization: Bearer $token" \
        >"$BENCH_DIR/rate-$people.txt" || { cat "$BENCH_DIR/rate-$people.txt" >&2; bench_fail "the load failed"; }
    bench_stop "$BANK_PID"
    echo "$(bench_rate_field "$BENCH_DIR/rate-$people.txt" p50_ms) $(bench_rate_field "$BENCH_DIR/rate-$people.txt" p99_ms)"
}

read -r small_p50 small_p99 <<<"$(measure "$small")"
read -r large_p50 large_p99 <<<"$(measure "$large")"
bench_result admin_overview "$small people: p50 ${small_p50} ms p99 ${small_p99} ms; $large people: p50 ${large_p50} ms p99 ${large_p99} ms; ratio p50 $(bench_ratio "$large_p50" "$small_p50") p99 $(bench_ratio "$large_p99" "$small_p99")"
