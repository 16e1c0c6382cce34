// Two `bank serve` processes on one DynamoDB: sessions, lockout, money and the standing orders
// they both run are shared, so a person can sign in through one and act through the other,
// concurrent transfers through both keep every invariant, and each occurrence of an order is
// posted once. Runs only with BANK_STORE=dynamodb (the second run of the HTTP tests, see
// tests/node_tests.cmake).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  BANK_STORE, Client, csrf, startServer, verifyLedger, register, login, signUp, createAccount, deposit,
  transfer, balanceOf, listAccounts, formError,
} from '../support/server.mjs';
import { Api, allTransactions, apiUser, cents, loadOpenApi, openAccount } from '../support/api.mjs';
import { testClock } from '../support/clock.mjs';
import { waitFor } from '../support/wait.mjs';

const skip = BANK_STORE === 'dynamodb' ? false : 'needs BANK_STORE=dynamodb (run by ctest against DynamoDB Local)';

async function twoServers(t) {
  const first = await startServer(t, { name: `${t.name}-a` });
  const second = await startServer(t, { name: `${t.name}-b`, tablePrefix: first.tablePrefix });
  return [first, second];
}

// A client of `server` that carries the same cookies (the same session) as `client`.
function sameSession(client, server) {
  const other = new Client(server);
  other.cookies = client.cookies;
  return other;
}

test('a person signs in through one server and acts through the other', { skip }, async (t) => {
  const [first, second] = await twoServers(t);
  const viaFirst = new Client(first);
  const registered = await register(viaFirst);
  assert.equal(registered.status, 303);
  assert.equal((await login(viaFirst, registered.email)).status, 303);

  const viaSecond = sameSession(viaFirst, second);
  const account = await createAccount(viaSecond, 'checking', '100.00');
  assert.equal((await deposit(viaSecond, account.account_id, '25.50')).status, 303);
  assert.equal(await balanceOf(viaFirst, account.account_id), 12550);
  assert.equal(await balanceOf(viaSecond, account.account_id), 12550);

  // Signing out through one server ends the session on both.
  const cookie = viaFirst.cookieHeader();
  const page = await viaSecond.get('/accounts');
  assert.equal(page.status, 200);
  const logout = await viaSecond.post('/logout', { csrf_token: csrf(page.text) });
  assert.equal(logout.status, 303, 'logout');
  assert.ok(logout.location?.startsWith('/login'), `logout sends to sign in, not ${logout.location}`);
  const after = await new Client(first).get('/accounts', { headers: { cookie } });
  assert.equal(after.status, 303, 'the old session cookie on the other server');
  assert.ok(after.location?.startsWith('/login'), `sent to sign in, not ${after.location}`);
});

test('failed logins through both servers count towards one lockout', { skip }, async (t) => {
  const [first, second] = await twoServers(t);
  const registered = await register(new Client(first));
  assert.equal(registered.status, 303);
  const statuses = [];
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const server = attempt % 2 ? second : first;
    statuses.push((await login(new Client(server), registered.email, 'Wrong-passw0rd')).status);
  }
  assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401], `wrong passwords: ${statuses}`);
  assert.ok([401, 423].includes(statuses[4]), `the fifth wrong password: ${statuses}`);
  // Locked now, on both: even the right password is refused, saying so.
  for (const server of [first, second]) {
    const right = await login(new Client(server), registered.email);
    assert.equal(right.status, 423, 'the right password while locked');
    assert.match(formError(right.text) ?? '', /locked/i);
  }
});

test('concurrent transfers through both servers keep every invariant', { skip }, async (t) => {
  const [first, second] = await twoServers(t);
  const ada = await signUp(first);
  const grace = await signUp(second);
  const adas = await createAccount(ada.client, 'checking', '500.00');
  const graces = await createAccount(grace.client, 'checking', '500.00');
  const adaElsewhere = sameSession(ada.client, second);
  const graceElsewhere = sameSession(grace.client, first);

  const moves = [];
  for (let index = 0; index < 12; index += 1) {
    // Every fourth asks for more than there is: refused, changing nothing.
    const amount = index % 4 === 3 ? '5000.00' : `${10 + index}.25`;
    moves.push(transfer(index % 2 ? adaElsewhere : ada.client, adas.account_id, graces.account_number, amount));
    moves.push(transfer(index % 2 ? grace.client : graceElsewhere, graces.account_id, adas.account_number, amount));
  }
  const responses = await Promise.all(moves);
  // Each side sends at most $137.25 of the small amounts, so every one of them is made and every
  // $5,000.00 is refused, whatever the order.
  for (const [index, response] of responses.entries()) {
    const amount = Math.floor(index / 2) % 4 === 3 ? '5000.00' : 'small';
    if (amount === 'small') {
      assert.equal(response.status, 303, `transfer ${index}: ${formError(response.text) ?? ''}`);
    } else {
      assert.equal(response.status, 422, `transfer ${index} of $5,000.00`);
      assert.match(formError(response.text) ?? '', /Insufficient funds/);
    }
  }

  // The same amounts went each way: both balances are back where they started.
  const adaBalance = await balanceOf(ada.client, adas.account_id);
  const graceBalance = await balanceOf(grace.client, graces.account_id);
  assert.equal(adaBalance, 50000);
  assert.equal(graceBalance, 50000);
  assert.equal(await balanceOf(adaElsewhere, adas.account_id), adaBalance);
  assert.equal((await listAccounts(graceElsewhere)).length, 1);

  const verified = await verifyLedger(first.db);
  assert.equal(verified.code, 0, verified.output);
  assert.match(verified.output, /OK: every invariant holds/);
});

