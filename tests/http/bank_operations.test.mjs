// Bank operations with four eyes (issue 14), over real HTTP on either store: an administrator
// proposes freezing an account, another approves it, and the owner's payments the freeze
// forbids are refused with 422 account_frozen (and they see why) until an unfreeze is approved;
// the proposer cannot approve their own proposal; a reversal restores both balances, is linked
// both ways, and is made once; a reversal that would overdraw is refused and changes nothing.
// A proposal past its 24 hours (the BANK_TEST_NOW hook) is refused. Every step reaches the
// audit logs of both administrators and of the owner.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BANK_BINARY, Client, flash, login as formLogin, postForm } from '../support/server.mjs';
import { apiUser, openAccount, setUpApi } from '../support/api.mjs';

function grantAdmin(server, email) {
  const env = { ...process.env, ...(server.tablePrefix ? { BANK_DYNAMODB_TABLE_PREFIX: server.tablePrefix } : {}) };
  execFileSync(BANK_BINARY, ['admin', 'grant', email, '--db', server.db], { env, timeout: 30_000 });
}

async function twoAdmins(t) {
  const { server, api } = await setUpApi(t);
  const maker = await apiUser(api, { full_name: 'Maker Admin' });
  const checker = await apiUser(api, { full_name: 'Checker Admin' });
  grantAdmin(server, maker.email);
  grantAdmin(server, checker.email);
  return { server, api, maker, checker };
}

async function accountOf(person, accountId) {
  return (await person.api.expect(200, 'GET', `/api/v1/accounts/${accountId}`)).body;
}

async function kindsOf(person) {
  const events = await person.api.expect(200, 'GET', '/api/v1/me/security-events');
  return events.body.events.map((e) => e.kind);
}

