#!/usr/bin/env python3
"""The cash-flow forecast's accuracy on `bank demo-data` histories, against two naive anchors.

Writes a history for each of --users people with `bank demo-data` on a fixed clock (the
BANK_TEST_NOW hook, so a run is reproducible on any day), serves it, signs each person in and
reads GET /api/v1/analytics/forecast. Its `accuracy` is the server's back-test: the forecast
method as of each of the last six month starts against the real end-of-day balances, beside
the two anchors over the same months: today's balance carried flat, and the last 30 days'
change repeated. Prints each person's three mean absolute errors of the 30-day end balance
(all accounts in total, and each account), and their means. Exit status 1 when the forecast
does not beat both anchors on the mean. Standard library only.

    python3 bench/forecast_accuracy.py --bank build/bank --users 20 --months 12 --seed 42
"""
import argparse, http.client, json, os, re, subprocess, sys, tempfile, time


def cents(text):
    return int(text.replace(".", ""))


def money(value):
    sign = "-" if value < 0 else ""
    value = abs(value)
    return f"{sign}{value // 100:,}.{value % 100:02d}"


def request(port, method, path, token=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection.request(method, path, body=json.dumps(body) if body else None, headers=headers)
    response = connection.getresponse()
    data = json.loads(response.read() or b"null")
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{method} {path}: {response.status} {data}")
    return data


def start_server(bank, db, env, log_path):
    log = open(log_path, "w")
    server = subprocess.Popen([bank, "serve", "--port", "0", "--db", db], stdout=log,
                              stderr=subprocess.STDOUT, env=env)
    for _ in range(600):
        match = re.search(r"listening on http://[^:]*:(\d+)", open(log_path).read())
        if match:
            return server, int(match.group(1))
        if server.poll() is not None:
            raise SystemExit(open(log_path).read())
        time.sleep(0.05)
    raise SystemExit("bank serve did not start in 30 s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bank", default="build/bank")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--now", default="2026-06-15T12:00:00Z", help="the clock of demo-data and the server")
    options = parser.parse_args()
    env = dict(os.environ, BANK_TEST_NOW=options.now)
    with tempfile.TemporaryDirectory(prefix="bank-forecast-accuracy-") as directory:
        db = os.path.join(directory, "bank.db")
        subprocess.run([options.bank, "demo-data", "--users", str(options.users), "--months",
                        str(options.months), "--seed", str(options.seed), "--db", db],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        server, port = start_server(options.bank, db, env, os.path.join(directory, "bank.log"))
        try:
            rows = []
            for person in range(1, options.users + 1):
                token = request(port, "POST", "/api/v1/login", body={
                    "email": f"demo{person}@example.com", "password": "demo-password"})["token"]
                scopes = [("total", "")]
                for account in request(port, "GET", "/api/v1/accounts", token)["accounts"]:
                    scopes.append((account["account_type"], account["account_id"]))
                for name, account_id in scopes:
                    query = f"?account_id={account_id}" if account_id else ""
                    accuracy = request(port, "GET", f"/api/v1/analytics/forecast{query}", token)["accuracy"]
                    if accuracy["months"] == 0:
                        continue
                    rows.append((f"demo{person}", name, accuracy["months"],
                                 cents(accuracy["mean_absolute_error"]),
                                 cents(accuracy["flat_mean_absolute_error"]),
                                 cents(accuracy["last_month_mean_absolute_error"]),
                                 accuracy["inside_band_basis_points"]))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{'person':<8} {'scope':<9} {'months':>6} {'forecast':>12} {'flat':>12} {'last month':>12} {'in band':>8}")
    for person, scope, months, error, flat, repeat, band in rows:
        print(f"{person:<8} {scope:<9} {months:>6} {money(error):>12} {money(flat):>12} {money(repeat):>12} {band / 100:>7.2f}%")
    if not rows:
        raise SystemExit("no history long enough to back-test")
    count = len(rows)
    mean = [sum(row[i] for row in rows) // count for i in (3, 4, 5)]
    band = sum(row[6] for row in rows) / count / 100
    print(f"mean of {count} scopes: forecast {money(mean[0])}, balance carried flat {money(mean[1])}, "
          f"last month repeated {money(mean[2])}; real balance inside the band on {band:.2f}% of days")
    beats = mean[0] < mean[1] and mean[0] < mean[2]
    print("the forecast beats both anchors" if beats else "the forecast does NOT beat both anchors")
    return 0 if beats else 1


if __name__ == "__main__":
    sys.exit(main())
