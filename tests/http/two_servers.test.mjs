// Two `bank serve` processes on one DynamoDB: sessions, lockout and money are shared, so a
// person can sign in through one and act through the other, and concurrent transfers
// through both keep every invariant. Runs only with BANK_STORE=dynamodb (the second run of
// the HTTP tests, see tests/node_tests.cmake).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  BANK_STORE, Client, csrf, startServer, verifyLedger, register, login, signUp, createAccount, deposit,
  transfer, balanceOf, listAccounts, formError,
} from '../support/server.mjs';

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
