// /analytics, /dashboard, /admin and the JSON under /api/v1/analytics/... and
// /api/v1/admin/overview, on a history made by `bank demo-data`. Every JSON response is
// validated against the OpenAPI document; the summary is checked against a recomputation from
// /api/v1/transactions; the admin role is granted with `bank admin grant`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { BANK_BINARY, Client, login, elementById, formError } from '../support/server.mjs';
import { apiUser, openAccount, setUpApi, cents, allTransactions } from '../support/api.mjs';
import { testClock } from '../support/clock.mjs';

const DEMO_PASSWORD = 'demo-password';
const ENDPOINTS = ['summary', 'balance', 'top-payees', 'largest', 'unusual'];

// The demo history and the server share a clock the test picks (`now`): the history ends the
// day before, and "this month" is the month of `now`.
async function setUp(t, now) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-analytics-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, 'bank.db');
  // On DynamoDB the history goes into fresh tables of its own, which the server then uses.
  const dynamodb = process.env.BANK_STORE === 'dynamodb';
  const tablePrefix = dynamodb ? `ta${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}_` : undefined;
  const clock = testClock(now);
  const env = { ...process.env, ...clock, ...(dynamodb ? { BANK_DYNAMODB_TABLE_PREFIX: tablePrefix } : {}) };
  if (dynamodb) execFileSync(BANK_BINARY, ['setup-dynamodb'], { env, timeout: 120_000 });
  execFileSync(BANK_BINARY, ['demo-data', '--users', '3', '--months', '4', '--seed', '11', '--db', db], { env, timeout: 300_000 });
  const { server, api } = await setUpApi(t, { db, dir, tablePrefix, env: clock });
  const signedIn = await api.expect(200, 'POST', '/api/v1/login', { json: { email: 'demo1@example.com', password: DEMO_PASSWORD }, token: null });
  return { server, db, env, api, demo: api.as(signedIn.body.token) };
}

function isOutflow(row) {
  return row.transaction_type === 'withdrawal' || row.transaction_type === 'transfer_out';
}

