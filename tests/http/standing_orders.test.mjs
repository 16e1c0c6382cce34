// Standing orders over HTTP (JSON API, both stores): an order is created, read, listed,
// paused, resumed and cancelled, each refusal with its status and field; the schedule reads in
// plain words with its next five dates; an order due today is posted by the scheduler within
// its interval (BANK_SCHEDULER_INTERVAL=1 here, on the BANK_TEST_NOW clock), once, and the
// history names the order; short of funds the occurrence shows retrying with why. Every JSON
// response is validated against the OpenAPI document the server serves; `bank verify` passes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { verifyLedger } from '../support/server.mjs';
import { apiUser, openAccount, setUpApi, allTransactions, newKey } from '../support/api.mjs';
import { testClock } from '../support/clock.mjs';
import { waitFor } from '../support/wait.mjs';

const NOW = '2026-06-15T12:00:00Z';
const ORDERS_MAX = 50; // limits::standing_orders_per_user_max

async function setUp(t) {
  const { server, api } = await setUpApi(t, { env: { ...testClock(NOW), BANK_SCHEDULER_INTERVAL: 1 } });
  const ann = await apiUser(api, { full_name: 'Ann Example' });
  const ben = await apiUser(api, { full_name: 'Ben Example' });
  const annAccount = await openAccount(ann.api, 'checking', '1000');
  const benAccount = await openAccount(ben.api, 'checking');
  return { server, ann, ben, annAccount, benAccount };
}

const occurrencesOf = async (api, id) =>
  (await api.expect(200, 'GET', `/api/v1/standing-orders/${id}/occurrences`)).body.occurrences;

