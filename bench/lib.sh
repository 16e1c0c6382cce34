# Shared by bench/scenarios/*.sh (sourced, not run). Every helper here is bounded in time and
# registers what it starts, so bench_cleanup (run on exit) stops and removes all of it.

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BANK_BINARY="${BANK_BINARY:-$bench_root/build/bank}"
BANK_BENCH_BINARY="${BANK_BENCH_BINARY:-$bench_root/build/bank_bench}"
BENCH_SMOKE="${BENCH_SMOKE:-}"
bench_pids=()
bench_postgres_data=""

bench_log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
bench_fail() { echo "FAIL: $*" >&2; exit 1; }
bench_skip() { echo "SKIP: $*" >&2; exit 77; }

# bench_size FULL SMOKE: the full figure, or the tiny one under --smoke.
bench_size() { if [ -n "$BENCH_SMOKE" ]; then echo "$2"; else echo "$1"; fi; }

bench_cleanup() {
    local pid
    for pid in "${bench_pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${bench_pids[@]}"; do
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [ -n "$bench_postgres_data" ]; then bench_as_postgres "$bench_pg_bin/pg_ctl" -D "$bench_postgres_data" -m immediate stop >/dev/null 2>&1 || true; fi
    [ -n "${BENCH_DIR:-}" ] && rm -rf "$BENCH_DIR"
}

# bench_init NAME: a scratch folder on disk (not tmpfs: fsync must cost what it costs) and
# the cleanup trap.
bench_init() {
    BENCH_DIR="$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/bank-bench-$1.XXXXXX")"
    chmod 755 "$BENCH_DIR"
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
    if [ "$(stat -f -c %T "$BENCH_DIR")" = tmpfs ]; then
        bench_log "warning: $BENCH_DIR is on tmpfs, so fsync is free; set BENCH_TMPDIR to a disk folder"
    fi
    [ -x "$BANK_BINARY" ] || bench_fail "no bank binary at $BANK_BINARY (ninja -C build bank bank_bench)"
    [ -x "$BANK_BENCH_BINARY" ] || bench_fail "no bank_bench at $BANK_BENCH_BINARY (ninja -C build bank_bench)"
}

# bench_need COMMAND PACKAGE...: installs the Debian packages when COMMAND is missing.
# Returns 1 when it cannot (the caller skips or leaves the anchor out).
bench_need() {
    local command="$1"
    shift
    command -v "$command" >/dev/null 2>&1 && return 0
    [ -x "$command" ] && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        bench_log "installing $* for $command"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 ||
            { apt-get update >/dev/null 2>&1 &&
              DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1; }
    fi
    command -v "$command" >/dev/null 2>&1 || [ -x "$command" ]
}

bench_need_or_skip() { bench_need "$@" || bench_skip "$1 is missing and could not be installed ($2)"; }

# A port nobody listens on, below Linux's ephemeral range (32768 and up by default): ports
# there are handed out to every outgoing connection and every bind to port 0, so one picked
# there could be taken before nginx or PostgreSQL bound it (it happened while wrk ran).
bench_free_port() {
    local port
    for _ in $(seq 200); do
        port=$((20000 + RANDOM % 12000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
    done
    bench_fail "no free port found"
}

bench_raise_fd_limit() {
    ulimit -n "$1" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
}

# bench_seed ROWS FILE: a fresh database with ROWS transactions written through the ledger.
# Within one `bench/run all` the seeded file is made once and copied for each scenario.
bench_seed() {
    local rows="$1" target="$2" users
    users=$(bench_size 100 4)
    local shared="${BENCH_SHARED_DIR:-}/seed-$rows-$users.db"
    if [ -n "${BENCH_SHARED_DIR:-}" ] && [ -f "$shared" ]; then
        cp "$shared" "$target"
        return 0
    fi
    bench_log "seeding $rows transactions for $users people (bank_bench seed)"
    "$BANK_BENCH_BINARY" seed --db "$target" --transactions "$rows" --users "$users" >&2 ||
        bench_fail "seeding failed"
    if [ -n "${BENCH_SHARED_DIR:-}" ]; then cp "$target" "$shared"; fi
}

# bench_start_bank DB [VAR=VALUE...]: starts `bank serve` on a free port; sets BANK_PORT,
# BANK_PID and BANK_URL. The request log goes to $BENCH_DIR/bank.log.
bench_start_bank() {
    local db="$1"
    shift
    local log="$BENCH_DIR/bank.log"
    : >"$log"
    env "$@" "$BANK_BINARY" serve --port 0 --db "$db" >>"$log" 2>&1 &
    BANK_PID=$!
    bench_pids+=("$BANK_PID")
    for _ in $(seq 600); do
        BANK_PORT=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$log" | head -1)
        [ -n "$BANK_PORT" ] && break
        kill -0 "$BANK_PID" 2>/dev/null || { cat "$log" >&2; bench_fail "bank serve exited"; }
        sleep 0.05
    done
    [ -n "$BANK_PORT" ] || bench_fail "bank serve did not start in 30 s"
    BANK_URL="http://127.0.0.1:$BANK_PORT"
}

# bench_stop PID: SIGTERM (the bank drains its writer and exits), bounded wait.
bench_stop() {
    kill -TERM "$1" 2>/dev/null || return 0
    for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$1" 2>/dev/null
    bench_fail "process $1 did not stop within 30 s"
}

# bench_api METHOD PATH [TOKEN] [JSON]: one API call; prints the body.
bench_api() {
    local args=(-sS --max-time 30 -X "$1" "$BANK_URL/api/v1$2")
    [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $3")
    [ -n "${4:-}" ] && args+=(-H 'Content-Type: application/json' -d "$4")
    curl "${args[@]}"
}

bench_json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }

bench_login() {
    local token
    token=$(bench_api POST /login "" "{\"email\":\"$1\",\"password\":\"${2:-Bench-passw0rd}\"}" | bench_json_field token)
    [ -n "$token" ] || bench_fail "could not sign in as $1"
    echo "$token"
}

# bench_wrk_field FILE rps|p50|p99|max: from wrk --latency output, in requests/s or ms.
bench_wrk_field() {
    local to_ms='function ms(v){ if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /m$/) return v*60000; if (v ~ /s$/) return v*1000; return v }'
    case "$2" in
        rps) awk '/^Requests\/sec:/ {print $2}' "$1" ;;
        p50) awk "$to_ms"' /^ +50(\.000)?%/ {printf "%.2f\n", ms($2)}' "$1" ;;
        p99) awk "$to_ms"' /^ +99(\.000)?%/ {printf "%.2f\n", ms($2)}' "$1" ;;
        max) awk "$to_ms"' /^ +Latency +[0-9]/ {printf "%.2f\n", ms($4)}' "$1" ;;
    esac
}