test('analytics API and pages', async (t) => {
  const { server, db, env, api, demo } = await setUp(t);
  const accounts = (await demo.expect(200, 'GET', '/api/v1/accounts')).body.accounts;
  assert.equal(accounts.length, 2);

  await t.test('every endpoint, period and account filter answers figures that match the schema', async () => {
    for (const endpoint of ENDPOINTS) {
      for (const query of ['', '?period=month', '?period=3m', '?period=12m', '?period=custom&from=2022-01-01&to=2031-06-30',
        `?period=3m&account_id=${accounts[0].account_id}`]) {
        const { body } = await demo.expect(200, 'GET', `/api/v1/analytics/${endpoint}${query}`);
        assert.ok(body.period.from <= body.period.to);
      }
    }
  });

  await t.test('the summary equals a recomputation from the transactions of the period', async () => {
    for (const query of ['period=3m', 'period=custom&from=2022-01-01&to=2031-06-30', `period=12m&account_id=${accounts[1].account_id}`]) {
      const { body } = await demo.expect(200, 'GET', `/api/v1/analytics/summary?${query}`);
      const filter = { from: body.period.from, to: body.period.to };
      if (body.period.account_id) filter.account_id = body.period.account_id;
      const rows = await allTransactions(demo, filter);
      let moneyIn = 0;
      let moneyOut = 0;
      const categories = new Map();
      // Over all of the person's accounts, a move between two of them is neither money in nor
      // spending (over one account it is both).
      const own = new Set(accounts.map((a) => a.account_number));
      for (const row of rows) {
        if (!body.period.account_id && own.has(row.counterparty_account_number)) continue;
        if (isOutflow(row)) {
          moneyOut += cents(row.amount);
          categories.set(row.category, (categories.get(row.category) || 0) + cents(row.amount));
        } else {
          moneyIn += cents(row.amount);
        }
      }
      assert.ok(rows.length > 0, query);
      assert.equal(body.transaction_count, rows.length, query);
      assert.equal(cents(body.money_in), moneyIn, query);
      assert.equal(cents(body.money_out), moneyOut, query);
      assert.equal(cents(body.net), moneyIn - moneyOut, query);
      assert.deepEqual(new Map(body.categories.map((c) => [c.category, cents(c.total)])), categories, query);
      // Shares rounded by the largest remainder: they add up to exactly 100.00%.
      assert.equal(body.categories.reduce((sum, c) => sum + c.share_basis_points, 0), moneyOut > 0 ? 10000 : 0, query);
      const largest = (await demo.expect(200, 'GET', `/api/v1/analytics/largest?${query}`)).body.transactions;
      // Nor is it among the largest spending (the demo's "Monthly savings" would be).
      const spent = rows.filter((r) => isOutflow(r) && (body.period.account_id || !own.has(r.counterparty_account_number)));
      const expected = spent.map((r) => cents(r.amount)).sort((a, b) => b - a).slice(0, 10);
      assert.deepEqual(largest.map((r) => cents(r.amount)), expected, query);
    }
  });

  await t.test('a bad period, another person\'s account or no token is refused', async () => {
    await demo.expect(400, 'GET', '/api/v1/analytics/summary?period=week', { code: 'validation_failed', field: 'period' });
    await demo.expect(400, 'GET', '/api/v1/analytics/balance?period=custom&from=2025-03-01&to=2025-02-01', { code: 'validation_failed', field: 'from' });
    const other = await apiUser(api);
    const theirs = await openAccount(other.api, 'checking', '10');
    await demo.expect(404, 'GET', `/api/v1/analytics/summary?account_id=${theirs.account_id}`, { code: 'not_found' });
    await api.expect(401, 'GET', '/api/v1/analytics/unusual', { token: null });
  });

  await t.test('/analytics and /dashboard draw from data blocks and show tables beside every chart', async () => {
    const client = new Client(server);
    assert.equal((await login(client, 'demo1@example.com', DEMO_PASSWORD)).status, 303);
    for (const query of ['', '?period=12m', `?period=custom&from=2022-01-01&to=2031-06-30&account_id=${accounts[0].account_id}`]) {
      const page = await client.request('GET', `/analytics${query}`);
      assert.equal(page.status, 200);
      for (const id of ['chart-spending', 'chart-months', 'chart-balance', 'spending-table', 'months-table', 'balance-table', 'payees-table', 'largest-table']) {
        assert.ok(elementById(page.text, id), `${query}: #${id}`);
      }
      assert.match(page.text, /<script type="application\/json" id="chart-spending-data">\{"type":"doughnut"/);
      assert.doesNotMatch(page.text, /<script>(?!<)/, 'no inline script');
      assert.match(page.text, /<script src="\/static\/js\/charts.js"><\/script>/);
    }
    const refused = await client.request('GET', '/analytics?period=custom&from=2025-13-01&to=2025-01-01');
    assert.equal(refused.status, 400);
    assert.match(formError(refused.text), /start date/);
    const dashboard = await client.request('GET', '/dashboard');
    assert.equal(dashboard.status, 200);
    assert.ok(elementById(dashboard.text, 'month-in'));
    const script = await client.request('GET', '/static/js/charts.js');
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type'), /javascript/);
  });

  await t.test('admin: granted by `bank admin grant`, sees bank-wide figures, moves no customer money', async () => {
    const client = new Client(server);
    assert.equal((await login(client, 'demo2@example.com', DEMO_PASSWORD)).status, 303);
    assert.equal((await client.request('GET', '/admin')).status, 403);
    const admin = api.as((await api.expect(200, 'POST', '/api/v1/login', { json: { email: 'demo2@example.com', password: DEMO_PASSWORD }, token: null })).body.token);
    await admin.expect(403, 'GET', '/api/v1/admin/overview', { code: 'forbidden' });

    execFileSync(BANK_BINARY, ['admin', 'grant', 'demo2@example.com', '--db', db], { env, timeout: 30_000 });
    assert.throws(() => execFileSync(BANK_BINARY, ['admin', 'grant', 'nobody@example.com', '--db', db], { env, stdio: 'ignore' }));

    const page = await client.request('GET', '/admin');
    assert.equal(page.status, 200);
    for (const id of ['chart-types', 'chart-signups', 'chart-volume', 'types-table', 'signups-table', 'volume-table']) {
      assert.ok(elementById(page.text, id), `#${id}`);
    }
    assert.ok(!page.text.includes(accounts[0].account_number), 'no customer account number on /admin');
    const { body } = await admin.expect(200, 'GET', '/api/v1/admin/overview');
    assert.equal(body.user_count, 4);
    const total = body.account_types.reduce((sum, type) => sum + cents(type.balance), 0);
    assert.equal(total, cents(body.total_balance));
    // Where the money of the 30 days went adds up to the daily volume of the same days.
    const flowed = body.flows.reduce((sum, flow) => sum + cents(flow.total), 0);
    assert.equal(flowed, body.daily_volume.reduce((sum, day) => sum + cents(day.total), 0));
    assert.ok(body.flows.some((flow) => /^transfer (checking|savings)>(checking|savings) (own|others)$/.test(flow.item)), JSON.stringify(body.flows));
    assert.deepEqual(body.disabled_users, []);
    assert.deepEqual(body.cut, [], 'every figure is a counter: nothing is cut');
    assert.ok(elementById(page.text, 'flows-table'), '#flows-table');

    // Active customers and cohorts: the last 12 UTC months, this month last; each cohort's
    // share is its active people over its size, in basis points rounded half away from zero.
    const thisMonth = env.BANK_TEST_NOW.slice(0, 7);
    assert.equal(body.active_customers.length, 12);
    assert.equal(body.active_customers.at(-1).month, thisMonth);
    assert.equal(body.cohorts.length, 12);
    body.cohorts.forEach((cohort, index) => {
      assert.equal(cohort.signup_month, body.active_customers[index].month);
      assert.equal(cohort.months.length, 12 - index);
      assert.equal(cohort.months[0].month, cohort.signup_month);
      for (const month of cohort.months) {
        assert.ok(month.active <= cohort.size);
        const expected = cohort.size === 0 ? 0 : Math.round((month.active * 10000) / cohort.size);
        assert.equal(month.share_basis_points, expected, JSON.stringify(cohort));
      }
    });
    // Every demo person signed up within the months shown: each month's active people are
    // the sum of the cohorts' active people in that month.
    for (const [index, month] of body.active_customers.entries()) {
      const ofCohorts = body.cohorts.slice(0, index + 1).reduce((sum, cohort) => sum + cohort.months[index - body.cohorts.indexOf(cohort)].active, 0);
      assert.equal(month.people, ofCohorts, month.month);
    }
    assert.ok(body.cohorts.reduce((sum, cohort) => sum + cohort.size, 0) === body.user_count);
    // A new person this month: two deposits make them active once; receiving a transfer
    // does not make anyone active.
    const newcomer = await apiUser(api);
    const account = await openAccount(newcomer.api, 'checking');
    await newcomer.api.expect(201, 'POST', '/api/v1/deposit', { json: { account_id: account.account_id, amount: '5.00' } });
    await newcomer.api.expect(201, 'POST', '/api/v1/deposit', { json: { account_id: account.account_id, amount: '6.00' } });
    const receiver = await apiUser(api);
    const receiving = await openAccount(receiver.api, 'checking');
    await newcomer.api.expect(201, 'POST', '/api/v1/transfer', { json: { from_account_id: account.account_id, to_account_number: receiving.account_number, amount: '1.00' } });
    const after = (await admin.expect(200, 'GET', '/api/v1/admin/overview')).body;
    assert.equal(after.active_customers.at(-1).people, body.active_customers.at(-1).people + 1);
    const newest = after.cohorts.at(-1);
    assert.equal(newest.size, body.cohorts.at(-1).size + 2);
    assert.equal(newest.months[0].active, body.cohorts.at(-1).months[0].active + 1);
    for (const id of ['active-table', 'cohorts-table']) {
      assert.ok(elementById((await client.request('GET', '/admin')).text, id), `#${id}`);
    }

    // The admin role gives no authority over anybody's account.
    await admin.expect(404, 'POST', '/api/v1/deposit', { json: { account_id: accounts[0].account_id, amount: '5' }, code: 'not_found' });
    await admin.expect(404, 'POST', '/api/v1/withdraw', { json: { account_id: accounts[0].account_id, amount: '5' }, code: 'not_found' });
    await admin.expect(404, 'GET', `/api/v1/analytics/summary?account_id=${accounts[0].account_id}`, { code: 'not_found' });
    assert.equal((await client.request('GET', `/transactions?account_id=${accounts[0].account_id}`)).status, 404);
  });
});

test('on the first of a month, half an hour in: no spending this month yet, the last 3 months have it', async (t) => {
  const { server, demo } = await setUp(t, '2027-01-01T00:30:00Z');
  const month = (await demo.expect(200, 'GET', '/api/v1/analytics/summary?period=month')).body;
  assert.equal(month.period.from, '2027-01-01', 'this month is the month of the clock');
  assert.equal(month.transaction_count, 0, 'the history ends the day before');
  assert.deepEqual(month.categories, []);
  const quarter = (await demo.expect(200, 'GET', '/api/v1/analytics/summary?period=3m')).body;
  assert.equal(quarter.period.from, '2026-11-01', 'the last 3 months end with this one');
  assert.ok(quarter.transaction_count > 0, 'the two months before have postings');

  const client = new Client(server);
  assert.equal((await login(client, 'demo1@example.com', DEMO_PASSWORD)).status, 303);
  const page = await client.request('GET', '/analytics');
  assert.equal(page.status, 200);
  assert.ok(elementById(page.text, 'no-spending'), 'the page says there is no spending in this period');
  assert.equal(elementById(page.text, 'chart-spending'), null, 'and draws no empty chart');
  const wider = await client.request('GET', '/analytics?period=3m');
  assert.ok(elementById(wider.text, 'chart-spending'), 'the last 3 months have their chart');
  const dashboard = await client.request('GET', '/dashboard');
  assert.ok(elementById(dashboard.text, 'no-month-spending'), 'the dashboard says there is no spending this month yet');
});