test('a freeze needs two administrators; the owner is refused 422 account_frozen and sees why', async (t) => {
  const { api, maker, checker } = await twoAdmins(t);
  const ann = await apiUser(api);
  const account = await openAccount(ann.api, 'checking', '100.00');
  assert.equal(account.frozen, null);
  const path = `/api/v1/admin/accounts/${account.account_id}`;

  await ann.api.expect(403, 'POST', `${path}/freeze`, { json: { mode: 'debits', reason: 'x' }, code: 'forbidden' });
  await maker.api.expect(400, 'POST', `${path}/freeze`, { json: { mode: 'sideways', reason: 'x' }, field: 'mode' });
  await maker.api.expect(400, 'POST', `${path}/freeze`, { json: { mode: 'debits', reason: '' }, field: 'reason' });
  await maker.api.expect(404, 'POST', '/api/v1/admin/accounts/no-such/freeze', { json: { mode: 'all', reason: 'x' } });
  await maker.api.expect(409, 'POST', `${path}/unfreeze`, { json: { reason: 'not frozen' } });

  const proposed = await maker.api.expect(202, 'POST', `${path}/freeze`, { json: { mode: 'debits', reason: 'Suspected fraud' } });
  const id = proposed.body.proposal_id;
  assert.equal(proposed.body.status, 'pending');
  // Nothing changed yet.
  assert.equal((await accountOf(ann, account.account_id)).frozen, null);
  await ann.api.expect(201, 'POST', '/api/v1/withdraw', { json: { account_id: account.account_id, amount: '1.00' } });

  const own = await maker.api.expect(403, 'POST', `/api/v1/admin/proposals/${id}/approve`, { code: 'own_proposal' });
  assert.match(own.body.error.message, /another administrator/);
  const listed = await checker.api.expect(200, 'GET', '/api/v1/admin/proposals');
  assert.equal(listed.body.proposals[0].proposal_id, id);
  await ann.api.expect(403, 'GET', '/api/v1/admin/proposals', { code: 'forbidden' });

  const approved = await checker.api.expect(200, 'POST', `/api/v1/admin/proposals/${id}/approve`);
  assert.equal(approved.body.status, 'approved');
  await checker.api.expect(409, 'POST', `/api/v1/admin/proposals/${id}/approve`, { code: 'proposal_decided' });
  await checker.api.expect(409, 'POST', `/api/v1/admin/proposals/${id}/reject`, { code: 'proposal_decided' });

  const frozen = await accountOf(ann, account.account_id);
  assert.deepEqual(frozen.frozen, { mode: 'debits', reason: 'Suspected fraud' });
  const refused = await ann.api.expect(422, 'POST', '/api/v1/withdraw', {
    json: { account_id: account.account_id, amount: '1.00' }, code: 'account_frozen',
  });
  assert.match(refused.body.error.message, /frozen/);
  // Debits only: money may still come in.
  await ann.api.expect(201, 'POST', '/api/v1/deposit', { json: { account_id: account.account_id, amount: '5.00' } });
  assert.equal((await accountOf(ann, account.account_id)).balance, '104.00');

  // The owner's page says so and why.
  const owner = new Client(api.server);
  assert.equal((await formLogin(owner, ann.email)).status, 303);
  const accountsPage = await owner.get('/accounts');
  assert.match(accountsPage.text, /Frozen by the bank/);
  assert.match(accountsPage.text, /Suspected fraud/);

  const lift = await checker.api.expect(202, 'POST', `${path}/unfreeze`, { json: { reason: 'Cleared' } });
  await checker.api.expect(403, 'POST', `/api/v1/admin/proposals/${lift.body.proposal_id}/approve`, { code: 'own_proposal' });
  await maker.api.expect(200, 'POST', `/api/v1/admin/proposals/${lift.body.proposal_id}/approve`);
  assert.equal((await accountOf(ann, account.account_id)).frozen, null);
  await ann.api.expect(201, 'POST', '/api/v1/withdraw', { json: { account_id: account.account_id, amount: '4.00' } });
  assert.equal((await accountOf(ann, account.account_id)).balance, '100.00');

  // A rejected proposal changes nothing.
  const other = await maker.api.expect(202, 'POST', `${path}/freeze`, { json: { mode: 'all', reason: 'Mistake' } });
  const rejected = await checker.api.expect(200, 'POST', `/api/v1/admin/proposals/${other.body.proposal_id}/reject`);
  assert.equal(rejected.body.status, 'rejected');
  assert.equal((await accountOf(ann, account.account_id)).frozen, null);

  for (const person of [maker, checker, ann]) {
    const kinds = await kindsOf(person);
    for (const kind of ['operation_proposed', 'operation_approved', 'operation_rejected']) {
      assert.ok(kinds.includes(kind), `${person.email}: ${kind} in ${kinds.join()}`);
    }
  }
  assert.ok((await kindsOf(maker)).includes('operation_refused'));
});

test('a transfer to an account frozen for credits is refused on the payer side too', async (t) => {
  const { api, maker, checker } = await twoAdmins(t);
  const ann = await apiUser(api);
  const bob = await apiUser(api);
  const anns = await openAccount(ann.api, 'checking', '50.00');
  const bobs = await openAccount(bob.api, 'checking');
  const proposed = await maker.api.expect(202, 'POST', `/api/v1/admin/accounts/${bobs.account_id}/freeze`,
    { json: { mode: 'credits', reason: 'Account under review' } });
  await checker.api.expect(200, 'POST', `/api/v1/admin/proposals/${proposed.body.proposal_id}/approve`);
  const refused = await ann.api.expect(422, 'POST', '/api/v1/transfer', {
    json: { from_account_id: anns.account_id, to_account_number: bobs.account_number, amount: '10.00' },
    code: 'account_frozen', field: 'to_account_number',
  });
  assert.match(refused.body.error.message, /receiving account is frozen/);
  assert.equal((await accountOf(ann, anns.account_id)).balance, '50.00');
});

