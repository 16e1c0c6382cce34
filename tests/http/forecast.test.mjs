// The cash-flow forecast over real HTTP, on either store. A history is made on four server
// clocks (BANK_TEST_NOW: 60, 40 and 20 days before the test's today, then today): a deposit,
// a transfer to the person's own savings, two purchases and a standing order. The points are
// checked against the documented method computed here, independently, in BigInt cents: the
// balance, the order on its exact date, the variable money at its 90-day rate, the band as
// the nearest-rank 10th and 90th percentiles of the past windows' deviations. Then the lowest
// point, the warnings, the refusals and the pages. JSON is checked against the OpenAPI document.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, elementById, login, textOf } from '../support/server.mjs';
import { apiUser, openAccount, setUpApi } from '../support/api.mjs';
import { testClock } from '../support/clock.mjs';

const TODAY = '2026-06-15';
const DAY_MS = 86_400_000;
const at = (daysBefore) => new Date(Date.parse(`${TODAY}T12:00:00Z`) - daysBefore * DAY_MS).toISOString().replace('.000Z', 'Z');
const dayOf = (daysAhead) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + daysAhead * DAY_MS).toISOString().slice(0, 10);
const LEARNING_DAYS = 90;
// "-12.34" -> -1234n: amounts are exact decimal strings.
const cents = (text) => BigInt(text.replace('.', ''));

// One server of the history, on the same store as the others, at `daysBefore` today.
async function serverAt(t, daysBefore, store = {}) {
  return setUpApi(t, { ...store, env: testClock(at(daysBefore)) });
}

async function signIn(api, person) {
  const { body } = await api.expect(200, 'POST', '/api/v1/login', { json: { email: person.email, password: person.password }, token: null });
  return api.as(body.token);
}

async function makeHistory(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-forecast-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const first = await serverAt(t, 60, { dir });
  const store = { dir, db: first.server.db, tablePrefix: first.server.tablePrefix };
  const ann = await apiUser(first.api);
  const ben = await apiUser(first.api);
  const checking = await openAccount(ann.api, 'checking');
  const savings = await openAccount(ann.api, 'savings');
  const bens = await openAccount(ben.api, 'checking');
  await ann.api.expect(201, 'POST', '/api/v1/deposit', { json: { account_id: checking.account_id, amount: '1000.00', description: 'Gift' } });
  await first.server.stop();

  const second = await serverAt(t, 40, store);
  let api = await signIn(second.api, ann);
  await api.expect(201, 'POST', '/api/v1/transfer', { json: { from_account_id: checking.account_id, to_account_number: savings.account_number, amount: '100.00', description: 'To savings' } });
  await api.expect(201, 'POST', '/api/v1/withdraw', { json: { account_id: checking.account_id, amount: '30.00', description: 'Groceries' } });
  await second.server.stop();

  const third = await serverAt(t, 20, store);
  api = await signIn(third.api, ann);
  await api.expect(201, 'POST', '/api/v1/withdraw', { json: { account_id: checking.account_id, amount: '50.00', description: 'Cafe' } });
  await third.server.stop();

  const now = await serverAt(t, 0, store);
  api = await signIn(now.api, ann);
  const order = (fields) => ({ from_account_id: checking.account_id, to_account_number: bens.account_number, description: 'Rent', ...fields });
  await api.expect(201, 'POST', '/api/v1/standing-orders', { json: order({ amount: '900.00', rrule: 'FREQ=MONTHLY;BYMONTHDAY=20', start_date: '2026-06-20' }) });
  const paused = await api.expect(201, 'POST', '/api/v1/standing-orders', { json: order({ amount: '5000.00', description: 'Paused', rrule: 'FREQ=WEEKLY', start_date: '2026-06-17' }) });
  await api.expect(200, 'PATCH', `/api/v1/standing-orders/${paused.body.standing_order_id}`, { json: { status: 'paused' } });
  await api.expect(201, 'POST', '/api/v1/standing-orders', { json: { from_account_id: checking.account_id, to_account_number: savings.account_number, amount: '10.00', description: 'Saving', rrule: 'FREQ=DAILY;COUNT=1', start_date: '2026-06-25' } });
  const benApi = await signIn(now.api, ben);
  return { server: now.server, api: now.api, ann: { ...ann, api }, ben: { ...ben, api: benApi }, checking, savings, bens };
}

