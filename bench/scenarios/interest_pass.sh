#!/usr/bin/env bash
# The first interest pass of a month over every savings account of a bank (issue 14): people
# with a checking and a savings account each (bank_bench seed) and a savings rate in force,
# and a server whose clock (BANK_TEST_NOW) is in the next month, so each savings account has
# this month's interest to post. The freshly started `bank serve` runs the pass on its
# scheduler thread at once; its duration is
# the time from the server's "listening" line to its "interest:" line, both from the server's
# own log. The anchor, measured in the same run: the writer alone for as many postings
# (`bank_bench seed` of the same number of deposits, submitted without waiting). Afterwards
# each savings account must have its records and `bank verify` must pass (it recomputes every
# interest posting from the balances and the rates).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

bench_init interest_pass
bench_need_or_skip sqlite3 sqlite3

people=$(bench_size 2002 20)
db="$BENCH_DIR/interest.db"

bench_log "seeding $people people, two accounts each"
"$BANK_BENCH_BINARY" seed --db "$db" --users "$people" --transactions $((people * 10)) --days 60 >&2 ||
    bench_fail "seeding failed"
# 3.65 % a year (in millionths), in force since before any account was opened.
sqlite3 "$db" "INSERT INTO interest_rates VALUES ('savings', '2000-01-01', 36500, 'bench', 0);"
next_month=$(date -u -d "$(date -u +%Y-%m-01) +1 month +14 days" +%Y-%m-%dT12:00:00Z)

# seconds_between LOG FROM TO: the seconds from the first line matching FROM to the first
# matching TO, by the log's own timestamps ("[YYYY-MM-DD HH:MM:SS.mmm]").
seconds_between() {
    awk -v from="$2" -v to="$3" '
        function at(line) { split(substr(line, 13, 12), t, ":"); return t[1] * 3600 + t[2] * 60 + t[3] }
        $0 ~ from && !start { start = at($0) }
        $0 ~ to && !end { end = at($0) }
        END { if (start && end) printf "%.3f\n", end - start; else print "n/a" }' "$1"
}

bench_start_bank "$db" BANK_TEST_NOW="$next_month"
for _ in $(seq 1200); do
    grep -q 'interest:' "$BENCH_DIR/bank.log" && break
    kill -0 "$BANK_PID" 2>/dev/null || { cat "$BENCH_DIR/bank.log" >&2; bench_fail "bank serve exited"; }
    sleep 0.5
done
grep 'interest:' "$BENCH_DIR/bank.log" >&2 || bench_fail "no interest pass within 600 s"
bench_stop "$BANK_PID"
pass=$(seconds_between "$BENCH_DIR/bank.log" 'listening on' 'interest:')
posted=$(sqlite3 "$db" "SELECT COUNT(*) FROM transactions WHERE idempotency_key LIKE 'interest:%';")
savings_recorded=$(sqlite3 "$db" "SELECT COUNT(DISTINCT account_id) FROM interest_accruals;")
[ "$savings_recorded" -eq "$people" ] || bench_fail "$savings_recorded of $people savings accounts recorded"
"$BANK_BINARY" verify --db "$db" >"$BENCH_DIR/verify.txt" ||
    { cat "$BENCH_DIR/verify.txt" >&2; bench_fail "bank verify failed"; }

anchor_db="$BENCH_DIR/anchor.db"
"$BANK_BENCH_BINARY" seed --db "$anchor_db" --users "$people" --transactions "$posted" --days 60 \
    >"$BENCH_DIR/anchor.txt" || bench_fail "the anchor's seeding failed"
anchor=$(sed -n 's/.* in \([0-9.]*\) s$/\1/p' "$BENCH_DIR/anchor.txt")
bench_result interest_pass "$people savings accounts, $posted interest postings: pass ${pass} s; the writer alone for as many postings ${anchor} s; ratio $(bench_ratio "$pass" "$anchor")"