test('a reversal restores both balances, links both ways, and is made once', async (t) => {
  const { api, maker, checker } = await twoAdmins(t);
  const ann = await apiUser(api);
  const bob = await apiUser(api);
  const anns = await openAccount(ann.api, 'checking', '100.00');
  const bobs = await openAccount(bob.api, 'checking', '20.00');
  const sent = await ann.api.expect(201, 'POST', '/api/v1/transfer', {
    json: { from_account_id: anns.account_id, to_account_number: bobs.account_number, amount: '30.00', description: 'Oops' },
  });
  const original = sent.body.transaction.transaction_id;

  const proposed = await maker.api.expect(202, 'POST', `/api/v1/admin/transactions/${original}/reverse`,
    { json: { reason: 'Sent to the wrong person' } });
  assert.equal((await accountOf(bob, bobs.account_id)).balance, '50.00', 'nothing moves before approval');
  await maker.api.expect(403, 'POST', `/api/v1/admin/proposals/${proposed.body.proposal_id}/approve`, { code: 'own_proposal' });
  await checker.api.expect(200, 'POST', `/api/v1/admin/proposals/${proposed.body.proposal_id}/approve`);
  assert.equal((await accountOf(ann, anns.account_id)).balance, '100.00');
  assert.equal((await accountOf(bob, bobs.account_id)).balance, '20.00');

  const history = (await ann.api.expect(200, 'GET', `/api/v1/transactions?account_id=${anns.account_id}`)).body.transactions;
  const undone = history.find((row) => row.transaction_id === original);
  assert.ok(undone.reversed_by, 'the original names its reversal');
  const reversal = history.find((row) => row.transaction_id === undone.reversed_by);
  assert.equal(reversal.reversal_of, original);
  assert.equal(reversal.amount, '30.00');
  assert.equal(reversal.transaction_type, 'transfer_in');
  const owner = new Client(api.server);
  assert.equal((await formLogin(owner, ann.email)).status, 303);
  const historyPage = (await owner.get(`/transactions?account_id=${anns.account_id}`)).text;
  assert.match(historyPage, /Reversed by the bank/);
  assert.match(historyPage, new RegExp(`Reverses posting ${original}`));

  // A second reversal is refused, whether proposed again or approved twice.
  await maker.api.expect(409, 'POST', `/api/v1/admin/transactions/${original}/reverse`, { json: { reason: 'again' } });
  await maker.api.expect(409, 'POST', `/api/v1/admin/transactions/${undone.reversed_by}/reverse`, { json: { reason: 'undo' } });
  await maker.api.expect(404, 'POST', '/api/v1/admin/transactions/no-such/reverse', { json: { reason: 'x' } });
  await checker.api.expect(409, 'POST', `/api/v1/admin/proposals/${proposed.body.proposal_id}/approve`, { code: 'proposal_decided' });
  assert.equal((await accountOf(bob, bobs.account_id)).balance, '20.00');
});

test('a reversal that would overdraw is refused and changes nothing', async (t) => {
  const { api, maker, checker } = await twoAdmins(t);
  const ann = await apiUser(api);
  const anns = await openAccount(ann.api, 'checking');
  const deposit = await ann.api.expect(201, 'POST', '/api/v1/deposit', { json: { account_id: anns.account_id, amount: '40.00' } });
  await ann.api.expect(201, 'POST', '/api/v1/withdraw', { json: { account_id: anns.account_id, amount: '35.00' } });
  const proposed = await maker.api.expect(202, 'POST', `/api/v1/admin/transactions/${deposit.body.transaction.transaction_id}/reverse`,
    { json: { reason: 'Bounced cheque' } });
  const refused = await checker.api.expect(422, 'POST', `/api/v1/admin/proposals/${proposed.body.proposal_id}/approve`,
    { code: 'insufficient_funds' });
  assert.match(refused.body.error.message, /overdraw/);
  assert.equal((await accountOf(ann, anns.account_id)).balance, '5.00');
  const rows = (await ann.api.expect(200, 'GET', `/api/v1/transactions?account_id=${anns.account_id}`)).body.transactions;
  assert.equal(rows.length, 2);
  assert.ok(rows.every((row) => row.reversed_by === null && row.reversal_of === null));
  const pending = (await checker.api.expect(200, 'GET', '/api/v1/admin/proposals')).body.proposals;
  assert.equal(pending.find((p) => p.proposal_id === proposed.body.proposal_id).status, 'pending');
  assert.ok((await kindsOf(checker)).includes('operation_refused'));
});

