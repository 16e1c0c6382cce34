// Interest on savings over real HTTP, on either store: an administrator sets the savings rate
// (refusals name the field; a period is never edited), a person's savings account earns from
// the day it is opened, the clock (BANK_TEST_NOW) moves to the first of the next month and the
// interest of the month appears in the history once, with the cents this test computes itself
// (BigInt, actual/365 on the end-of-day balance); a second server at the same time and a
// restart add nothing, and `bank verify` recomputes it and passes.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { BANK_BINARY, Client, flash, login as formLogin, postForm, startServer, textById, verifyLedger } from '../support/server.mjs';
import { Api, apiUser, loadOpenApi, openAccount, allTransactions, setUpApi } from '../support/api.mjs';
import { waitFor } from '../support/wait.mjs';

function grantAdmin(server, email) {
  const env = { ...process.env, ...(server.tablePrefix ? { BANK_DYNAMODB_TABLE_PREFIX: server.tablePrefix } : {}) };
  execFileSync(BANK_BINARY, ['admin', 'grant', email, '--db', server.db], { env, timeout: 30_000 });
}

// How many interest passes the server's log shows (one a month per server, see
// app/scheduler_thread.cpp).
function interestPasses(server) {
  if (!fs.existsSync(server.logFile)) return 0;
  return (fs.readFileSync(server.logFile, 'utf8').match(/interest: \d+ savings accounts/g) || []).length;
}

// The whole cents of `days` days of `balanceCents` at `percent` a year, actual/365, exactly.
function interestCents(balanceCents, percent, days) {
  const [whole, decimals = ''] = percent.split('.');
  const perMillion = BigInt(whole) * 10000n + BigInt(decimals.padEnd(4, '0'));
  return (BigInt(balanceCents) * perMillion * BigInt(days)) / (365n * 1000000n);
}

test('an admin sets the savings rate; the first of the month posts the interest once', async (t) => {
  const first = await startServer(t, { name: 'interest-june', env: { BANK_TEST_NOW: '2026-06-15T12:00:00Z', BANK_SCHEDULER_INTERVAL: 1 }, keepDir: true });
  t.after(() => fs.rmSync(first.dir, { recursive: true, force: true }));
  const spec = await loadOpenApi(first);
  const api = new Api(first, spec);
  const admin = await apiUser(api, { full_name: 'Rate Admin' });
  const saver = await apiUser(api, { full_name: 'Sam Saver' });
  grantAdmin(first, admin.email);

  const path = '/api/v1/admin/interest-rates';
  const rate = { account_type: 'savings', annual_rate: '4.35', effective_from: '2026-06-01' };
  await saver.api.expect(403, 'POST', path, { json: rate, code: 'forbidden' });
  for (const [field, value] of [['annual_rate', '4,35'], ['annual_rate', '101'], ['effective_from', '2026-06-31'],
    ['effective_from', '2026-05-31'], ['account_type', 'checking'], ['account_type', 'gold']]) {
    const refused = await admin.api.expect(400, 'POST', path, { json: { ...rate, [field]: value }, code: 'validation_failed' });
    assert.equal(refused.body.error.field, field, `${field} ${value}`);
  }
  const set = await admin.api.expect(201, 'POST', path, { json: rate });
  assert.equal(set.body.annual_rate, '4.35');
  assert.equal(set.body.effective_from, '2026-06-01');
  const again = await admin.api.expect(409, 'POST', path, { json: { ...rate, annual_rate: '9' }, code: 'conflict' });
  assert.equal(again.body.error.field, 'effective_from');
  await admin.api.expect(201, 'POST', path, { json: { ...rate, annual_rate: '5', effective_from: '2026-09-01' } });
  const listed = await admin.api.expect(200, 'GET', path);
  const savings = listed.body.account_types.find((type) => type.account_type === 'savings');
  assert.equal(savings.annual_rate_in_force, '4.35', 'the old period is kept as it was');
  assert.deepEqual(savings.periods.map((p) => p.annual_rate), ['5', '4.35'], 'newest first');
  await saver.api.expect(403, 'GET', path, { code: 'forbidden' });

  const account = await openAccount(saver.api, 'savings', '1000.00');
  first.kill();
  await first.exited;

  // 15 June 12:00 to 30 June: 16 end-of-day balances of $1,000.00 at 4.35 %.
  const expected = interestCents(100000, '4.35', 16);
  const julyEnv = { BANK_TEST_NOW: '2026-07-01T00:00:30Z', BANK_SCHEDULER_INTERVAL: 1 };
  const shared = { db: first.db, dir: first.dir, tablePrefix: first.tablePrefix, env: julyEnv };
  const [july, other] = await Promise.all([
    startServer(t, { ...shared, name: 'interest-july' }),
    startServer(t, { ...shared, name: 'interest-july-other' }),
  ]);
  // Two weeks on, the June session has expired: sign in again.
  const signedIn = await new Api(july, spec).expect(200, 'POST', '/api/v1/login',
    { json: { email: saver.email, password: saver.password }, token: null });
  const julyApi = new Api(july, spec, signedIn.body.token);
  const rowsOf = async () => (await allTransactions(julyApi)).filter((row) => row.description === 'Interest for 2026-06');
  const rows = await waitFor(async () => { const found = await rowsOf(); return found.length > 0 && found; },
    { what: 'the interest of June in the history' });
  await waitFor(() => interestPasses(july) >= 1 && interestPasses(other) >= 1, { what: 'both servers passed over July' });
  await july.restart();
  await waitFor(() => interestPasses(july) >= 2, { what: 'the restarted server passed over July' });

  const after = await rowsOf();
  assert.equal(after.length, 1, 'posted exactly once');
  assert.equal(after[0].transaction_id, rows[0].transaction_id);
  assert.equal(after[0].transaction_type, 'deposit');
  assert.equal(after[0].category, 'income');
  const [whole, fraction] = after[0].amount.split('.');
  assert.equal(BigInt(whole) * 100n + BigInt(fraction), expected);
  const { body: balance } = await julyApi.expect(200, 'GET', `/api/v1/accounts/${account.account_id}`);
  const balanceCents = 100000n + expected;
  assert.equal(balance.balance, `${balanceCents / 100n}.${String(balanceCents % 100n).padStart(2, '0')}`);
  const { code, output } = await verifyLedger(july.db);
  assert.equal(code, 0, output);
  assert.match(output, /interest: +1 months recomputed, 1 postings/);
});

