// GET /dashboard is served from a per-person cache while nothing of theirs changes
// (web/dashboard_cache.hpp): it must never show an old balance, and each session's page
// carries that session's own CSRF token.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, startServer, verifyLedger, signUp, login, createAccount, deposit, transfer, postForm,
  textById, csrf, parseMoney, flash,
} from '../support/server.mjs';

async function dashboard(client) {
  const page = await client.get('/dashboard');
  assert.equal(page.status, 200, `GET /dashboard: ${page.status}`);
  return page.text;
}

const totalBalance = (html) => parseMoney(textById(html, 'total-balance'));

test('the dashboard shows a new balance right after each write, whoever made it', { timeout: 90_000 }, async (t) => {
  const server = await startServer(t);
  const alice = await signUp(server, { full_name: 'Alice Walker' });
  const bob = await signUp(server, { full_name: 'Bob Stone' });
  const aliceChecking = await createAccount(alice.client, 'checking', '100');
  const bobChecking = await createAccount(bob.client, 'checking', '500');

  // Twice, so that the second one comes from the cache.
  assert.equal(totalBalance(await dashboard(alice.client)), 100_00);
  assert.equal(totalBalance(await dashboard(alice.client)), 100_00);

  // An incoming transfer from another person.
  const sent = await transfer(bob.client, bobChecking.account_id, aliceChecking.account_number, '25.50', 'Dinner');
  assert.equal(sent.status, 303, `Bob's transfer: ${sent.status}`);
  let page = await dashboard(alice.client);
  assert.equal(totalBalance(page), 125_50, 'Bob\'s transfer shows at once on Alice\'s dashboard');
  assert.match(page, /Dinner/, 'and in her recent transactions');
  assert.equal(totalBalance(await dashboard(bob.client)), 474_50);

  // Her own deposit and her own transfer out.
  assert.equal((await deposit(alice.client, aliceChecking.account_id, '10')).status, 303);
  assert.equal(totalBalance(await dashboard(alice.client)), 135_50);
  assert.equal((await transfer(alice.client, aliceChecking.account_id, bobChecking.account_number, '35.50')).status, 303);
  assert.equal(totalBalance(await dashboard(alice.client)), 100_00);
  assert.equal(totalBalance(await dashboard(bob.client)), 510_00);

  // A second account opened shows too.
  await createAccount(alice.client, 'savings', '1');
  assert.equal(totalBalance(await dashboard(alice.client)), 101_00);

  await server.stop();
  assert.equal((await verifyLedger(server.db)).code, 0);
});

test('a cached dashboard carries each session\'s own CSRF token, and flash messages are not cached', { timeout: 60_000 }, async (t) => {
  const server = await startServer(t);
  const first = await signUp(server);
  const account = await createAccount(first.client, 'checking', '5');
  const second = new Client(server);
  assert.equal((await login(second, first.email, first.password)).status, 303);

  const firstPage = await dashboard(first.client);
  const secondPage = await dashboard(second);
  assert.notEqual(csrf(firstPage), csrf(secondPage), 'two sessions, two tokens');
  assert.equal(totalBalance(secondPage), 5_00);
  // Each session's token works for its own forms.
  const signedOut = await second.post('/logout', { csrf_token: csrf(secondPage) });
  assert.equal(signedOut.status, 303);
  assert.equal((await first.client.get('/dashboard')).status, 200, 'the other session goes on');

  // A flash shows once, on the page that follows the redirect, and not after.
  const deposited = await postForm(first.client, '/deposit', { account_id: account.account_id, amount: '1', description: '' }, { page: '/deposit' });
  assert.equal(deposited.status, 303);
  const withFlash = await first.client.get('/dashboard', {});
  assert.equal(totalBalance(withFlash.text), 6_00);
  assert.ok(flash(withFlash.text), 'the flash of the deposit');
  assert.equal(flash(await dashboard(first.client)), null, 'shown once only');
});
