#!/usr/bin/env bash
# Runs deploy/nginx-bank.conf as written (only the ports, names and certificate paths
# replaced) in front of a real `bank serve` with deploy/bank.env's settings, and checks
# the things a deployment depends on: HTTPS answers through the proxy, HSTS, Secure cookies
# and the HTTP->HTTPS redirect.
# Exit 77 (skipped) when nginx or openssl is not installed.
set -euo pipefail
binary=${BANK_BINARY:-build/bank}
source_dir=${BANK_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
command -v nginx >/dev/null || { echo "SKIP: nginx is not installed"; exit 77; }
command -v openssl >/dev/null || { echo "SKIP: openssl is not installed"; exit 77; }

work=$(mktemp -d)
cleanup() {
    [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    [[ -n ${bank_pid:-} ]] && kill "$bank_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
app_port=$(free_port); http_port=$(free_port); https_port=$(free_port)

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/privkey.pem" -out "$work/fullchain.pem" \
    -days 1 -subj /CN=localhost >/dev/null 2>&1

# The app with the settings of deploy/bank.env.
set -a; source "$source_dir/deploy/bank.env"; set +a
"$binary" serve --host 127.0.0.1 --port "$app_port" --db "$work/bank.db" --web-root "$source_dir" \
    >"$work/bank.log" 2>&1 &
bank_pid=$!

sed -e "s|127.0.0.1:5000|127.0.0.1:$app_port|" \
    -e "s|listen 80;|listen 127.0.0.1:$http_port;|" -e "/listen \[::\]:80;/d" \
    -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" -e "/listen \[::\]:443/d" \
    -e "s|bank.example.com|localhost|" \
    -e "s|/etc/ssl/bank/|$work/|" \
    "$source_dir/deploy/nginx-bank.conf" >"$work/site.conf"
cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
    access_log off;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    include $work/site.conf;
}
CONF
nginx -t -c "$work/nginx.conf" -p "$work" 2>&1 | grep -v "^$" || true
nginx -c "$work/nginx.conf" -p "$work"

fail() { echo "FAIL: $*"; echo "--- bank log"; tail -20 "$work/bank.log"; exit 1; }

# Polls "$@" until it succeeds; after a generous ceiling (60 s: it only ends a hung run) fails
# naming the condition ($1), not asserting how fast anything was.
wait_for() {
    local what="$1"
    shift
    local deadline=$((SECONDS + 60))
    until "$@"; do
        ((SECONDS < deadline)) || fail "timed out waiting for $what"
        sleep 0.1
    done
}
answers_healthz() { curl -skf "https://localhost:$https_port/healthz" >/dev/null 2>&1; }
wait_for "the app to answer /healthz through nginx" answers_healthz
headers=$(curl -sk -D - -o /dev/null "https://localhost:$https_port/login")
grep -q "^HTTP/[0-9.]* 200" <<<"$headers" || fail "GET /login through nginx: $headers"
grep -qi "^strict-transport-security: max-age=" <<<"$headers" || fail "no HSTS"
grep -i "^set-cookie:" <<<"$headers" | grep -qi "; Secure" || fail "cookies are not Secure"
redirect=$(curl -s -o /dev/null -w "%{http_code} %{redirect_url}" "http://localhost:$http_port/login")
[[ $redirect == "301 https://localhost/login" ]] || fail "HTTP does not redirect to HTTPS: $redirect"
# A redirected log is written at least once a second (docs/DEPLOYMENT.md, "Logs").
wait_for "the app's log line for GET /login" grep -q "GET /login 200" "$work/bank.log"
echo "1 passed, 0 failed"
