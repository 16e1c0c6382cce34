// The everyday path of a customer, end to end over HTTP, and the data surviving a restart.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, startServer, verifyLedger, signUp, login, createAccount, deposit, withdraw, transfer,
  postForm, balanceOf, listAccounts, allTransactions, flash, textById, elementById,
} from '../support/server.mjs';

function assertRedirect(response, where, what) {
  assert.equal(response.status, 303, `${what}: expected 303, got ${response.status}`);
  assert.ok(response.location?.startsWith(where), `${what}: Location ${response.location} should start with ${where}`);
}

// The row of a history that shows this amount and this balance after it.
function findLeg(rows, amount, balanceAfter) {
  return rows.find((row) => row.text.includes(amount) && row.text.includes(balanceAfter));
}

test('a customer banks, transfers to someone else, signs out, and the data survives a restart', { timeout: 90_000 }, async (t) => {
  const server = await startServer(t);
  const alice = await signUp(server, { full_name: 'Alice Walker' });
  const client = alice.client;

  const dashboard = await client.get('/dashboard');
  assert.equal(dashboard.status, 200);

  // Checking account with no money yet.
  const checking = await createAccount(client, 'checking', '0');
  assertRedirect(checking.response, '/accounts', 'open checking');
  assert.equal(checking.flash?.text, `Your checking account ${checking.account_number} is open. Balance: $0.00.`);
  assert.equal(await balanceOf(client, checking.account_id), 0);

  const deposited = await deposit(client, checking.account_id, '1000', 'Salary');
  assertRedirect(deposited, `/transactions?account_id=${checking.account_id}`, 'deposit');
  const afterDeposit = await client.get(deposited.location);
  assert.equal(afterDeposit.status, 200);
  assert.equal(flash(afterDeposit.text)?.text,
    `Deposited $1,000.00 into ${checking.account_number}. New balance: $1,000.00.`);
  assert.equal(await balanceOf(client, checking.account_id), 1000_00);

  const withdrawn = await withdraw(client, checking.account_id, '200', 'Groceries', 'groceries');
  assertRedirect(withdrawn, `/transactions?account_id=${checking.account_id}`, 'withdraw');
  assert.equal(flash((await client.get(withdrawn.location)).text)?.text,
    `Withdrew $200.00 from ${checking.account_number}. New balance: $800.00.`);
  assert.equal(await balanceOf(client, checking.account_id), 800_00);

  const savings = await createAccount(client, 'savings');
  assert.equal(await balanceOf(client, savings.account_id), 0);

  const toSavings = await transfer(client, checking.account_id, savings.account_number, '300', 'Rainy day');
  assertRedirect(toSavings, `/transactions?account_id=${checking.account_id}`, 'transfer to own savings');
  assert.equal(flash((await client.get(toSavings.location)).text)?.text,
    `Transferred $300.00 to ${savings.account_number}. New balance: $500.00.`);
  assert.equal(await balanceOf(client, checking.account_id), 500_00);
  assert.equal(await balanceOf(client, savings.account_id), 300_00);

  // A second person, in a second session.
  const bob = await signUp(server, { full_name: 'Bob Marley' });
  const bobAccount = await createAccount(bob.client, 'checking', '10.00');
  assert.equal(await balanceOf(bob.client, bobAccount.account_id), 10_00);

  const toBob = await transfer(client, checking.account_id, bobAccount.account_number, '125.50', 'Concert tickets');
  assertRedirect(toBob, `/transactions?account_id=${checking.account_id}`, 'transfer to another person');
  assert.equal(flash((await client.get(toBob.location)).text)?.text,
    `Transferred $125.50 to ${bobAccount.account_number}. New balance: $374.50.`);
  assert.equal(await balanceOf(client, checking.account_id), 374_50);
  assert.equal(await balanceOf(bob.client, bobAccount.account_id), 135_50);

  // Histories, newest first, with the balance after each posting.
  const checkingRows = await allTransactions(client, `account_id=${checking.account_id}`);
  assert.equal(checkingRows.length, 4, 'checking history has deposit, withdrawal and two transfers');
  assert.ok(findLeg([checkingRows[0]], '$125.50', '$374.50'), `newest row is the transfer to Bob: ${checkingRows[0].text}`);
  assert.ok(findLeg([checkingRows[1]], '$300.00', '$500.00'), `then the transfer to savings: ${checkingRows[1].text}`);
  assert.ok(findLeg([checkingRows[2]], '$200.00', '$800.00'), `then the withdrawal: ${checkingRows[2].text}`);
  assert.ok(findLeg([checkingRows[3]], '$1,000.00', '$1,000.00'), `then the deposit: ${checkingRows[3].text}`);
  // A move between her own accounts says so; a payment to Bob is a transfer; a deposit names
  // no counterparty ("Deposit from" with nothing after).
  assert.match(checkingRows[1].text, /Moved between your accounts/);
  assert.match(checkingRows[0].text, /Transfer out/);
  assert.doesNotMatch(checkingRows[0].text, /Moved between/);
  assert.match(checkingRows[3].text, /Deposit/);
  assert.doesNotMatch(checkingRows[3].text, /Deposit\s+from/);

  const savingsRows = await allTransactions(client, `account_id=${savings.account_id}`);
  assert.equal(savingsRows.length, 1);
  assert.ok(findLeg(savingsRows, '$300.00', '$300.00'), `savings shows the incoming leg: ${savingsRows[0].text}`);

  const bobRows = await allTransactions(bob.client, `account_id=${bobAccount.account_id}`);
  assert.ok(findLeg(bobRows, '$125.50', '$135.50'), `Bob's history shows the incoming leg: ${bobRows.map((r) => r.text).join(' | ')}`);
  assert.ok(!bobRows.some((row) => row.text.includes('$300.00')), "Bob does not see Alice's own transfer");

  // The dashboard total and the analytics page.
  const totalText = textById((await client.get('/dashboard')).text, 'total-balance');
  assert.ok(totalText?.includes('$674.50'), `total balance shows $674.50: ${totalText}`);

  const analytics = await client.get('/analytics');
  assert.equal(analytics.status, 200);
  const totals = textById(analytics.text, 'totals');
  assert.ok(totals, 'analytics has id="totals"');
  // Money in: the $1,000 deposit; spending: the $200 withdrawal and the $125.50 sent to Bob.
  // The $300 moved between her own accounts is neither (nor does it lower her savings rate).
  assert.ok(totals.includes('$1,000.00'), `totals show the money in: ${totals}`);
  assert.ok(totals.includes('$325.50'), `totals show the spending: ${totals}`);
  assert.ok(totals.includes('67.45%'), `savings rate (1000 - 325.50) / 1000: ${totals}`);
  // Over the checking account alone the $300 did leave it.
  const checkingOnly = textById((await client.get(`/analytics?account_id=${checking.account_id}`)).text, 'totals');
  assert.ok(checkingOnly.includes('$625.50'), `checking's spending includes the move: ${checkingOnly}`);
  assert.ok(elementById(analytics.text, 'months-table'), 'analytics has id="months-table"');

  // Signing out ends the session on the server, not just in this client.
  const oldSession = client.cookies.get('bank_session');
  assert.ok(oldSession, 'a bank_session cookie was set at sign-in');
  const loggedOut = await postForm(client, '/logout', {}, { page: '/dashboard' });
  assertRedirect(loggedOut, '/login', 'logout');
  assert.equal(flash((await client.get('/login')).text)?.text, 'You have been signed out.');
  const replay = new Client(server);
  replay.cookies.set('bank_session', oldSession);
  const afterLogout = await replay.get('/dashboard');
  assertRedirect(afterLogout, '/login', 'old session cookie after logout');

  // Stop, check the ledger, start again on the same file.
  assert.equal(await server.stop('SIGTERM'), 0, 'server exits 0 on SIGTERM');
  const verified = await verifyLedger(server.db);
  assert.equal(verified.code, 0, `bank verify: ${verified.output}`);

  await server.restart();
  const again = new Client(server);
  assertRedirect(await login(again, alice.email, alice.password), '/dashboard', 'sign-in after restart');
  const accounts = await listAccounts(again);
  assert.equal(accounts.length, 2);
  assert.equal(await balanceOf(again, checking.account_id), 374_50);
  assert.equal(await balanceOf(again, savings.account_id), 300_00);
  assert.equal((await allTransactions(again, `account_id=${checking.account_id}`)).length, 4);
});
