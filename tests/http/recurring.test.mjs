// Recurring payments and income over real HTTP, on either store, on a history made by
// `bank demo-data` (salary and rent on the 1st, internet and phone on the 5th, a savings
// transfer to the person's own account on the 2nd, groceries of varying amounts): the API
// lists the bills and the salary with their next dates, leaves out the own transfer and the
// groceries, and every series agrees with the raw postings of /api/v1/transactions; the page
// shows the same. JSON is checked against the OpenAPI document.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, elementById, login, textOf,
} from '../support/server.mjs';
import { allTransactions, apiUser, setUpApi, setUpDemoApi } from '../support/api.mjs';

const NOW = '2026-06-15T12:00:00Z';
const DEMO_PASSWORD = 'demo-password';

const setUp = (t) => setUpDemoApi(t, { name: 'recurring', now: NOW });

const payeeKey = (text) => text.trim().replace(/\s+/g, ' ').toLowerCase();
const isCredit = (row) => row.transaction_type === 'deposit' || row.transaction_type === 'transfer_in';

test('recurring payments and income of a demo history', async (t) => {
  const { server, api, demo } = await setUp(t);
  const { body } = await demo.expect(200, 'GET', '/api/v1/analytics/recurring');
  assert.equal(body.as_of, '2026-06-15');
  assert.equal(body.history_truncated, false);
  const byName = new Map(body.recurring.map((series) => [series.description, series]));

  await t.test('the salary, the rent and the fixed bills, with their next dates', () => {
    const expected = [
      ['Salary ACME Corp', 'incoming', '2026-07-01'],
      ['Rent Oak Street Apartments', 'outgoing', '2026-07-01'],
      ['FiberNet Internet', 'outgoing', '2026-07-05'],
      ['Mobile phone plan', 'outgoing', '2026-07-05'],
    ];
    for (const [description, direction, nextDate] of expected) {
      const series = byName.get(description);
      assert.ok(series, `${description} is listed: ${JSON.stringify(body.recurring)}`);
      assert.equal(series.direction, direction, description);
      assert.equal(series.interval, 'monthly', description);
      assert.equal(series.next_date, nextDate, description);
      assert.equal(series.price_changed, false, description);
    }
    assert.equal(byName.get('FiberNet Internet').next_amount, '55.00');
    assert.equal(byName.get('Mobile phone plan').usual_amount, '35.00');
  });

  await t.test('an own transfer and groceries of varying amounts are not bills', () => {
    for (const description of ['Monthly savings', 'FreshMart groceries', 'Corner grocery']) {
      assert.equal(byName.has(description), false, description);
    }
  });

  await t.test('every series agrees with the raw postings', async () => {
    const rows = await allTransactions(demo);
    for (const series of body.recurring) {
      const same = rows.filter((row) => payeeKey(row.description) === payeeKey(series.description)
        && isCredit(row) === (series.direction === 'incoming'));
      same.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
      const newest = same[same.length - 1];
      assert.ok(same.length >= series.occurrences, `${series.description}: ${same.length} postings`);
      assert.equal(newest.timestamp.slice(0, 10), series.last_date, series.description);
      assert.equal(newest.amount, series.last_amount, series.description);
      assert.equal(series.next_amount, series.last_amount, 'the newest amount is the one expected next');
      assert.ok(series.next_date > series.last_date, series.description);
    }
  });

  await t.test('the page lists the same, reached from /analytics', async () => {
    const client = new Client(server);
    assert.equal((await login(client, 'demo1@example.com', DEMO_PASSWORD)).status, 303);
    const analytics = await client.get('/analytics');
    assert.match(analytics.text, /href="\/recurring"/);
    const page = await client.get('/recurring');
    assert.equal(page.status, 200);
    const payments = textOf(elementById(page.text, 'recurring-payments'));
    assert.match(payments, /Rent Oak Street Apartments/);
    assert.match(payments, /FiberNet Internet/);
    assert.doesNotMatch(payments, /Monthly savings/);
    assert.match(textOf(elementById(page.text, 'recurring-income')), /Salary ACME Corp/);
  });

  await t.test('a new person has none, and the page says so', async () => {
    const person = await apiUser(api);
    const empty = await person.api.expect(200, 'GET', '/api/v1/analytics/recurring');
    assert.deepEqual(empty.body.recurring, []);
    const client = new Client(server);
    assert.equal((await login(client, person.email, person.password)).status, 303);
    const page = await client.get('/recurring');
    assert.ok(elementById(page.text, 'no-recurring-payments'));
    assert.ok(elementById(page.text, 'no-recurring-income'));
  });
});

test('recurring needs a signed-in person', async (t) => {
  const { server, api } = await setUpApi(t);
  await api.expect(401, 'GET', '/api/v1/analytics/recurring', { token: null });
  const page = await new Client(server).get('/recurring');
  assert.equal(page.status, 303);
  assert.match(page.headers.get('location'), /^\/login/);
});