// The method of ledger/cash_flow_forecast.hpp, in BigInt cents.
function expectedForecast({ balance, postings, flows, days }) {
  const history = Array(LEARNING_DAYS).fill(0n);
  for (const [daysBefore, amount] of postings) history[LEARNING_DAYS - daysBefore] += amount;
  const total = history.reduce((sum, day) => sum + day, 0n);
  const n = BigInt(LEARNING_DAYS);
  const prefix = [0n];
  for (const day of history) prefix.push(prefix[prefix.length - 1] + day);
  const rank = (sorted, percent) => sorted[Math.floor(((sorted.length - 1) * percent) / 100)];
  const points = [];
  for (let k = 1; k <= days; k += 1) {
    const K = BigInt(k);
    const window = Math.min(k, LEARNING_DAYS);
    const W = BigInt(window);
    const expectedWindow = (total * W) / n;
    const deviations = [];
    for (let start = 0; start + window <= LEARNING_DAYS; start += 1) {
      deviations.push(((prefix[start + window] - prefix[start] - expectedWindow) * K) / W);
    }
    deviations.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const low = rank(deviations, 10) < 0n ? rank(deviations, 10) : 0n;
    const high = rank(deviations, 90) > 0n ? rank(deviations, 90) : 0n;
    const known = flows.filter(([day]) => day <= k).reduce((sum, [, amount]) => sum + amount, 0n);
    const value = balance + known + (total * K) / n;
    points.push({ date: dayOf(k), balance: value, low: value + low, high: value + high });
  }
  return points;
}

const asCents = (points) => points.map((p) => ({ date: p.date, balance: cents(p.balance), low: cents(p.low), high: cents(p.high) }));