// Issue 14: several servers run the same standing orders, and each occurrence is posted once.
// Both servers' schedulers run every second on the same tables: first on the orders' first day,
// then, restarted three days later, both catch up the three missed days at the same time.
test('standing orders run by two servers at once post each occurrence exactly once', { skip }, async (t) => {
  const days = ['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18'];
  const serversAt = async (instant, tablePrefix) => {
    const env = { ...testClock(instant), BANK_SCHEDULER_INTERVAL: 1 };
    const first = await startServer(t, { name: `${t.name}-a-${instant}`, tablePrefix, env });
    const second = await startServer(t, { name: `${t.name}-b-${instant}`, tablePrefix: first.tablePrefix, env });
    return [first, second];
  };
  const [first, second] = await serversAt(`${days[0]}T12:00:00Z`);
  const spec = await loadOpenApi(first);
  const payer = await apiUser(new Api(first, spec), { full_name: 'Pat Payer' });
  const payee = await apiUser(new Api(second, spec), { full_name: 'Pia Payee' });
  const from = await openAccount(payer.api, 'checking', '1000');
  const to = await openAccount(payee.api, 'checking');
  const amounts = ['1.01', '2.02', '3.03', '4.04', '5.05', '6.06'];
  const orders = [];
  for (const amount of amounts) {
    const { body } = await payer.api.expect(201, 'POST', '/api/v1/standing-orders', { json: {
      from_account_id: from.account_id, to_account_number: to.account_number, amount,
      description: `Daily ${amount}`, rrule: `FREQ=DAILY;COUNT=${days.length}` } });
    orders.push(body);
  }
  const postedDates = async (api, order) =>
    (await api.expect(200, 'GET', `/api/v1/standing-orders/${order.standing_order_id}/occurrences`))
      .body.occurrences.filter((occurrence) => occurrence.status === 'posted')
      .map((occurrence) => occurrence.due_date).sort();
  const allPostedUpTo = (api, count) => async () => {
    for (const order of orders) {
      if ((await postedDates(api, order)).length < count) return false;
    }
    return true;
  };
  await waitFor(allPostedUpTo(payer.api, 1), { what: 'each order\'s first occurrence to be posted' });

  await Promise.all([first.stop(), second.stop()]);
  const [third, fourth] = await serversAt(`${days[3]}T12:00:00Z`, first.tablePrefix);
  // Three days on, the sign-ins of the first day have expired: sign in again.
  const signIn = async (server, person) => new Api(server, spec, (await new Api(server, spec).expect(200,
    'POST', '/api/v1/login', { json: { email: person.email, password: person.password }, token: null })).body.token);
  const payerLater = await signIn(third, payer);
  await waitFor(allPostedUpTo(payerLater, days.length), { what: 'the three missed days to be caught up' });

  for (const order of orders) {
    assert.deepEqual(await postedDates(payerLater, order), days, `${order.description}: each day once`);
  }
  const fromOrders = await waitFor(async () => {
    const rows = (await allTransactions(payerLater)).filter((row) => row.standing_order_id);
    return rows.length >= orders.length * days.length && rows;
  }, { what: 'the postings in the history' });
  assert.equal(fromOrders.length, orders.length * days.length, 'no occurrence posted twice');
  const perOrder = new Map();
  for (const row of fromOrders) perOrder.set(row.standing_order_id, (perOrder.get(row.standing_order_id) || 0) + 1);
  for (const order of orders) assert.equal(perOrder.get(order.standing_order_id), days.length);
  const paid = amounts.reduce((sum, amount) => sum + cents(amount), 0) * days.length;
  const payeeLater = await signIn(fourth, payee);
  const [account] = (await payeeLater.expect(200, 'GET', '/api/v1/accounts')).body.accounts;
  assert.equal(cents(account.balance), paid, 'the payee received every occurrence once');
  const verified = await verifyLedger(third.db);
  assert.equal(verified.code, 0, verified.output);
});