test('the admin page proposes with its form and another admin approves with the buttons', async (t) => {
  const { server, api, maker, checker } = await twoAdmins(t);
  const ann = await apiUser(api);
  const account = await openAccount(ann.api, 'checking', '10.00');
  const makerClient = new Client(server);
  assert.equal((await formLogin(makerClient, maker.email)).status, 303);
  const proposed = await postForm(makerClient, '/admin/proposals',
    { kind: 'freeze', account_number: account.account_number, mode: 'all', reason: 'Police request <b>' }, { page: '/admin' });
  assert.equal(proposed.status, 303);
  const makerPage = await makerClient.get('/admin');
  assert.match(flash(makerPage.text)?.text || '', /Proposed/);
  assert.match(makerPage.text, /Yours: another administrator decides/);
  assert.ok(!makerPage.text.includes('Police request <b>'), 'the reason is escaped');

  const checkerClient = new Client(server);
  assert.equal((await formLogin(checkerClient, checker.email)).status, 303);
  const page = await checkerClient.get('/admin');
  const id = /data-proposal-id="([0-9a-f]{32})"/.exec(page.text)[1];
  const forged = await checkerClient.post('/admin/proposals/decide', { proposal_id: id, action: 'approve' });
  assert.equal(forged.status, 403, 'no CSRF token: refused');
  assert.equal((await accountOf(ann, account.account_id)).frozen, null);
  const approved = await postForm(checkerClient, '/admin/proposals/decide', { proposal_id: id, action: 'approve' }, { page: '/admin' });
  assert.equal(approved.status, 303);
  assert.match(flash((await checkerClient.get('/admin')).text)?.text || '', /Approved and carried out/);
  assert.deepEqual((await accountOf(ann, account.account_id)).frozen, { mode: 'all', reason: 'Police request <b>' });

  const customer = new Client(server);
  assert.equal((await formLogin(customer, ann.email)).status, 303);
  assert.equal((await customer.post('/admin/proposals', { kind: 'freeze' })).status, 403);
});

test('a proposal past its 24 hours is refused on the test clock and changes nothing', async (t) => {
  const { server, api } = await setUpApi(t, { env: { BANK_TEST_NOW: '2027-03-15T12:00:00Z' } });
  const maker = await apiUser(api);
  const checker = await apiUser(api);
  grantAdmin(server, maker.email);
  grantAdmin(server, checker.email);
  const ann = await apiUser(api);
  const account = await openAccount(ann.api, 'checking', '10.00');
  const proposed = await maker.api.expect(202, 'POST', `/api/v1/admin/accounts/${account.account_id}/freeze`,
    { json: { mode: 'all', reason: 'Too late' } });
  await server.stop();

  // The same store 25 hours later: the sessions have ended, so sign in again.
  const later = await setUpApi(t, {
    db: server.db, dir: server.dir, tablePrefix: server.tablePrefix, env: { BANK_TEST_NOW: '2027-03-16T13:00:00Z' },
  });
  const signIn = async (person) => later.api.as((await later.api.expect(200, 'POST', '/api/v1/login',
    { json: { email: person.email, password: person.password }, token: null })).body.token);
  const checkerApi = await signIn(checker);
  const id = proposed.body.proposal_id;
  const refused = await checkerApi.expect(409, 'POST', `/api/v1/admin/proposals/${id}/approve`, { code: 'proposal_expired' });
  assert.match(refused.body.error.message, /expired/);
  const listed = (await checkerApi.expect(200, 'GET', '/api/v1/admin/proposals')).body.proposals;
  assert.equal(listed.find((p) => p.proposal_id === id).status, 'expired');
  const annApi = await signIn(ann);
  assert.equal((await annApi.expect(200, 'GET', `/api/v1/accounts/${account.account_id}`)).body.frozen, null);
  const events = (await checkerApi.expect(200, 'GET', '/api/v1/me/security-events')).body.events;
  assert.ok(events.some((e) => e.kind === 'operation_refused' && /expired/.test(e.detail)), JSON.stringify(events));
  const owners = (await annApi.expect(200, 'GET', '/api/v1/me/security-events')).body.events;
  assert.ok(owners.some((e) => e.kind === 'operation_refused'));
});