test('the cash-flow forecast of a history with standing orders', async (t) => {
  const { server, api, ann, ben, checking, savings } = await makeHistory(t);

  await t.test('in total: own transfers cancel, the order falls on its date, the paused one not', async () => {
    const { body } = await ann.api.expect(200, 'GET', '/api/v1/analytics/forecast?days=30');
    assert.equal(body.as_of, TODAY);
    assert.equal(body.account_id, null);
    assert.equal(body.points.length, 30);
    const expected = expectedForecast({
      balance: 92000n,
      postings: [[60, 100000n], [40, -3000n], [20, -5000n]],
      flows: [[5, -90000n]],
      days: 30,
    });
    assert.deepEqual(asCents(body.points), expected);
    assert.deepEqual(body.lowest, { date: '2026-06-20', balance: body.points[4].balance });
    assert.deepEqual(body.warnings, { below_zero: false, below_threshold: false });
    assert.equal(typeof body.points[0].balance, 'string');
  });

  await t.test('one account: the own transfer and the order to savings count; an overdraft is warned', async () => {
    const { body } = await ann.api.expect(200, 'GET', `/api/v1/analytics/forecast?days=60&account_id=${checking.account_id}&threshold=50.00`);
    assert.equal(body.points.length, 60);
    assert.equal(body.threshold, '50.00');
    const expected = expectedForecast({
      balance: 82000n,
      postings: [[60, 100000n], [40, -10000n], [40, -3000n], [20, -5000n]],
      flows: [[5, -90000n], [10, -1000n], [35, -90000n]],
      days: 60,
    });
    assert.deepEqual(asCents(body.points), expected);
    const lowest = expected.reduce((low, p) => (p.balance < low.balance ? p : low));
    assert.equal(body.lowest.date, lowest.date);
    assert.equal(cents(body.lowest.balance), lowest.balance);
    assert.ok(lowest.balance < 0n);
    assert.deepEqual(body.warnings, { below_zero: true, below_threshold: true });
    const saved = await ann.api.expect(200, 'GET', `/api/v1/analytics/forecast?account_id=${savings.account_id}`);
    assert.deepEqual(asCents(saved.body.points),
      expectedForecast({ balance: 10000n, postings: [[40, 10000n]], flows: [[10, 1000n]], days: 30 }));
  });

  await t.test('a threshold alone is warned', async () => {
    const { body } = await ann.api.expect(200, 'GET', '/api/v1/analytics/forecast?threshold=100.00');
    assert.ok(cents(body.lowest.balance) >= 0n && cents(body.lowest.balance) < 10000n, body.lowest.balance);
    assert.deepEqual(body.warnings, { below_zero: false, below_threshold: true });
  });

  await t.test('the back-test of the last six month starts is reported', async () => {
    const { body } = await ann.api.expect(200, 'GET', '/api/v1/analytics/forecast');
    assert.equal(body.accuracy.months, 6);
    assert.equal(body.accuracy.days, 30);
    for (const field of ['mean_absolute_error', 'flat_mean_absolute_error', 'last_month_mean_absolute_error']) {
      assert.match(body.accuracy[field], /^[0-9]+\.[0-9]{2}$/, field);
    }
    assert.ok(body.accuracy.inside_band_basis_points >= 0 && body.accuracy.inside_band_basis_points <= 10000);
  });

  await t.test('bad days, account_id or threshold are refused; another person\'s account is not found', async () => {
    for (const query of ['days=45', 'days=abc', 'days=30.0']) {
      await ann.api.expect(400, 'GET', `/api/v1/analytics/forecast?${query}`, { code: 'validation_failed', field: 'days' });
    }
    await ann.api.expect(400, 'GET', '/api/v1/analytics/forecast?account_id=not-an-id', { code: 'validation_failed', field: 'account_id' });
    for (const threshold of ['-5.00', 'abc', '1.234']) {
      await ann.api.expect(400, 'GET', `/api/v1/analytics/forecast?threshold=${threshold}`, { code: 'validation_failed', field: 'threshold' });
    }
    const bens = (await ben.api.expect(200, 'GET', '/api/v1/accounts')).body.accounts[0];
    await ann.api.expect(404, 'GET', `/api/v1/analytics/forecast?account_id=${bens.account_id}`, { code: 'not_found' });
    await api.expect(401, 'GET', '/api/v1/analytics/forecast', { token: null });
  });

  await t.test('the analytics page and the dashboard show the lowest point and the warning', async () => {
    const client = new Client(server);
    assert.equal((await login(client, ann.email, ann.password)).status, 303);
    const page = await client.get(`/analytics?account_id=${checking.account_id}&days=60&threshold=50.00`);
    assert.equal(page.status, 200);
    const { body } = await ann.api.expect(200, 'GET', `/api/v1/analytics/forecast?days=60&account_id=${checking.account_id}`);
    const lowest = textOf(elementById(page.text, 'forecast-lowest'));
    assert.ok(lowest.includes(body.lowest.date), lowest);
    assert.match(textOf(elementById(page.text, 'forecast-warning')), /below zero/);
    assert.equal((textOf(elementById(page.text, 'forecast-table')).match(/2026-/g) || []).length, 60);
    assert.ok(elementById(page.text, 'forecast-error'), 'the accuracy is shown beside the chart');
    const refused = await client.get('/analytics?days=7');
    assert.equal(refused.status, 400);
    const dashboard = await client.get('/dashboard');
    const total = (await ann.api.expect(200, 'GET', '/api/v1/analytics/forecast')).body;
    assert.ok(textOf(elementById(dashboard.text, 'dashboard-forecast-lowest')).includes(total.lowest.date));
    // A new order shows at once, though the dashboard of an unchanged ledger may be cached.
    await ann.api.expect(201, 'POST', '/api/v1/standing-orders', { json: { from_account_id: checking.account_id, to_account_number: (await ben.api.expect(200, 'GET', '/api/v1/accounts')).body.accounts[0].account_number, amount: '2000.00', description: 'Car', rrule: 'FREQ=DAILY;COUNT=1', start_date: '2026-06-16' } });
    const after = (await ann.api.expect(200, 'GET', '/api/v1/analytics/forecast')).body;
    assert.equal(after.lowest.date, '2026-06-20');
    assert.ok(after.warnings.below_zero);
    const reloaded = await client.get('/dashboard');
    const shown = textOf(elementById(reloaded.text, 'dashboard-forecast-lowest'));
    const grouped = (text) => text.replace(/^-/, '').replace(/\B(?=(\d{3})+\.)/g, ',');
    assert.ok(shown.includes(grouped(after.lowest.balance)), `${shown} shows ${after.lowest.balance}`);
    assert.ok(elementById(reloaded.text, 'dashboard-forecast-warning'), 'the card warns of the overdraft');
  });
});
