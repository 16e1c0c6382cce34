// Savings goals over HTTP, on either store: a goal is set on a savings account, its progress
// follows the account's balance (saved, left, percent, months left, the monthly amount rounded
// up to the cent), each refusal answers its status and field and stores nothing, another
// person's goal is 404, and the automatic monthly transfer is a standing order listed on
// /api/v1/standing-orders, posted by the scheduler on its day (BANK_TEST_NOW, interval 1 s)
// and cancelled with the goal or when turned off. Then the /goals page (progress bars, the
// forms, CSRF) and the dashboard's card. Every JSON answer is checked against the OpenAPI
// document. With BANK_STEP_UP=required, a goal whose transfer needs a step-up stores nothing.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, csrf, flash, fieldError, login, postForm, signUp, createAccount, tags, textOf, verifyLedger,
} from '../support/server.mjs';
import { setUpApi, apiUser, openAccount } from '../support/api.mjs';
import { testClock } from '../support/clock.mjs';
import { waitFor } from '../support/wait.mjs';

const NOW = '2026-06-15T12:00:00Z';
const onGoals = { page: '/goals' };

async function setUp(t) {
  const { server, api } = await setUpApi(t, { env: { ...testClock(NOW), BANK_SCHEDULER_INTERVAL: 1 } });
  const ann = await apiUser(api, { full_name: 'Ann Example' });
  const ben = await apiUser(api, { full_name: 'Ben Example' });
  const checking = await openAccount(ann.api, 'checking', '1000');
  const savings = await openAccount(ann.api, 'savings');
  const bensSavings = await openAccount(ben.api, 'savings');
  return { server, ann, ben, checking, savings, bensSavings };
}

const occurrencesOf = async (api, id) =>
  (await api.expect(200, 'GET', `/api/v1/standing-orders/${id}/occurrences`)).body.occurrences;

