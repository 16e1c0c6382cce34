// Confirming and dismissing recurring payments over real HTTP, on either store, on a history
// made by `bank demo-data` (rent and salary on the 1st, internet and phone on the 5th): a
// dismissed series leaves the list (unless asked for) and the forecast, where its postings
// become variable money, as an independent computation from the raw postings says to the
// cent; a confirmed one keeps the forecast as it was; an undo restores both; a standing order
// is listed once, as a known recurrence; refusals name the field and change nothing; the page
// does the same through its forms, which need the CSRF token. JSON is checked against the
// OpenAPI document.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, csrf, elementById, flash, login, textOf,
} from '../support/server.mjs';
import {
  allTransactions, apiUser, cents, openAccount, setUpDemoApi,
} from '../support/api.mjs';

const NOW = '2026-06-15T12:00:00Z';
const TODAY = '2026-06-15';
const DEMO_PASSWORD = 'demo-password';
const DECISIONS = '/api/v1/analytics/recurring/decisions';
const LEARNING_DAYS = 90; // forecast_learning_days (ledger/forecast_history.hpp)

const setUp = (t) => setUpDemoApi(t, { name: 'recurring-decisions', now: NOW });

const payeeKey = (text) => text.trim().replace(/\s+/g, ' ').toLowerCase();
const listed = async (api, query = '') => (await api.expect(200, 'GET', `/api/v1/analytics/recurring${query}`)).body.recurring;
const byName = (rows) => new Map(rows.map((row) => [row.description, row]));
const forecastPoints = async (api) => (await api.expect(200, 'GET', '/api/v1/analytics/forecast?days=30')).body.points;
const dayIndex = (date) => (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${TODAY}T00:00:00Z`)) / 86_400_000;

test('confirming and dismissing recurring payments', async (t) => {
  const { server, api, demo } = await setUp(t);
  const before = byName(await listed(demo));
  const forecastBefore = await forecastPoints(demo);

  await t.test('without decisions every series is detected', () => {
    assert.ok(before.size >= 4, JSON.stringify([...before.keys()]));
    for (const row of before.values()) {
      assert.equal(row.status, 'detected', row.description);
      assert.equal(row.standing_order_id, null);
      assert.equal(row.schedule, null);
    }
  });

  await t.test('a dismissed series leaves the list unless asked for, and the forecast', async () => {
    const dismissed = await demo.expect(200, 'POST', DECISIONS,
      { json: { description: '  fibernet   INTERNET ', interval: 'monthly', decision: 'dismissed' } });
    assert.equal(dismissed.body.decision, 'dismissed');
    assert.equal(dismissed.body.recurrence_key, 'fibernet internet#monthly');
    assert.equal(byName(await listed(demo)).has('FiberNet Internet'), false);
    assert.equal(byName(await listed(demo, '?include_dismissed=false')).has('FiberNet Internet'), false);
    const all = byName(await listed(demo, '?include_dismissed=true'));
    assert.equal(all.get('FiberNet Internet').status, 'dismissed');
    assert.equal(all.size, before.size);

    // Independently: the 55.00 of 2026-07-05 is no longer projected, and the internet bills
    // of the learning days count as variable money at their daily average (truncated to the
    // cent, so each day may differ by one cent).
    const rows = await allTransactions(demo);
    const firstLearnt = new Date(Date.parse(`${TODAY}T00:00:00Z`) - LEARNING_DAYS * 86_400_000).toISOString().slice(0, 10);
    const learnt = rows.filter((row) => payeeKey(row.description) === 'fibernet internet'
      && row.timestamp.slice(0, 10) >= firstLearnt && row.timestamp.slice(0, 10) < TODAY);
    assert.equal(learnt.length, 3, 'April, May and June');
    const learntCents = -learnt.reduce((sum, row) => sum + cents(row.amount), 0);
    const bill = cents(before.get('FiberNet Internet').next_amount);
    const nextDate = before.get('FiberNet Internet').next_date;
    const after = await forecastPoints(demo);
    assert.equal(after.length, forecastBefore.length);
    for (let i = 0; i < after.length; i += 1) {
      const k = dayIndex(after[i].date);
      const expected = (after[i].date >= nextDate ? bill : 0) + (learntCents * k) / LEARNING_DAYS;
      const change = cents(after[i].balance) - cents(forecastBefore[i].balance);
      assert.ok(Math.abs(change - expected) <= 1, `${after[i].date}: changed by ${change}, expected about ${expected}`);
    }
  });

  await t.test('an undo shows it as detected again and restores the forecast', async () => {
    const undone = await demo.expect(200, 'DELETE', `${DECISIONS}?description=FiberNet%20Internet&interval=monthly`);
    assert.equal(undone.body.decision, 'dismissed');
    assert.equal(byName(await listed(demo)).get('FiberNet Internet').status, 'detected');
    assert.deepEqual(await forecastPoints(demo), forecastBefore);
    await demo.expect(404, 'DELETE', `${DECISIONS}?description=FiberNet%20Internet&interval=monthly`, { code: 'not_found' });
  });

  await t.test('a confirmed series is shown confirmed and forecast as before', async () => {
    await demo.expect(200, 'POST', DECISIONS, { json: { description: 'Mobile phone plan', interval: 'monthly', decision: 'confirmed' } });
    assert.equal(byName(await listed(demo)).get('Mobile phone plan').status, 'confirmed');
    assert.deepEqual(await forecastPoints(demo), forecastBefore);
    // A change of mind replaces the decision.
    await demo.expect(200, 'POST', DECISIONS, { json: { description: 'mobile phone plan', interval: 'monthly', decision: 'dismissed' } });
    assert.equal(byName(await listed(demo)).has('Mobile phone plan'), false);
    await demo.expect(200, 'DELETE', `${DECISIONS}?description=Mobile%20phone%20plan&interval=monthly`);
    assert.equal(byName(await listed(demo)).get('Mobile phone plan').status, 'detected');
  });

  await t.test('refusals name the field and change nothing', async () => {
    const good = { description: 'FiberNet Internet', interval: 'monthly', decision: 'dismissed' };
    await demo.expect(400, 'POST', DECISIONS, { json: { ...good, interval: 'daily' }, field: 'interval' });
    await demo.expect(400, 'POST', DECISIONS, { json: { ...good, decision: 'maybe' }, field: 'decision' });
    await demo.expect(400, 'POST', DECISIONS, { json: { ...good, description: '   ' }, field: 'description' });
    await demo.expect(400, 'POST', DECISIONS, { json: { ...good, description: 'x'.repeat(201) }, field: 'description' });
    await demo.expect(400, 'POST', DECISIONS, { json: { ...good, amount: '1.00' }, field: 'amount' });
    await demo.expect(400, 'POST', DECISIONS, { json: { interval: 'monthly', decision: 'dismissed' }, field: 'description' });
    await demo.expect(400, 'DELETE', `${DECISIONS}?description=FiberNet&interval=often`, { field: 'interval' });
    await demo.expect(400, 'GET', '/api/v1/analytics/recurring?include_dismissed=yes', { field: 'include_dismissed' });
    await demo.expect(401, 'POST', DECISIONS, { json: good, token: null });
    for (const row of await listed(demo, '?include_dismissed=true')) assert.notEqual(row.status, 'dismissed', row.description);
  });

  const other = await apiUser(api);
  await t.test("one person's decisions are theirs alone", async () => {
    await other.api.expect(200, 'POST', DECISIONS, { json: { description: 'Rent Oak Street Apartments', interval: 'monthly', decision: 'dismissed' } });
    assert.equal(byName(await listed(demo)).get('Rent Oak Street Apartments').status, 'detected');
    await demo.expect(404, 'DELETE', `${DECISIONS}?description=Rent%20Oak%20Street%20Apartments&interval=monthly`);
  });

  await t.test('a standing order is a known recurrence, listed once', async () => {
    const accounts = (await demo.expect(200, 'GET', '/api/v1/accounts')).body.accounts;
    const checking = accounts.find((account) => account.account_type === 'checking');
    const order = await demo.expect(201, 'POST', '/api/v1/standing-orders', { json: {
      from_account_id: checking.account_id, to_account_number: (await openAccount(other.api)).account_number,
      amount: '1200.00', description: 'Rent  Oak Street Apartments', rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', start_date: '2026-07-01',
    } });
    const rows = await listed(demo);
    const rent = rows.filter((row) => payeeKey(row.description) === 'rent oak street apartments');
    assert.equal(rent.length, 1, JSON.stringify(rent));
    assert.equal(rent[0].status, 'standing_order');
    assert.equal(rent[0].standing_order_id, order.body.standing_order_id);
    assert.equal(rent[0].next_date, '2026-07-01');
    assert.equal(rent[0].next_amount, '1200.00');
    assert.equal(rent[0].interval, 'monthly');
    assert.equal(rent[0].schedule, order.body.schedule);
    assert.equal(rent[0].occurrences, null);
  });

  await t.test('the page shows each status and confirms, dismisses and undoes by its forms', async () => {
    const client = new Client(server);
    assert.equal((await login(client, 'demo1@example.com', DEMO_PASSWORD)).status, 303);
    let page = await client.get('/recurring');
    assert.equal(page.status, 200);
    assert.match(textOf(elementById(page.text, 'recurring-payments')), /Standing order/);
    const token = csrf(page.text);
    const form = { csrf_token: token, description: 'FiberNet Internet', interval: 'monthly', decision: 'dismissed' };
    const refused = await client.post('/recurring/decisions', { ...form, csrf_token: 'wrong' });
    assert.equal(refused.status, 403);
    assert.equal(byName(await listed(demo)).get('FiberNet Internet').status, 'detected', 'nothing changed');
    const done = await client.post('/recurring/decisions', form);
    assert.equal(done.status, 303);
    assert.equal(done.location, '/recurring');
    page = await client.get('/recurring');
    assert.match(flash(page.text).text, /FiberNet Internet is dismissed/);
    assert.doesNotMatch(textOf(elementById(page.text, 'recurring-payments')), /FiberNet Internet/);
    page = await client.get('/recurring?include_dismissed=true');
    assert.match(textOf(elementById(page.text, 'recurring-payments')), /FiberNet Internet\s+Every month\s+Dismissed/);
    const bad = await client.post('/recurring/decisions', { ...form, interval: 'hourly' });
    assert.equal(bad.status, 400);
    assert.match(textOf(elementById(bad.text, 'form-error')), /interval must be weekly, monthly or yearly/);
    assert.equal((await client.post('/recurring/decisions/undo', form)).status, 303);
    assert.equal((await client.post('/recurring/decisions', { ...form, decision: 'confirmed' })).status, 303);
    page = await client.get('/recurring');
    assert.match(textOf(elementById(page.text, 'recurring-payments')), /FiberNet Internet\s+Every month\s+Confirmed/);
  });
});
