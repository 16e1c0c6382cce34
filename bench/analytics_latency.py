#!/usr/bin/env python3
"""Median latency of the analytics API and the /analytics page (keep-alive HTTP, one client),
against the anchor: the same figures computed by SQL aggregates over the transactions table of
the same file (Python's sqlite3, in process, so the anchor pays no HTTP at all). Called by
bench/scenarios/analytics.sh."""
import argparse, http.client, json, sqlite3, statistics, time, urllib.parse


def median_ms(action, count):
    action()  # warm: caches, prepared statements
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


class Client:
    """One keep-alive connection that is opened again when the server has closed it: the server
    ends a connection idle for its request timeout (30 s), which the slow anchor queries between
    two endpoints can exceed. A request is retried once, on a fresh connection, only when the old
    one turned out to be closed. Such a reconnect falls on the untimed warm-up request that
    median_ms sends before each endpoint's timed ones."""

    def __init__(self, url, token):
        self.host, self.port, self.token = url.hostname, url.port, token
        self.connection = None

    def get(self, path):
        return self.send("GET", path)

    def post(self, path, document, expected=(200, 201)):
        return self.send("POST", path, json.dumps(document), expected)

    def send(self, method, path, body=None, expected=(200,)):
        headers = {"Authorization": f"Bearer {self.token}"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                body = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
                continue
            if response.status not in expected:
                raise SystemExit(f"{method} {path}: {response.status} {body[:200]!r}")
            if response.will_close:
                self.connection.close()
                self.connection = None
            return body


def month_bounds(months):
    """[first day of the month `months - 1` before this one, first day of next month), in µs."""
    today = time.gmtime()
    year, month = today.tm_year, today.tm_mon
    start_year, start_month = year, month - (months - 1)
    while start_month <= 0:
        start_month += 12
        start_year -= 1
    end_year, end_month = (year + 1, 1) if month == 12 else (year, month + 1)
    to_micros = lambda y, m: int(time.mktime((y, m, 1, 0, 0, 0, 0, 0, 0)) - time.timezone) * 1_000_000
    return to_micros(start_year, start_month), to_micros(end_year, end_month)


def anchor_queries(database, months):
    """The summary's figures (totals by type, spending by category, 12 months by type) straight
    from the transactions table."""
    start, end = month_bounds(months)
    year_start, _ = month_bounds(12)
    accounts = "SELECT account_id FROM accounts WHERE user_id = (SELECT user_id FROM users WHERE email = 'demo1@example.com')"
    def run():
        database.execute(f"SELECT transaction_type, sum(amount), count(*) FROM transactions WHERE account_id IN ({accounts}) "
                         "AND timestamp >= ? AND timestamp < ? GROUP BY 1", (start, end)).fetchall()
        database.execute(f"SELECT category, sum(amount), count(*) FROM transactions WHERE account_id IN ({accounts}) "
                         "AND timestamp >= ? AND timestamp < ? AND transaction_type IN ('withdrawal', 'transfer_out') GROUP BY 1",
                         (start, end)).fetchall()
        database.execute(f"SELECT strftime('%Y-%m', timestamp / 1000000, 'unixepoch'), transaction_type, category, sum(amount) "
                         f"FROM transactions WHERE account_id IN ({accounts}) AND timestamp >= ? AND timestamp < ? GROUP BY 1, 2, 3",
                         (year_start, end)).fetchall()
    return run


OUTFLOW = "transaction_type IN ('withdrawal', 'transfer_out')"


def anchor_details(database, months):
    """The top payees, largest and unusual postings of the period straight from the transactions
    table: one aggregate each, as the endpoints computed them before rollups and index walks."""
    start, end = month_bounds(months)
    accounts = ("SELECT account_id FROM accounts WHERE user_id = "
                "(SELECT user_id FROM users WHERE email = 'demo1@example.com')")
    period = f"account_id IN ({accounts}) AND timestamp >= ? AND timestamp < ? AND {OUTFLOW}"
    queries = {
        "top-payees": f"SELECT description, sum(amount), count(*) FROM transactions WHERE {period} "
                      "GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
        "largest": f"SELECT * FROM transactions WHERE {period} ORDER BY amount DESC, sequence DESC LIMIT 10",
        "unusual": f"WITH averages AS (SELECT category, round(avg(amount)) AS average FROM transactions "
                   f"WHERE {period} GROUP BY category) SELECT transactions.* FROM transactions "
                   f"JOIN averages USING (category) WHERE {period} "
                   "AND amount > 3 * average ORDER BY sequence DESC LIMIT 20",
    }
    def runner(endpoint):
        sql = queries[endpoint]
        parameters = (start, end) * sql.count("timestamp >= ?")
        return lambda: database.execute(sql, parameters).fetchall()
    return runner


def anchor_all_time(database):
    """The same figures over the whole history, as the original /api/v1/analytics gave them."""
    accounts = "SELECT account_id FROM accounts WHERE user_id = (SELECT user_id FROM users WHERE email = 'demo1@example.com')"
    def run():
        database.execute(f"SELECT strftime('%Y-%m', timestamp / 1000000, 'unixepoch'), transaction_type, sum(amount), count(*) "
                         f"FROM transactions WHERE account_id IN ({accounts}) GROUP BY 1, 2").fetchall()
    return run


ISSUE_15 = ("/api/v1/budgets", "/api/v1/analytics/recurring", "/api/v1/analytics/forecast?days=30",
            "/api/v1/analytics/forecast?days=90", "/api/v1/notifications")


def prepare_issue_15(client, email, password):
    """What the four figures of issue 15 need to have something to show: budgets of four
    categories (every month, rolled over) and notifications: a rule on sign-ins from a new
    device, then sign-ins with five User-Agents (the posting rule's evaluator would first have
    to read the million postings' change feed). Answers the checking account new postings go
    to."""
    accounts = json.loads(client.get("/api/v1/accounts"))["accounts"]
    checking = next(a for a in accounts if a["account_type"] == "checking")
    for category, amount in (("groceries", "600"), ("dining", "300"), ("transport", "200"), ("shopping", "400")):
        client.post("/api/v1/budgets", {"category": category, "amount": amount, "rollover": "both"}, (201, 409))
    client.post("/api/v1/alerts", {"kind": "new_device_sign_in"}, (201, 409))
    for device in range(5):
        connection = http.client.HTTPConnection(client.host, client.port, timeout=60)
        connection.request("POST", "/api/v1/login", json.dumps({"email": email, "password": password}),
                           {"Content-Type": "application/json", "User-Agent": f"bench-device-{device}"})
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status not in (200, 201):
            raise SystemExit(f"POST /api/v1/login: {response.status}")
    deadline = time.monotonic() + 30
    while len(json.loads(client.get("/api/v1/notifications"))["notifications"]) < 5:
        if time.monotonic() > deadline:
            raise SystemExit("five notifications were not written within 30 s")
        time.sleep(0.1)
    return checking


def new_posting(client, checking):
    client.post("/api/v1/withdraw", {"account_id": checking["account_id"], "amount": "1.00",
                                     "description": "Bench coffee", "category": "dining"}, (201,))


def cold_ms(client, checking, path, count):
    """The median of the first answer after a new posting of the person (which moves their
    data version, so nothing kept from before may answer)."""
    samples = []
    for _ in range(count):
        new_posting(client, checking)
        started = time.perf_counter()
        client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def issue_15_rows(client, requests, email, password):
    checking = prepare_issue_15(client, email, password)
    rows = []
    for path in ISSUE_15:
        rows.append((f"GET {path} (repeated)", median_ms(lambda: client.get(path), requests), "", None))
        rows.append((f"GET {path} (after a new posting)", cold_ms(client, checking, path, max(10, requests // 10)), "", None))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", choices=("analytics", "issue15"), default=None,
                        help="only the analytics rows (with their anchors) or only issue 15's four figures")
    args = parser.parse_args()
    url = urllib.parse.urlparse(args.url)
    client = Client(url, args.token)
    database = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    count = database.execute("SELECT count(*) FROM transactions").fetchone()[0]
    print(f"transactions stored: {count}")
    rows = []
    if args.only != "issue15":
        rows += analytics_rows(client, database, args.requests)
    if args.only != "analytics":
        rows += issue_15_rows(client, args.requests, "demo1@example.com", "demo-password")
    print_rows(rows)


def analytics_rows(client, database, requests):
    rows = []
    for label, months in (("month", 1), ("12m", 12)):
        ours = median_ms(lambda: client.get(f"/api/v1/analytics/summary?period={label}"), requests)
        anchor = median_ms(anchor_queries(database, months), max(5, requests // 10))
        rows.append((f"GET /api/v1/analytics/summary?period={label}", ours, f"SQL aggregates over transactions, {months} month(s)", anchor))
    ours = median_ms(lambda: client.get("/api/v1/analytics"), requests)
    anchor = median_ms(anchor_all_time(database), max(5, requests // 20))
    rows.append(("GET /api/v1/analytics (all time)", ours, "SQL aggregate over all transactions", anchor))
    for label in ("month", "12m"):
        path = f"/api/v1/analytics/balance?period={label}"
        rows.append((f"GET {path}", median_ms(lambda: client.get(path), requests), "", None))
    for endpoint in ("top-payees", "largest", "unusual"):
        for label, months in (("month", 1), ("12m", 12)):
            path = f"/api/v1/analytics/{endpoint}?period={label}"
            ours = median_ms(lambda: client.get(path), requests)
            anchor = median_ms(anchor_details(database, months)(endpoint), max(5, requests // 10))
            rows.append((f"GET {path}", ours, f"SQL over transactions, {months} month(s)", anchor))
    for days in ("30", "90"):
        path = f"/api/v1/analytics/forecast?days={days}"
        rows.append((f"GET {path}", median_ms(lambda: client.get(path), requests), "", None))
    for label in ("month", "12m"):
        path = f"/analytics?period={label}"
        rows.append((f"GET {path} (page)", median_ms(lambda: client.get(path), max(10, requests // 4)), "", None))
    path = "/dashboard"
    rows.append((f"GET {path} (page)", median_ms(lambda: client.get(path), max(10, requests // 4)), "", None))
    return rows


def print_rows(rows):
    print(f"{'request':58} {'median ms':>10}  anchor (median ms, ratio)")
    for label, ours, anchor_label, anchor in rows:
        extra = f"{anchor_label}: {anchor:.2f} ms, {anchor / ours:.0f}x" if anchor is not None else ""
        print(f"{label:58} {ours:10.2f}  {extra}")
        print(f"RESULT analytics {label}: {ours:.2f} ms" + (f" (anchor {anchor:.2f} ms, ratio {anchor / ours:.1f})" if anchor else ""))


if __name__ == "__main__":
    main()
