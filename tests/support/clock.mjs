// The day a date-dependent test runs on. A test whose data or expectations depend on "today"
// (demo data ending yesterday, "this month", a from=to=today filter) starts its servers and
// `bank demo-data` with `testClock()` as extra environment: the BANK_TEST_NOW hook
// (docs/TESTING.md) makes their clock start at the instant the test picked, so the test passes
// on the first of a month, on 29 February and across midnight alike.

// The middle of a month, at noon UTC: no run reaches another day or month from here.
export const MIDMONTH_NOON = '2026-06-15T12:00:00Z';

// The environment that puts `bank serve` or `bank demo-data` on a clock starting at `instant`.
export function testClock(instant = MIDMONTH_NOON) {
  return { BANK_TEST_NOW: instant };
}

// "2026-06-15": the UTC day of an instant given as RFC 3339.
export function dayOf(instant) {
  return instant.slice(0, 10);
}