test('the /admin form sets a rate; /accounts shows a saver the rate and its history', async (t) => {
  const { server, api } = await setUpApi(t, { env: { BANK_TEST_NOW: '2026-06-15T12:00:00Z' } });
  const admin = await apiUser(api, { full_name: 'Rate Admin' });
  const saver = await apiUser(api, { full_name: 'Sam Saver' });
  const spender = await apiUser(api, { full_name: 'Only Checking' });
  grantAdmin(server, admin.email);
  await openAccount(saver.api, 'savings', '10.00');
  await openAccount(spender.api, 'checking', '10.00');

  const adminClient = new Client(server);
  assert.equal((await formLogin(adminClient, admin.email)).status, 303);
  const refused = await postForm(adminClient, '/admin/interest-rates',
    { account_type: 'savings', annual_rate: 'lots', effective_from: '2026-06-15' }, { page: '/admin' });
  assert.equal(refused.status, 303);
  assert.match(flash((await adminClient.get('/admin')).text)?.text || '', /percentage from 0 to 100/);
  const set = await postForm(adminClient, '/admin/interest-rates',
    { account_type: 'savings', annual_rate: '2.5', effective_from: '2026-06-15' }, { page: '/admin' });
  assert.equal(set.status, 303);
  const adminPage = (await adminClient.get('/admin')).text;
  assert.match(flash(adminPage)?.text || '', /Savings earn 2\.5 % a year from 2026-06-15/);
  assert.match(textById(adminPage, 'interest-rate-in-force'), /2\.5 %/);
  assert.match(textById(adminPage, 'interest-periods'), /2026-06-15/);

  const saverClient = new Client(server);
  assert.equal((await formLogin(saverClient, saver.email)).status, 303);
  const accounts = (await saverClient.get('/accounts')).text;
  assert.match(textById(accounts, 'savings-rate'), /2\.5 %/);
  assert.match(textById(accounts, 'rate-history'), /2026-06-15/);
  const spenderClient = new Client(server);
  assert.equal((await formLogin(spenderClient, spender.email)).status, 303);
  assert.equal(textById((await spenderClient.get('/accounts')).text, 'savings-rate'), null,
    'no savings account, no interest section');
});
