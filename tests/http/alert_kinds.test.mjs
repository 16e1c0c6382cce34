// The two alert kinds that look beyond the posting, over real HTTP on either store:
// projected_balance_below (the 30-day forecast's lowest point under the rule's amount, at most
// one a day) and recurring_price_changed (a monthly payee, made on three server clocks a month
// apart with BANK_TEST_NOW, then paid at a new price). A third person's rule is the sentinel:
// the evaluator reads the feed in order, so once the sentinel's notification is there every
// posting before it was evaluated, and what did not come will not come. People without the
// rule get nothing. The refusals of the threshold change nothing. JSON is checked against the
// OpenAPI document.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, fieldError, login, postForm } from '../support/server.mjs';
import { setUpApi, apiUser, openAccount } from '../support/api.mjs';
import { testClock } from '../support/clock.mjs';
import { waitFor } from '../support/wait.mjs';

// DynamoDB serves a posting in the change feed once it settled (10 s); then a pass (2 s).
const NOTIFIED_WITHIN_MS = 40_000;
const TODAY = '2026-06-15';
const DAY_MS = 86_400_000;
const at = (daysBefore) => new Date(Date.parse(`${TODAY}T12:00:00Z`) - daysBefore * DAY_MS).toISOString().replace('.000Z', 'Z');

async function notifications(person) {
  return (await person.expect(200, 'GET', '/api/v1/notifications')).body.notifications;
}

async function withdraw(person, account, amount, description) {
  await person.expect(201, 'POST', '/api/v1/withdraw', {
    json: { account_id: account.account_id, amount, description, category: 'dining' },
  });
}

// A person with a transaction_above 1.00 rule whose withdrawal, posted last, is notified only
// after every posting before it in the feed was evaluated.
async function sentinel(api) {
  const cy = await apiUser(api, { full_name: 'Cy Sentinel' });
  const account = await openAccount(cy.api, 'checking', '100.00');
  await cy.api.expect(201, 'POST', '/api/v1/alerts', { json: { kind: 'transaction_above', threshold: '1.00' } });
  return {
    post: () => withdraw(cy.api, account, '5.00', 'Sentinel'),
    reached: () => waitFor(async () => (await notifications(cy.api)).length >= 1,
      { timeoutMs: NOTIFIED_WITHIN_MS, what: 'the sentinel notification' }),
  };
}

test('the threshold of the two new kinds: required, zero or more, or refused', async (t) => {
  const { api } = await setUpApi(t);
  const ann = await apiUser(api);
  const refuse = (json) => ann.api.expect(400, 'POST', '/api/v1/alerts', { json, field: 'threshold' });
  await refuse({ kind: 'projected_balance_below' });
  await refuse({ kind: 'projected_balance_below', threshold: '' });
  await refuse({ kind: 'projected_balance_below', threshold: '-0.01' });
  await refuse({ kind: 'projected_balance_below', threshold: 'lots' });
  await refuse({ kind: 'projected_balance_below', threshold: '100000000.01' });
  await refuse({ kind: 'recurring_price_changed', threshold: '5.00' });
  await refuse({ kind: 'transaction_above', threshold: '0.00' });
  assert.deepEqual((await ann.api.expect(200, 'GET', '/api/v1/alerts')).body.rules, [], 'nothing added');

  const zero = (await ann.api.expect(201, 'POST', '/api/v1/alerts', {
    json: { kind: 'projected_balance_below', threshold: '0' },
  })).body;
  assert.equal(zero.kind, 'projected_balance_below');
  assert.equal(zero.threshold, '0.00', 'zero: warned of any overdraft');
  const price = (await ann.api.expect(201, 'POST', '/api/v1/alerts', { json: { kind: 'recurring_price_changed' } })).body;
  assert.equal(price.threshold, null);
  await ann.api.expect(409, 'POST', '/api/v1/alerts', { json: { kind: 'recurring_price_changed' }, code: 'conflict' });
  const listed = (await ann.api.expect(200, 'GET', '/api/v1/alerts')).body.rules;
  assert.deepEqual(listed.map((rule) => rule.kind), ['projected_balance_below', 'recurring_price_changed']);
});