test('savings goals over the JSON API', async (t) => {
  const { server, ann, ben, checking, savings, bensSavings } = await setUp(t);
  const goal = (fields = {}) => ({
    account_id: savings.account_id, name: 'Holiday', target_amount: '1200', target_date: '2027-06-15', ...fields,
  });
  const count = async () => (await ann.api.expect(200, 'GET', '/api/v1/goals')).body.goals.length;
  let holiday;

  await t.test('a new goal shows its progress from nothing', async () => {
    const { body } = await ann.api.expect(201, 'POST', '/api/v1/goals', { json: goal() });
    holiday = body;
    assert.equal(body.account_id, savings.account_id);
    assert.equal(body.name, 'Holiday');
    assert.equal(body.target_amount, '1200.00');
    assert.equal(body.target_date, '2027-06-15');
    assert.equal(body.saved, '0.00');
    assert.equal(body.left, '1200.00');
    assert.equal(body.percent, 0);
    assert.equal(body.months_left, 12);
    assert.equal(body.monthly_needed, '100.00');
    assert.equal(body.reached, false);
    assert.equal(body.on_track, true);
    assert.equal(body.standing_order_id, null);
    const { body: listed } = await ann.api.expect(200, 'GET', '/api/v1/goals');
    assert.deepEqual(listed.goals.map((g) => g.goal_id), [body.goal_id]);
  });

  await t.test('progress follows a deposit, rounded up to the cent', async () => {
    await ann.api.expect(201, 'POST', '/api/v1/deposit', { json: { account_id: savings.account_id, amount: '300.01' } });
    const { body } = await ann.api.expect(200, 'GET', `/api/v1/goals/${holiday.goal_id}`);
    assert.equal(body.saved, '300.01');
    assert.equal(body.left, '899.99');
    assert.equal(body.percent, 25);
    assert.equal(body.monthly_needed, '75.00', '899.99 / 12 = 74.999... rounds up');
  });

  await t.test('refusals name their field and store nothing', async () => {
    const before = await count();
    await ann.api.expect(400, 'POST', '/api/v1/goals', { json: goal({ name: '   ' }), field: 'name' });
    await ann.api.expect(400, 'POST', '/api/v1/goals', { json: goal({ name: 'x'.repeat(41) }), field: 'name' });
    await ann.api.expect(400, 'POST', '/api/v1/goals', { json: goal({ target_amount: '0' }), field: 'target_amount' });
    await ann.api.expect(400, 'POST', '/api/v1/goals', { json: goal({ target_amount: '100000000.01' }), field: 'target_amount' });
    await ann.api.expect(400, 'POST', '/api/v1/goals', { json: goal({ target_amount: 'ten' }), field: 'target_amount' });
    await ann.api.expect(400, 'POST', '/api/v1/goals', { json: goal({ target_date: '2026-06-15' }), field: 'target_date' });
    await ann.api.expect(400, 'POST', '/api/v1/goals', { json: goal({ target_date: '2026-02-30' }), field: 'target_date' });
    await ann.api.expect(400, 'POST', '/api/v1/goals', { json: goal({ account_id: checking.account_id }), field: 'account_id' });
    await ann.api.expect(404, 'POST', '/api/v1/goals', { json: goal({ account_id: bensSavings.account_id }), field: 'account_id' });
    await ann.api.expect(400, 'POST', '/api/v1/goals', { json: goal({ surprise: 1 }), field: 'surprise' });
    await ann.api.expect(400, 'POST', '/api/v1/goals',
      { json: goal({ auto_transfer: { from_account_id: checking.account_id, day_of_month: 29 } }), field: 'day_of_month' });
    await ann.api.expect(400, 'POST', '/api/v1/goals',
      { json: goal({ auto_transfer: { from_account_id: savings.account_id, day_of_month: 1 } }), field: 'from_account_id' });
    await ann.api.expect(404, 'POST', '/api/v1/goals',
      { json: goal({ auto_transfer: { from_account_id: bensSavings.account_id, day_of_month: 1 } }), field: 'from_account_id' });
    await ann.api.expect(400, 'PATCH', `/api/v1/goals/${holiday.goal_id}`, { json: { target_date: '2026-06-01' }, field: 'target_date' });
    assert.equal(await count(), before);
    const { body: orders } = await ann.api.expect(200, 'GET', '/api/v1/standing-orders');
    assert.deepEqual(orders.standing_orders, [], 'no standing order was made by a refused goal');
  });

  await t.test('a closed savings account is 422', async () => {
    const closing = await openAccount(ann.api, 'savings');
    const web = new Client(server);
    assert.equal((await login(web, ann.email, ann.password)).status, 303);
    assert.equal((await postForm(web, '/accounts/close', { account_id: closing.account_id }, { page: '/accounts' })).status, 303);
    await ann.api.expect(422, 'POST', '/api/v1/goals', { json: goal({ account_id: closing.account_id }), code: 'account_closed' });
  });

  await t.test("another person's goal is 404 and out of their list", async () => {
    const path = `/api/v1/goals/${holiday.goal_id}`;
    await ben.api.expect(404, 'GET', path, { code: 'not_found' });
    await ben.api.expect(404, 'PATCH', path, { json: { name: 'Mine' }, code: 'not_found' });
    await ben.api.expect(404, 'DELETE', path, { code: 'not_found' });
    assert.deepEqual((await ben.api.expect(200, 'GET', '/api/v1/goals')).body.goals, []);
    assert.equal((await ann.api.expect(200, 'GET', path)).body.name, 'Holiday');
  });

  await t.test('a change of name, target and date', async () => {
    const { body } = await ann.api.expect(200, 'PATCH', `/api/v1/goals/${holiday.goal_id}`,
      { json: { name: 'Lisbon', target_amount: '1500.01', target_date: '2027-06-30' } });
    assert.equal(body.name, 'Lisbon');
    assert.equal(body.target_amount, '1500.01');
    assert.equal(body.target_date, '2027-06-30');
    assert.equal(body.left, '1200.00');
    assert.equal(body.monthly_needed, '100.00');
  });

  await t.test('the automatic transfer is a standing order, posted by the scheduler on its day', async () => {
    const { body } = await ann.api.expect(200, 'PATCH', `/api/v1/goals/${holiday.goal_id}`,
      { json: { auto_transfer: { from_account_id: checking.account_id, day_of_month: 15 } } });
    assert.ok(body.standing_order_id);
    assert.equal(body.standing_order_status, 'active');
    await ann.api.expect(409, 'PATCH', `/api/v1/goals/${holiday.goal_id}`,
      { json: { auto_transfer: { from_account_id: checking.account_id, day_of_month: 1 } }, code: 'conflict' });
    const { body: order } = await ann.api.expect(200, 'GET', `/api/v1/standing-orders/${body.standing_order_id}`);
    assert.equal(order.from_account_id, checking.account_id);
    assert.equal(order.to_account_number, savings.account_number);
    assert.equal(order.amount, '100.00');
    assert.equal(order.description, 'Savings goal: Lisbon');
    assert.equal(order.category, 'savings');
    assert.equal(order.rrule, 'FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20270630');
    const listed = (await ann.api.expect(200, 'GET', '/api/v1/standing-orders')).body.standing_orders;
    assert.deepEqual(listed.map((o) => o.standing_order_id), [body.standing_order_id]);
    const posted = await waitFor(async () => {
      const [occurrence] = await occurrencesOf(ann.api, body.standing_order_id);
      return occurrence?.status === 'posted' && occurrence;
    }, { what: "today's transfer towards the goal to be posted" });
    assert.equal(posted.due_date, '2026-06-15');
    const { body: after } = await ann.api.expect(200, 'GET', `/api/v1/goals/${holiday.goal_id}`);
    assert.equal(after.saved, '400.01');
    assert.equal(after.left, '1100.00');
  });

  await t.test('turning the transfer off cancels its order; a goal set with one has one', async () => {
    const { body: off } = await ann.api.expect(200, 'PATCH', `/api/v1/goals/${holiday.goal_id}`, { json: { auto_transfer: null } });
    assert.equal(off.standing_order_id, null);
    const orders = (await ann.api.expect(200, 'GET', '/api/v1/standing-orders')).body.standing_orders;
    assert.ok(orders.every((o) => o.status === 'cancelled'), 'its order is cancelled');
    const { body: car } = await ann.api.expect(201, 'POST', '/api/v1/goals', {
      json: goal({ name: 'Car', target_amount: '6000', target_date: '2026-12-31',
        auto_transfer: { from_account_id: checking.account_id, day_of_month: -1 } }),
    });
    assert.ok(car.standing_order_id);
    const { body: order } = await ann.api.expect(200, 'GET', `/api/v1/standing-orders/${car.standing_order_id}`);
    // 6000 - 400.01 saved on the account = 5599.99 over 6 months: 933.331... rounds up.
    assert.equal(order.amount, '933.34');
    assert.equal(order.rrule, 'FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20261231');
    const { body: deleted } = await ann.api.expect(200, 'DELETE', `/api/v1/goals/${car.goal_id}`);
    assert.equal(deleted.goal_id, car.goal_id);
    await ann.api.expect(404, 'GET', `/api/v1/goals/${car.goal_id}`, { code: 'not_found' });
    const { body: cancelled } = await ann.api.expect(200, 'GET', `/api/v1/standing-orders/${car.standing_order_id}`);
    assert.equal(cancelled.status, 'cancelled', 'deleting the goal cancelled its transfer');
    await ann.api.expect(404, 'DELETE', `/api/v1/goals/${car.goal_id}`, { code: 'not_found' });
  });

  await t.test('bank verify passes', async () => {
    const { code, output } = await verifyLedger(server.db);
    assert.equal(code, 0, output);
  });
});

