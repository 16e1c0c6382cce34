#!/usr/bin/env python3
"""p50 and p99 of the pages and APIs issue 16's scale curve names, for one signed-in person, over
keep-alive HTTP from one client, sequentially (so a figure is one request's own time, not a
queue's). Prints one line per request: `LATENCY <name> <p50 ms> <p99 ms> <requests>`. Called by
bench/scenarios/scale.sh once per bank size."""
import argparse, http.client, json, sys, time, urllib.parse


class Client:
    def __init__(self, url, token):
        self.url, self.token = url, token
        self.connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)

    def get(self, path):
        headers = {"Authorization": f"Bearer {self.token}", "Cookie": f"bank_session={self.token}"}
        self.connection.request("GET", path, headers=headers)
        response = self.connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"GET {path}: {response.status} {body[:200]!r}")
        if response.will_close:
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=120)
        return body


def percentiles(client, path, count):
    client.get(path)  # untimed warm-up: the first read of a page fills caches once
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        client.get(path)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return samples[len(samples) // 2], samples[min(len(samples) - 1, (len(samples) * 99) // 100)]


def deep_cursor(client, rows_back):
    """The cursor of the history page `rows_back` postings from the newest (or the last page),
    found by walking the API's pages of 100."""
    cursor, walked = None, 0
    while walked < rows_back:
        query = "limit=100" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
        page = json.loads(client.get(f"/api/v1/transactions?{query}"))
        walked += len(page["transactions"])
        if not page.get("next_cursor"):
            break
        cursor = page["next_cursor"]
    return cursor, walked


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--deep", type=int, default=10000, help="rows back of the deep page")
    args = parser.parse_args()
    client = Client(urllib.parse.urlparse(args.url), args.token)
    cursor, walked = deep_cursor(client, args.deep)
    deep = f"/transactions?cursor={urllib.parse.quote(cursor)}" if cursor else "/transactions"
    print(f"the deep page starts {walked} postings back", file=sys.stderr)
    requests = [
        ("dashboard", "/dashboard"),
        ("transactions_first", "/transactions"),
        ("transactions_deep", deep),
        ("analytics_12m", "/analytics?period=12m"),
        ("forecast_30d", "/api/v1/analytics/forecast?days=30"),
        ("admin", "/admin"),
    ]
    for name, path in requests:
        p50, p99 = percentiles(client, path, args.requests)
        print(f"LATENCY {name} {p50:.2f} {p99:.2f} {args.requests}", flush=True)


if __name__ == "__main__":
    main()
