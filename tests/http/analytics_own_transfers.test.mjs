// Money moved between two of a person's own accounts is not spending: over all of their
// accounts it is left out of the top payees, the largest spending and the unusual spending
// (as it is out of money in and spending), on the /analytics page and in the analytics API;
// over the one account it left, it stays. A transfer to somebody else is spending everywhere.
// Every JSON response is validated against the OpenAPI document.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Client, login, elementById, textOf } from '../support/server.mjs';
import { apiUser, openAccount, setUpApi, cents } from '../support/api.mjs';
import { testClock, dayOf, MIDMONTH_NOON } from '../support/clock.mjs';

test('own transfers are not payees, largest or unusual spending at the person\'s level', async (t) => {
  // The middle of a month: every posting below falls in "this month".
  const { server, api } = await setUpApi(t, { env: testClock() });
  const alice = await apiUser(api, { full_name: 'Alice Walker' });
  const bob = await apiUser(api, { full_name: 'Bob Marley' });
  const checking = await openAccount(alice.api, 'checking', '2000');
  const savings = await openAccount(alice.api, 'savings');
  const bobs = await openAccount(bob.api, 'checking');
  const send = (to, amount, description) => alice.api.expect(201, 'POST', '/api/v1/transfer', {
    json: { from_account_id: checking.account_id, to_account_number: to, amount, description, category: 'utilities' },
  });
  // Four small bills and one large one paid to Bob, and $900 moved to her own savings, all in
  // one category. Counting the move, the category's average would be $173.33 and the move the
  // only unusual payment; without it the average is $28.00 and the $100 bill is unusual.
  for (let i = 0; i < 4; i += 1) await send(bobs.account_number, '10', 'Phone bill');
  await send(bobs.account_number, '100', 'Water bill');
  await send(savings.account_number, '900', 'Rainy day');

  const get = async (endpoint, query = '') => (await alice.api.expect(200, 'GET', `/api/v1/analytics/${endpoint}${query}`)).body;

  await t.test('the API over all her accounts leaves the move out', async () => {
    const payees = (await get('top-payees')).payees;
    assert.deepEqual(payees.map((p) => [p.description, cents(p.total), p.count]),
      [['Water bill', 100_00, 1], ['Phone bill', 40_00, 4]]);
    const largest = (await get('largest')).transactions;
    assert.deepEqual(largest.map((r) => [r.description, cents(r.amount)]),
      [['Water bill', 100_00], ['Phone bill', 10_00], ['Phone bill', 10_00], ['Phone bill', 10_00], ['Phone bill', 10_00]]);
    const unusual = (await get('unusual')).unusual;
    assert.deepEqual(unusual.map((u) => [u.transaction.description, cents(u.transaction.amount), cents(u.category_average)]),
      [['Water bill', 100_00, 28_00]]);
  });

  await t.test('over the checking account alone the move did leave it, and stays', async () => {
    const query = `?account_id=${checking.account_id}`;
    const payees = (await get('top-payees', query)).payees;
    assert.deepEqual(payees.map((p) => [p.description, cents(p.total)]),
      [['Rainy day', 900_00], ['Water bill', 100_00], ['Phone bill', 40_00]]);
    const largest = (await get('largest', query)).transactions;
    assert.deepEqual(largest.slice(0, 2).map((r) => [r.description, cents(r.amount)]), [['Rainy day', 900_00], ['Water bill', 100_00]]);
    const unusual = (await get('unusual', query)).unusual;
    assert.deepEqual(unusual.map((u) => [u.transaction.description, cents(u.category_average)]), [['Rainy day', 173_33]]);
  });

  await t.test('a custom period of today (read from the history, not the month rollups) leaves it out too', async () => {
    const today = dayOf(MIDMONTH_NOON);
    const query = `?period=custom&from=${today}&to=${today}`;
    assert.deepEqual((await get('top-payees', query)).payees.map((p) => p.description), ['Water bill', 'Phone bill']);
    assert.ok(!(await get('largest', query)).transactions.some((r) => r.description === 'Rainy day'));
    assert.deepEqual((await get('unusual', query)).unusual.map((u) => u.transaction.description), ['Water bill']);
  });

  await t.test('the /analytics page shows no move in its tables, and the payment to Bob', async () => {
    const client = new Client(server);
    assert.equal((await login(client, alice.email, alice.password)).status, 303);
    const page = await client.get('/analytics');
    assert.equal(page.status, 200);
    for (const id of ['payees-table', 'largest-table', 'unusual-table']) {
      const table = textOf(elementById(page.text, id) ?? '');
      assert.match(table, /Water bill/, `#${id} shows the payment to Bob`);
      assert.doesNotMatch(table, /Rainy day/, `#${id} leaves out the move between her accounts`);
    }
    const one = await client.get(`/analytics?account_id=${checking.account_id}`);
    assert.match(textOf(elementById(one.text, 'largest-table') ?? ''), /Rainy day/, 'the checking account\'s own page keeps it');
  });
});