test('the /goals page and the dashboard card', async (t) => {
  const { server } = await setUpApi(t, { env: testClock(NOW) });
  const { client } = await signUp(server);
  assert.equal((await client.get('/dashboard')).text.includes('id="goal-card"'), false, 'no card without goals');
  const empty = await client.get('/goals');
  assert.equal(empty.status, 200);
  assert.match(empty.text, /id="no-savings-account"/);
  const checking = await createAccount(client, 'checking', '500');
  const savings = await createAccount(client, 'savings', '250');

  const form = { account_id: savings.account_id, name: 'Roof <repair>', target_amount: '1,000.00', target_date: '2026-10-15' };
  const refused = await postForm(client, '/goals', { ...form, target_date: '2026-06-01' });
  assert.equal(refused.status, 400);
  assert.match(fieldError(refused.text, 'target_date'), /after today/);
  assert.equal((await client.request('POST', '/goals', { form })).status, 403, 'no CSRF token: refused');
  const created = await postForm(client, '/goals', form);
  assert.equal(created.status, 303);
  const page = await client.get('/goals');
  assert.match(flash(page.text).text, /Goal set: \$1,000\.00 for "Roof <repair>" by 2026-10-15/);
  assert.ok(page.text.includes('Roof &lt;repair&gt;'), 'the name is escaped');
  const [article] = tags(page.text, 'article').filter((tag) => tag.attributes['data-goal-id']);
  const goalId = article.attributes['data-goal-id'];
  const [bar] = tags(page.text, 'progress');
  assert.equal(bar.attributes.value, '25');
  assert.equal(bar.attributes['aria-labelledby'], `goal-name-${goalId} goal-text-${goalId}`);
  assert.match(textOf(page.text), /\$250\.00 saved of \$1,000\.00 by 2026-10-15; \$750\.00 left, \$187\.50 a month for 4 months/);

  const on = await postForm(client, `/goals/${goalId}/transfer`, { from_account_id: checking.account_id, day_of_month: '1' }, onGoals);
  assert.equal(on.status, 303);
  const withTransfer = await client.get('/goals');
  assert.match(flash(withTransfer.text).text, /is on/);
  assert.match(textOf(withTransfer.text), /Automatic transfer: \$187\.50 from Checking/);
  assert.match((await client.get('/standing-orders')).text, /Savings goal: Roof &lt;repair&gt;/);

  const dashboard = await client.get('/dashboard');
  assert.match(dashboard.text, /id="goal-card"/);
  assert.match(textOf(dashboard.text), /Roof <repair>.*\$250\.00 saved of \$1,000\.00/s);

  const edited = await postForm(client, `/goals/${goalId}/edit`, { name: 'Roof', target_amount: '1250', target_date: '2026-10-15' }, onGoals);
  assert.equal(edited.status, 303);
  const afterEdit = await client.get('/goals');
  assert.match(textOf(afterEdit.text), /\$1,000\.00 left, \$250\.00 a month for 4 months/);
  assert.match(textOf(afterEdit.text), /Automatic transfer: \$250\.00 from Checking/, 'the order follows the new target');

  assert.equal((await postForm(client, `/goals/${goalId}/transfer`, {}, onGoals)).status, 303);
  assert.match(flash((await client.get('/goals')).text).text, /is off/);
  assert.equal((await postForm(client, `/goals/${goalId}/delete`, {}, onGoals)).status, 303);
  const gone = await client.get('/goals');
  assert.match(gone.text, /id="no-goals"/);
  assert.equal((await client.get('/dashboard')).text.includes('id="goal-card"'), false);
  const other = await signUp(server);
  const token = csrf((await other.client.get('/goals')).text);
  assert.ok(token);
});