test('the /alerts page offers and adds both kinds', async (t) => {
  const { server, api } = await setUpApi(t);
  const ann = await apiUser(api);
  const client = new Client(server);
  assert.equal((await login(client, ann.email)).status, 303);
  const page = await client.get('/alerts');
  assert.ok(page.text.includes('<option value="projected_balance_below"'));
  assert.ok(page.text.includes('<option value="recurring_price_changed"'));
  const refused = await postForm(client, '/alerts', { kind: 'projected_balance_below', threshold: '-1' });
  assert.equal(refused.status, 400);
  assert.match(fieldError(refused.text, 'threshold'), /\$0\.00 or more/);
  assert.equal((await postForm(client, '/alerts', { kind: 'projected_balance_below', threshold: '250' })).status, 303);
  assert.equal((await postForm(client, '/alerts', { kind: 'recurring_price_changed' })).status, 303);
  const rules = (await ann.api.expect(200, 'GET', '/api/v1/alerts')).body.rules;
  assert.deepEqual(rules.map((rule) => [rule.kind, rule.threshold]),
    [['projected_balance_below', '250.00'], ['recurring_price_changed', null]]);
  const listed = await client.get('/alerts');
  assert.ok(listed.text.includes('A projected balance below an amount'));
  assert.ok(listed.text.includes('A recurring payment whose price changed'));
});

test('a projected balance below the rule: one notification a day, none for others', async (t) => {
  const { api } = await setUpApi(t, { env: testClock(at(0)) });
  const ann = await apiUser(api, { full_name: 'Ann Low' });
  const bob = await apiUser(api, { full_name: 'Bob Norule' });
  const annAccount = await openAccount(ann.api, 'checking', '1000.00');
  const bobAccount = await openAccount(bob.api, 'checking', '1000.00');
  const last = await sentinel(api);
  await ann.api.expect(201, 'POST', '/api/v1/alerts', { json: { kind: 'projected_balance_below', threshold: '500.00' } });

  await withdraw(ann.api, annAccount, '600.00', 'New laptop'); // 400.00 left: below
  await withdraw(ann.api, annAccount, '10.00', 'Coffee'); // the same day: absorbed
  await withdraw(bob.api, bobAccount, '990.00', 'Car repair'); // Bob has no rule
  await last.post();
  await last.reached();

  const annList = await notifications(ann.api);
  assert.equal(annList.length, 1, JSON.stringify(annList));
  const [alert] = annList;
  assert.equal(alert.kind, 'projected_balance_below');
  assert.equal(alert.subject_id, `forecast:${TODAY}`);
  assert.match(alert.message, /^Your balance is forecast to fall to \$(400|390)\.00 on \d{4}-\d{2}-\d{2}, below your alert of \$500\.00\.$/);
  assert.deepEqual(await notifications(bob.api), []);
});

test('a recurring payment at a new price: one notification, none for others', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-alert-kinds-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const first = await setUpApi(t, { dir, env: testClock(at(90)) });
  const store = { dir, db: first.server.db, tablePrefix: first.server.tablePrefix };
  const ann = await apiUser(first.api, { full_name: 'Ann Streams' });
  const bob = await apiUser(first.api, { full_name: 'Bob Streams' });
  const annAccount = await openAccount(ann.api, 'checking', '1000.00');
  const bobAccount = await openAccount(bob.api, 'checking', '1000.00');
  const signIn = async (api, person) => {
    const { body } = await api.expect(200, 'POST', '/api/v1/login', { json: { email: person.email, password: person.password }, token: null });
    return api.as(body.token);
  };
  // 90, 60 and 30 days before today: a monthly run (30 days apart) at $12.99.
  for (const daysBefore of [90, 60, 30]) {
    const server = daysBefore === 90 ? first : await setUpApi(t, { ...store, env: testClock(at(daysBefore)) });
    const annApi = daysBefore === 90 ? ann.api : await signIn(server.api, ann);
    const bobApi = daysBefore === 90 ? bob.api : await signIn(server.api, bob);
    await withdraw(annApi, annAccount, '12.99', 'Streamly');
    await withdraw(bobApi, bobAccount, '12.99', 'Streamly');
    await server.server.stop();
  }

  const now = await setUpApi(t, { ...store, env: testClock(at(0)) });
  const annApi = await signIn(now.api, ann);
  const bobApi = await signIn(now.api, bob);
  const last = await sentinel(now.api);
  await annApi.expect(201, 'POST', '/api/v1/alerts', { json: { kind: 'recurring_price_changed' } });
  await withdraw(annApi, annAccount, '50.00', 'Cinema'); // no recurring payee
  await withdraw(annApi, annAccount, '15.99', 'streamly'); // the same payee at a new price
  await withdraw(bobApi, bobAccount, '15.99', 'Streamly'); // Bob has no rule
  await last.post();
  await last.reached();

  const annList = await notifications(annApi);
  assert.equal(annList.length, 1, JSON.stringify(annList));
  assert.equal(annList[0].kind, 'recurring_price_changed');
  assert.match(annList[0].subject_id, /^posting:\S+$/);
  assert.equal(annList[0].message, 'streamly costs $15.99 now, usually $12.99 (monthly).');
  assert.deepEqual(await notifications(bobApi), []);
});