test('standing orders over the JSON API', async (t) => {
  const { server, ann, ben, annAccount, benAccount } = await setUp(t);
  const order = (fields = {}) => ({
    from_account_id: annAccount.account_id, to_account_number: benAccount.account_number,
    amount: '25.00', description: 'Rent', rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', ...fields,
  });

  await t.test('an order reads back with its schedule in words and its next five dates', async () => {
    const created = await ann.api.expect(201, 'POST', '/api/v1/standing-orders',
      { json: order({ start_date: '2026-06-16', category: 'rent' }) });
    assert.equal(created.body.schedule, 'every month on the last day');
    assert.deepEqual(created.body.next_dates, ['2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31']);
    assert.equal(created.body.status, 'active');
    assert.equal(created.body.amount, '25.00');
    const read = await ann.api.expect(200, 'GET', `/api/v1/standing-orders/${created.body.standing_order_id}`);
    assert.deepEqual(read.body, created.body);
    const listed = await ann.api.expect(200, 'GET', '/api/v1/standing-orders');
    assert.deepEqual(listed.body.standing_orders.map((o) => o.standing_order_id), [created.body.standing_order_id]);
    assert.deepEqual((await ben.api.expect(200, 'GET', '/api/v1/standing-orders')).body.standing_orders, []);
    await ben.api.expect(404, 'GET', `/api/v1/standing-orders/${created.body.standing_order_id}`, { code: 'not_found' });
  });

  await t.test('invalid orders are refused naming the field, and nothing is stored', async () => {
    const before = (await ann.api.expect(200, 'GET', '/api/v1/standing-orders')).body.standing_orders.length;
    const refused = await ann.api.expect(400, 'POST', '/api/v1/standing-orders',
      { json: order({ rrule: 'FREQ=HOURLY' }), code: 'validation_failed', field: 'rrule' });
    assert.match(refused.body.error.message, /FREQ/, 'the message names the wrong part');
    const bymonthday = await ann.api.expect(400, 'POST', '/api/v1/standing-orders',
      { json: order({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=32' }), field: 'rrule' });
    assert.match(bymonthday.body.error.message, /BYMONTHDAY/);
    await ann.api.expect(400, 'POST', '/api/v1/standing-orders', { json: order({ amount: '0' }), field: 'amount' });
    await ann.api.expect(400, 'POST', '/api/v1/standing-orders', { json: order({ amount: '-5' }), field: 'amount' });
    await ann.api.expect(400, 'POST', '/api/v1/standing-orders',
      { json: order({ description: 'x'.repeat(201) }), field: 'description' });
    await ann.api.expect(400, 'POST', '/api/v1/standing-orders', { json: order({ start_date: '2026-06-14' }), field: 'start_date' });
    await ann.api.expect(400, 'POST', '/api/v1/standing-orders', { json: order({ start_date: '2026-02-30' }), field: 'start_date' });
    await ann.api.expect(400, 'POST', '/api/v1/standing-orders',
      { json: order({ rrule: 'FREQ=DAILY;UNTIL=20260101' }), field: 'rrule' });
    await ann.api.expect(404, 'POST', '/api/v1/standing-orders',
      { json: order({ from_account_id: benAccount.account_id }), code: 'not_found', field: 'from_account_id' });
    await ann.api.expect(400, 'POST', '/api/v1/standing-orders',
      { json: order({ to_account_number: annAccount.account_number }), field: 'to_account_number' });
    await ann.api.expect(400, 'POST', '/api/v1/standing-orders', { json: order({ surprise: 'x' }), field: 'surprise' });
    const after = (await ann.api.expect(200, 'GET', '/api/v1/standing-orders')).body.standing_orders.length;
    assert.equal(after, before);
  });

  await t.test('pause, resume, change and cancel', async () => {
    const { body: created } = await ann.api.expect(201, 'POST', '/api/v1/standing-orders',
      { json: order({ start_date: '2026-06-20', rrule: 'FREQ=WEEKLY;BYDAY=MO' }) });
    const path = `/api/v1/standing-orders/${created.standing_order_id}`;
    const paused = await ann.api.expect(200, 'PATCH', path, { json: { status: 'paused' } });
    assert.equal(paused.body.status, 'paused');
    const resumed = await ann.api.expect(200, 'PATCH', path, { json: { status: 'active', amount: '30', description: 'Gym' } });
    assert.equal(resumed.body.status, 'active');
    assert.equal(resumed.body.amount, '30.00');
    assert.equal(resumed.body.description, 'Gym');
    const ruled = await ann.api.expect(200, 'PATCH', path, { json: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1' } });
    assert.equal(ruled.body.schedule, 'every month on the 1st');
    assert.equal(ruled.body.next_dates[0], '2026-07-01');
    await ann.api.expect(400, 'PATCH', path, { json: { status: 'closed' }, field: 'status' });
    await ann.api.expect(400, 'PATCH', path, { json: { rrule: 'FREQ=WEEKLY;BYDAY=XX' }, field: 'rrule' });
    await ben.api.expect(404, 'PATCH', path, { json: { amount: '1' } });
    await ben.api.expect(404, 'DELETE', path);
    const cancelled = await ann.api.expect(200, 'DELETE', path);
    assert.equal(cancelled.body.status, 'cancelled');
    assert.deepEqual(cancelled.body.next_dates, []);
    await ann.api.expect(409, 'DELETE', path, { code: 'conflict' });
    await ann.api.expect(409, 'PATCH', path, { json: { status: 'active' }, code: 'conflict' });
  });

  await t.test('an order due today is posted by the scheduler once, and the history names it', async () => {
    const { body: created } = await ann.api.expect(201, 'POST', '/api/v1/standing-orders',
      { json: order({ rrule: 'FREQ=DAILY;COUNT=1', description: 'One-off today', amount: '12.34' }) });
    assert.deepEqual(created.next_dates, ['2026-06-15']);
    const posted = await waitFor(async () => {
      const [occurrence] = await occurrencesOf(ann.api, created.standing_order_id);
      return occurrence?.status === 'posted' && occurrence;
    }, { what: 'the occurrence of today to be posted' });
    assert.equal(posted.due_date, '2026-06-15');
    assert.equal(posted.attempts, 1);
    const rows = (await allTransactions(ann.api)).filter((row) => row.standing_order_id === created.standing_order_id);
    assert.equal(rows.length, 1, 'posted once');
    assert.equal(rows[0].transaction_id, posted.transaction_id);
    assert.equal(rows[0].amount, '12.34');
    assert.equal(rows[0].description, 'One-off today');
    const theirs = (await allTransactions(ben.api)).filter((row) => row.transfer_id === rows[0].transfer_id);
    assert.equal(theirs.length, 1, 'the payee got it');
    assert.equal(theirs[0].standing_order_id, null, 'the payee does not learn the payer\'s order');
    const done = await ann.api.expect(200, 'GET', `/api/v1/standing-orders/${created.standing_order_id}`);
    assert.equal(done.body.status, 'completed');
  });

  await t.test('short of funds: the occurrence is retrying and says why', async () => {
    const { body: created } = await ann.api.expect(201, 'POST', '/api/v1/standing-orders',
      { json: order({ rrule: 'FREQ=DAILY;COUNT=1', amount: '5000' }) });
    const retrying = await waitFor(async () => {
      const [occurrence] = await occurrencesOf(ann.api, created.standing_order_id);
      return occurrence?.status === 'retrying' && occurrence;
    }, { what: 'the occurrence short of funds to be retrying' });
    assert.equal(retrying.detail, 'Not enough money in the account.');
    assert.equal(retrying.transaction_id, null);
    await waitFor(async () => (await occurrencesOf(ann.api, created.standing_order_id))[0].attempts >= 2,
      { what: 'a second try at the next pass' });
    await ann.api.expect(200, 'DELETE', `/api/v1/standing-orders/${created.standing_order_id}`);
    const [cancelled] = await occurrencesOf(ann.api, created.standing_order_id);
    assert.equal(cancelled.status, 'skipped', 'a cancelled order\'s retrying date says it will not run');
    assert.equal(cancelled.detail, 'The standing order was cancelled.');
  });

  await t.test('a client may not use the standing orders\' idempotency keys', async () => {
    await ann.api.expect(400, 'POST', '/api/v1/transfer', {
      json: { from_account_id: annAccount.account_id, to_account_number: benAccount.account_number, amount: '1.00' },
      headers: { 'idempotency-key': `standing-order:${newKey()}:2026-06-15` },
      code: 'validation_failed',
    });
  });

  await t.test(`at most ${ORDERS_MAX} active or paused orders per person`, async () => {
    const open = (await ann.api.expect(200, 'GET', '/api/v1/standing-orders')).body.standing_orders
      .filter((o) => o.status === 'active' || o.status === 'paused').length;
    for (let i = open; i < ORDERS_MAX; i += 1) {
      await ann.api.expect(201, 'POST', '/api/v1/standing-orders', { json: order({ start_date: '2026-07-01', description: `Order ${i}` }) });
    }
    const refused = await ann.api.expect(400, 'POST', '/api/v1/standing-orders',
      { json: order({ start_date: '2026-07-01' }), code: 'validation_failed' });
    assert.match(refused.body.error.message, new RegExp(`\\(${ORDERS_MAX}\\)`));
    const [first] = (await ann.api.expect(200, 'GET', '/api/v1/standing-orders')).body.standing_orders
      .filter((o) => o.status === 'active');
    await ann.api.expect(200, 'DELETE', `/api/v1/standing-orders/${first.standing_order_id}`);
    await ann.api.expect(201, 'POST', '/api/v1/standing-orders', { json: order({ start_date: '2026-07-01' }) });
  });

  await t.test('bank verify passes with orders present', async () => {
    const { code, output } = await verifyLedger(server.db);
    assert.equal(code, 0, output);
  });
});

test('BANK_STEP_UP=required: setting up an order to a new payee is stepped up as a transfer (403 without an authenticator app)', async (t) => {
  const { api } = await setUpApi(t, { env: { ...testClock(NOW), BANK_STEP_UP: 'required' } });
  const ann = await apiUser(api);
  const ben = await apiUser(api);
  const from = await openAccount(ann.api, 'checking', '100');
  const to = await openAccount(ben.api, 'checking');
  const refused = await ann.api.expect(403, 'POST', '/api/v1/standing-orders', {
    json: { from_account_id: from.account_id, to_account_number: to.account_number, amount: '5.00', description: 'Rent', rrule: 'FREQ=MONTHLY' },
    code: 'forbidden',
  });
  assert.match(refused.body.error.message, /authenticator app/);
  assert.deepEqual((await ann.api.expect(200, 'GET', '/api/v1/standing-orders')).body.standing_orders, [], 'nothing stored');
});