test('BANK_STEP_UP=required: a goal whose automatic transfer needs a step-up is refused (403 without an authenticator app) and stores nothing', async (t) => {
  const { api } = await setUpApi(t, { env: { ...testClock(NOW), BANK_STEP_UP: 'required' } });
  const ann = await apiUser(api);
  const checking = await openAccount(ann.api, 'checking', '100');
  const savings = await openAccount(ann.api, 'savings');
  const json = { account_id: savings.account_id, name: 'Bike', target_amount: '600', target_date: '2027-06-15' };
  const refused = await ann.api.expect(403, 'POST', '/api/v1/goals', {
    json: { ...json, auto_transfer: { from_account_id: checking.account_id, day_of_month: 1 } }, code: 'forbidden',
  });
  assert.match(refused.body.error.message, /authenticator app/);
  assert.deepEqual((await ann.api.expect(200, 'GET', '/api/v1/goals')).body.goals, [], 'no goal stored');
  assert.deepEqual((await ann.api.expect(200, 'GET', '/api/v1/standing-orders')).body.standing_orders, [], 'no order stored');
  const { body: plain } = await ann.api.expect(201, 'POST', '/api/v1/goals', { json });
  await ann.api.expect(403, 'PATCH', `/api/v1/goals/${plain.goal_id}`, {
    json: { auto_transfer: { from_account_id: checking.account_id, day_of_month: 1 } }, code: 'forbidden',
  });
  assert.equal((await ann.api.expect(200, 'GET', `/api/v1/goals/${plain.goal_id}`)).body.standing_order_id, null);
});