# bench_rate_field FILE NAME: a figure from `bank_bench rate` output (p50_ms, p99_ms, p99.9_ms,
# max_ms, achieved_rate, errors, ...).
bench_rate_field() { awk -v name="$2" '$1 == name {print $2}' "$1"; }

# bench_ratio A B: A/B with two decimals.
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f\n", a / b; else print "n/a" }'; }

bench_result() { printf 'RESULT %-10s %s\n' "$1" "$2"; }

bench_rss_mb() { awk '/^VmRSS/ {printf "%.1f\n", $2 / 1024}' "/proc/$1/status" 2>/dev/null; }
bench_hwm_mb() { awk '/^VmHWM/ {printf "%.1f\n", $2 / 1024}' "/proc/$1/status" 2>/dev/null; }

# --- PostgreSQL, the anchor of durable transfers -------------------------------------------
bench_pg_bin=""

# Runs a command as the postgres user when we are root (the server refuses to run as root).
bench_as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# bench_start_postgres: initdb into the scratch folder, start on a free port with the default
# durability (fsync on, synchronous_commit on, full_page_writes on); sets PG_PORT.
# Returns 1 when PostgreSQL is not there and cannot be installed.
bench_start_postgres() {
    bench_pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    if [ -z "$bench_pg_bin" ] || ! command -v pgbench >/dev/null; then
        bench_need pgbench postgresql postgresql-contrib || return 1
        bench_pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
        [ -n "$bench_pg_bin" ] || return 1
    fi
    local data="$BENCH_DIR/postgres"
    mkdir -p "$data"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$data"; fi
    bench_as_postgres "$bench_pg_bin/initdb" -D "$data" -A trust -U postgres >"$BENCH_DIR/initdb.log" 2>&1 ||
        { cat "$BENCH_DIR/initdb.log" >&2; return 1; }
    bench_postgres_data="$data"
    PG_PORT=$(bench_free_port)
    bench_as_postgres "$bench_pg_bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
        -o "-p $PG_PORT -k $data -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null ||
        { cat "$data/server.log" >&2; return 1; }
}

# --- nginx, the anchor of page throughput ----------------------------------------------------

# bench_start_nginx FILE: serves FILE's bytes at /dashboard on a free port with as many workers
# as cores; sets NGINX_PORT and NGINX_PID.
bench_start_nginx() {
    local root="$BENCH_DIR/nginx"
    mkdir -p "$root/html" "$root/logs"
    cp "$1" "$root/html/dashboard"
    chmod -R a+rX "$root"
    NGINX_PORT=$(bench_free_port)
    local user_line=""
    if [ "$(id -u)" -eq 0 ]; then user_line="user nobody nogroup;"; fi
    cat >"$root/nginx.conf" <<CONF
$user_line
worker_processes auto;
daemon off;
pid $root/nginx.pid;
error_log $root/logs/error.log;
worker_rlimit_nofile 65536;
events { worker_connections 16384; }
http {
    access_log $root/logs/access.log;
    client_body_temp_path $root/tmp_body;
    proxy_temp_path $root/tmp_proxy;
    fastcgi_temp_path $root/tmp_fastcgi;
    uwsgi_temp_path $root/tmp_uwsgi;
    scgi_temp_path $root/tmp_scgi;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $root/html;
        default_type text/html;
        location / { }
    }
}
CONF
    nginx -p "$root" -c "$root/nginx.conf" 2>"$root/logs/stderr.log" &
    NGINX_PID=$!
    bench_pids+=("$NGINX_PID")
    for _ in $(seq 100); do
        curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/dashboard" && return 0
        sleep 0.05
    done
    cat "$root/logs/stderr.log" "$root/logs/error.log" >&2
    return 1
}
