// JSON API v1, money: accounts (list, open, get), deposit, withdraw, transfer and every way they
// are refused (400, 404, 413, 415, 422), the transaction history with its paging and filters,
// analytics totals, and a 500 that reveals nothing. Every JSON response is validated against the OpenAPI document the
// server serves.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Client, login as formLogin, postForm, mistype, unusedAccountNumber } from '../support/server.mjs';
import {
  apiUser, openAccount, setUpApi, cents, amount, allTransactions,
} from '../support/api.mjs';
import { testClock } from '../support/clock.mjs';
import { pageThrough } from '../support/history_pager.mjs';

const UNKNOWN_ID = '0123456789abcdef0123456789abcdef';

// The server's clock starts at noon of a day the test picks, so every posting of a run falls on
// one UTC day ("from=to=today holds every row"), whenever the run happens.
function setUp(t) {
  return setUpApi(t, { env: testClock() });
}

const getAccount = async (api, id) => (await api.expect(200, 'GET', `/api/v1/accounts/${id}`)).body;

test('accounts and money movements over the API', async (t) => {
  const { server, api } = await setUp(t);
  const alice = await apiUser(api, { full_name: 'Alice Example' });
  const bob = await apiUser(api, { full_name: 'Bob Example' });
  let checking;
  let savings;
  let bobs;

  await t.test('GET/POST /api/v1/accounts and GET /api/v1/accounts/{id}', async () => {
    const empty = await alice.api.expect(200, 'GET', '/api/v1/accounts');
    assert.deepEqual(empty.body.accounts, []);

    checking = await openAccount(alice.api, 'checking');
    assert.equal(checking.balance, '0.00');
    assert.equal(checking.status, 'active');
    assert.equal(checking.account_type, 'checking');
    savings = await openAccount(alice.api, 'savings', '1,000.50');
    assert.equal(savings.balance, '1000.50');
    assert.equal(savings.account_type, 'savings');
    assert.notEqual(savings.account_number, checking.account_number);
    bobs = await openAccount(bob.api, 'checking', '40');

    const list = await alice.api.expect(200, 'GET', '/api/v1/accounts');
    assert.deepEqual(list.body.accounts.map((a) => a.account_id).sort(), [checking.account_id, savings.account_id].sort());
    assert.deepEqual(await getAccount(alice.api, savings.account_id), savings);

    // Somebody else's account, or none at all: 404 alike.
    await alice.api.expect(404, 'GET', `/api/v1/accounts/${bobs.account_id}`, { code: 'not_found' });
    await alice.api.expect(404, 'GET', `/api/v1/accounts/${UNKNOWN_ID}`, { code: 'not_found' });
    await alice.api.expect(404, 'GET', '/api/v1/accounts/not-an-id', { code: 'not_found' });

    const refusals = [
      [{ account_type: 'gold' }, 'account_type'],
      [{}, 'account_type'],
      [{ account_type: 'checking', initial_balance: '1.234' }, 'initial_balance'],
      [{ account_type: 'checking', initial_balance: 12 }, 'initial_balance'],
      [{ account_type: 'checking', initial_balance: '-5' }, 'initial_balance'],
      [{ account_type: 'checking', owner: 'bob' }, 'owner'],
    ];
    for (const [json, field] of refusals) {
      await alice.api.expect(400, 'POST', '/api/v1/accounts', { json, code: 'validation_failed', field });
    }
    await alice.api.expect(415, 'POST', '/api/v1/accounts', {
      body: 'account_type=checking', contentType: 'text/plain', code: 'unsupported_media_type',
    });
    await alice.api.expect(413, 'POST', '/api/v1/accounts', {
      json: { account_type: 'checking', pad: 'x'.repeat(65 * 1024) }, code: 'payload_too_large',
    });
    assert.equal((await alice.api.expect(200, 'GET', '/api/v1/accounts')).body.accounts.length, 2, 'nothing was opened');
  });

  await t.test('deposit, withdraw and transfer: 201 with balances as strings', async () => {
    const deposited = await alice.api.expect(201, 'POST', '/api/v1/deposit', {
      json: { account_id: checking.account_id, amount: '250', description: 'Salary', category: 'income' },
    });
    assert.equal(deposited.headers.get('idempotent-replayed'), null);
    assert.equal(deposited.body.balance, '250.00');
    assert.equal(typeof deposited.body.balance, 'string');
    const row = deposited.body.transaction;
    assert.equal(row.transaction_type, 'deposit');
    assert.equal(row.amount, '250.00');
    assert.equal(row.balance_after, '250.00');
    assert.equal(row.account_id, checking.account_id);
    assert.equal(row.description, 'Salary');
    assert.equal(row.category, 'income');
    assert.equal(row.transfer_id, null);
    assert.equal(row.counterparty_account_number, null);

    const withdrawn = await alice.api.expect(201, 'POST', '/api/v1/withdraw', {
      json: { account_id: checking.account_id, amount: '50.25', description: 'Groceries', category: 'groceries' },
    });
    assert.equal(withdrawn.body.balance, '199.75');
    assert.equal(withdrawn.body.transaction.transaction_type, 'withdrawal');
    assert.equal(withdrawn.body.transaction.amount, '50.25');

    const sent = await alice.api.expect(201, 'POST', '/api/v1/transfer', {
      json: { from_account_id: checking.account_id, to_account_number: bobs.account_number, amount: '100.5', description: 'Dinner' },
    });
    assert.equal(sent.body.balance, '99.25');
    assert.equal(sent.body.transaction.transaction_type, 'transfer_out');
    assert.equal(sent.body.transaction.amount, '100.50');
    assert.equal(sent.body.transaction.account_id, checking.account_id);
    assert.equal(sent.body.transaction.transfer_id, sent.body.transfer_id);
    assert.equal(sent.body.transaction.counterparty_account_number, bobs.account_number);
    assert.equal((await getAccount(bob.api, bobs.account_id)).balance, '140.50');
    const own = await alice.api.expect(201, 'POST', '/api/v1/transfer', {
      json: { from_account_id: savings.account_id, to_account_number: checking.account_number, amount: '0.75', category: 'savings' },
    });
    assert.equal(own.body.balance, '999.75');
    assert.equal((await getAccount(alice.api, checking.account_id)).balance, '100.00');

    const received = await allTransactions(bob.api, { type: 'transfer_in' });
    assert.equal(received.length, 1);
    assert.equal(received[0].transfer_id, sent.body.transfer_id);
    assert.equal(received[0].amount, '100.50');
    assert.equal(received[0].counterparty_account_number, checking.account_number);
  });

  await t.test('400 validation_failed: malformed amounts, wrong types, missing and unknown fields, mistyped numbers', async () => {
    const id = checking.account_id;
    const money = [
      [{ account_id: id, amount: '1.234' }, 'amount'],
      [{ account_id: id, amount: 12 }, 'amount'],
      [{ account_id: id, amount: '12,34.5.6' }, 'amount'],
      [{ account_id: id, amount: 'ten' }, 'amount'],
      [{ account_id: id, amount: '0' }, 'amount'],
      [{ account_id: id, amount: '-5' }, 'amount'],
      [{ account_id: id, amount: '1000000.01' }, 'amount'],
      [{ account_id: id }, 'amount'],
      [{ amount: '5' }, 'account_id'],
      [{ account_id: 7, amount: '5' }, 'account_id'],
      [{ account_id: id, amount: '5', note: 'x' }, 'note'],
      [{ account_id: id, amount: '5', category: 'bribes' }, 'category'],
      [{ account_id: id, amount: '5', description: 'd'.repeat(201) }, 'description'],
    ];
    for (const endpoint of ['/api/v1/deposit', '/api/v1/withdraw']) {
      for (const [json, field] of money) {
        await alice.api.expect(400, 'POST', endpoint, { json, code: 'validation_failed', field });
      }
      await alice.api.expect(400, 'POST', endpoint, { body: '{"account_id":', contentType: 'application/json', code: 'validation_failed' });
      await alice.api.expect(400, 'POST', endpoint, { body: '"5.00"', contentType: 'application/json', code: 'validation_failed' });
      await alice.api.expect(400, 'POST', endpoint, {
        json: { account_id: id, amount: '5' }, headers: { 'idempotency-key': 'k'.repeat(256) }, code: 'validation_failed',
      });
    }
    const to = bobs.account_number;
    const transfers = [
      [{ from_account_id: id, to_account_number: mistype(to), amount: '1' }, 'to_account_number'],
      [{ from_account_id: id, to_account_number: to.slice(0, 9), amount: '1' }, 'to_account_number'],
      [{ from_account_id: id, to_account_number: Number(to), amount: '1' }, 'to_account_number'],
      [{ from_account_id: id, to_account_number: checking.account_number, amount: '1' }, 'to_account_number'],
      [{ from_account_id: id, amount: '1' }, 'to_account_number'],
      [{ from_account_id: id, to_account_number: to, amount: '1.234' }, 'amount'],
      [{ from_account_id: id, to_account_number: to, amount: 1 }, 'amount'],
      [{ from_account_id: id, to_account_number: to }, 'amount'],
      [{ to_account_number: to, amount: '1' }, 'from_account_id'],
      [{ account_id: id, to_account_number: to, amount: '1' }, 'account_id'],
    ];
    for (const [json, field] of transfers) {
      await alice.api.expect(400, 'POST', '/api/v1/transfer', { json, code: 'validation_failed', field });
    }
    assert.equal((await getAccount(alice.api, id)).balance, '100.00', 'nothing was posted');
    assert.equal((await getAccount(bob.api, bobs.account_id)).balance, '140.50', 'nothing was received');
  });

  await t.test('404 not_found: somebody else\'s account, an unknown account or number', async () => {
    await alice.api.expect(404, 'POST', '/api/v1/deposit', { json: { account_id: bobs.account_id, amount: '5' }, code: 'not_found' });
    await alice.api.expect(404, 'POST', '/api/v1/withdraw', { json: { account_id: bobs.account_id, amount: '5' }, code: 'not_found' });
    // `field` names the request's own field: from_account_id in a transfer.
    await alice.api.expect(404, 'POST', '/api/v1/transfer', {
      json: { from_account_id: bobs.account_id, to_account_number: checking.account_number, amount: '5' },
      code: 'not_found', field: 'from_account_id',
    });
    await alice.api.expect(404, 'POST', '/api/v1/transfer', {
      json: { from_account_id: UNKNOWN_ID, to_account_number: checking.account_number, amount: '5' },
      code: 'not_found', field: 'from_account_id',
    });
    await alice.api.expect(404, 'POST', '/api/v1/deposit', {
      json: { account_id: UNKNOWN_ID, amount: '5' }, code: 'not_found', field: 'account_id',
    });
    const nobody = unusedAccountNumber([checking.account_number, savings.account_number, bobs.account_number]);
    await alice.api.expect(404, 'POST', '/api/v1/transfer', {
      json: { from_account_id: checking.account_id, to_account_number: nobody, amount: '5' }, code: 'not_found',
    });
    assert.equal((await getAccount(bob.api, bobs.account_id)).balance, '140.50');
    assert.equal((await getAccount(alice.api, checking.account_id)).balance, '100.00');
  });

  await t.test('413 payload_too_large and 415 unsupported_media_type', async () => {
    const json = { account_id: checking.account_id, amount: '5' };
    for (const endpoint of ['/api/v1/deposit', '/api/v1/withdraw', '/api/v1/transfer']) {
      await alice.api.expect(415, 'POST', endpoint, { body: JSON.stringify(json), contentType: 'text/plain', code: 'unsupported_media_type' });
      await alice.api.expect(415, 'POST', endpoint, { body: JSON.stringify(json), code: 'unsupported_media_type' });
      await alice.api.expect(413, 'POST', endpoint, {
        json: { ...json, description: 'x'.repeat(64 * 1024 + 1) }, code: 'payload_too_large',
      });
    }
    assert.equal((await getAccount(alice.api, checking.account_id)).balance, '100.00');
  });

  await t.test('422 insufficient_funds', async () => {
    await alice.api.expect(422, 'POST', '/api/v1/withdraw', {
      json: { account_id: checking.account_id, amount: '100.01' }, code: 'insufficient_funds',
    });
    await alice.api.expect(422, 'POST', '/api/v1/transfer', {
      json: { from_account_id: checking.account_id, to_account_number: bobs.account_number, amount: '100.01' },
      code: 'insufficient_funds',
    });
    await alice.api.expect(201, 'POST', '/api/v1/withdraw', { json: { account_id: checking.account_id, amount: '100.00' } });
    assert.equal((await getAccount(alice.api, checking.account_id)).balance, '0.00');
    await alice.api.expect(422, 'POST', '/api/v1/withdraw', {
      json: { account_id: checking.account_id, amount: '0.01' }, code: 'insufficient_funds',
    });
    assert.equal((await getAccount(bob.api, bobs.account_id)).balance, '140.50');
  });

  await t.test('422 account_closed (closed through the pages)', async () => {
    const closing = await openAccount(bob.api, 'savings');
    const browser = new Client(server);
    assert.equal((await formLogin(browser, bob.email, bob.password)).status, 303);
    const closed = await postForm(browser, '/accounts/close', { account_id: closing.account_id }, { page: '/accounts' });
    assert.equal(closed.status, 303, 'closed through POST /accounts/close');
    assert.equal((await getAccount(bob.api, closing.account_id)).status, 'closed');

    await bob.api.expect(422, 'POST', '/api/v1/deposit', { json: { account_id: closing.account_id, amount: '5' }, code: 'account_closed' });
    await bob.api.expect(422, 'POST', '/api/v1/withdraw', { json: { account_id: closing.account_id, amount: '5' }, code: 'account_closed' });
    await bob.api.expect(422, 'POST', '/api/v1/transfer', {
      json: { from_account_id: closing.account_id, to_account_number: bobs.account_number, amount: '5' }, code: 'account_closed',
    });
    await alice.api.expect(422, 'POST', '/api/v1/transfer', {
      json: { from_account_id: savings.account_id, to_account_number: closing.account_number, amount: '5' },
      code: 'account_closed',
    });
    assert.equal((await getAccount(bob.api, closing.account_id)).balance, '0.00');
    assert.equal((await getAccount(alice.api, savings.account_id)).balance, '999.75');
  });
});

test('query strings: every parameter is read, the last one too', async (t) => {
  const { api } = await setUp(t);
  const frank = await apiUser(api, { full_name: 'Frank Example' });
  const account = await openAccount(frank.api, 'checking', '10');
  for (let i = 1; i <= 6; i += 1) {
    await frank.api.expect(201, 'POST', '/api/v1/deposit', { json: { account_id: account.account_id, amount: `${i}.00` } });
  }
  // Repeated: a value read past its end depends on what follows it in memory.
  for (let i = 0; i < 10; i += 1) {
    const trailing = await frank.api.request('GET', '/api/v1/transactions?limit=5&');
    assert.equal(trailing.status, 200, trailing.text);
    const alone = await frank.api.request('GET', '/api/v1/transactions?limit=5');
    assert.equal(alone.status, 200, `GET /api/v1/transactions?limit=5 (?limit=5& was accepted): ${alone.text}`);
    assert.equal(alone.body.transactions.length, 5);
    const typed = await frank.api.request('GET', '/api/v1/transactions?type=deposit');
    assert.equal(typed.status, 200, `GET /api/v1/transactions?type=deposit: ${typed.text}`);
    const one = await frank.api.request('GET', `/api/v1/analytics?account_id=${account.account_id}`);
    assert.equal(one.status, 200, `GET /api/v1/analytics?account_id=ID: ${one.text}`);
  }
});

test('transactions: paging with limit and cursor, filters, and analytics totals', async (t) => {
  const { api } = await setUp(t);
  const carol = await apiUser(api, { full_name: 'Carol Example' });
  const dave = await apiUser(api, { full_name: 'Dave Example' });
  const davesAccount = await openAccount(dave.api, 'checking', '10');

  // Every posting Carol makes, per account and kind, in cents.
  const made = [];
  const main = await openAccount(carol.api, 'checking', '500');
  made.push({ account: main.account_id, type: 'deposit', cents: 50000 });
  const spare = await openAccount(carol.api, 'savings');
  const post = async (endpoint, json, type, account) => {
    const response = await carol.api.expect(201, 'POST', endpoint, { json });
    made.push({ account, type, cents: cents(response.body.transaction.amount), id: response.body.transaction.transaction_id });
    return response.body;
  };
  for (let i = 1; i <= 14; i += 1) {
    await post('/api/v1/deposit', { account_id: main.account_id, amount: `${i}.0${i % 10}`, description: `pay ${i}` }, 'deposit', main.account_id);
  }
  for (let i = 1; i <= 6; i += 1) {
    await post('/api/v1/withdraw', { account_id: main.account_id, amount: `${i * 3}.50`, description: `coffee ${i}`, category: 'dining' }, 'withdrawal', main.account_id);
  }
  for (let i = 1; i <= 4; i += 1) {
    const sent = await post('/api/v1/transfer', { from_account_id: main.account_id, to_account_number: spare.account_number, amount: `${i}0.00`, description: `move ${i}` }, 'transfer_out', main.account_id);
    made.push({ account: spare.account_id, type: 'transfer_in', cents: i * 1000, transfer_id: sent.transfer_id });
  }
  await post('/api/v1/transfer', { from_account_id: main.account_id, to_account_number: davesAccount.account_number, amount: '7.77', description: 'a unique-marker for dave' }, 'transfer_out', main.account_id);
  await dave.api.expect(201, 'POST', '/api/v1/transfer', {
    json: { from_account_id: davesAccount.account_id, to_account_number: spare.account_number, amount: '2.22' },
  });
  made.push({ account: spare.account_id, type: 'transfer_in', cents: 222 });
  const total = made.length;

  const everything = await allTransactions(carol.api, {}, 100);
  assert.equal(everything.length, total, 'every posting is in the history once');
  const everyId = new Set(everything.map((r) => r.transaction_id));

  await t.test('paging by limit and cursor: no row twice, none missing', async () => {
    for (const limit of [1, 7, 10, total]) {
      const rows = await allTransactions(carol.api, {}, limit);
      assert.deepEqual(new Set(rows.map((r) => r.transaction_id)), everyId, `limit=${limit}`);
    }
    const first = await carol.api.expect(200, 'GET', '/api/v1/transactions?limit=5');
    assert.equal(first.body.transactions.length, 5);
    assert.equal(typeof first.body.next_cursor, 'string');
    const last = await carol.api.expect(200, 'GET', `/api/v1/transactions?limit=${total}`);
    assert.equal(last.body.next_cursor, null, 'no cursor after the last row');
    const defaults = await carol.api.expect(200, 'GET', '/api/v1/transactions');
    assert.equal(defaults.body.transactions.length, 25, 'the default page holds 25 rows');

    // Rows posted while paging do not shift the later pages.
    const seen = [...first.body.transactions];
    const extra = await carol.api.expect(201, 'POST', '/api/v1/deposit', { json: { account_id: spare.account_id, amount: '0.01' } });
    seen.push(...await pageThrough({
      what: 'the pages after the first',
      first: first.body.next_cursor,
      fetchPage: async (cursor) => {
        const page = await carol.api.expect(200, 'GET', `/api/v1/transactions?limit=5&cursor=${encodeURIComponent(cursor)}`);
        return { rows: page.body.transactions, next: page.body.next_cursor };
      },
      idOf: (row) => row.transaction_id,
      pagesMax: 100,
    }));
    const ids = seen.map((r) => r.transaction_id).filter((id) => id !== extra.body.transaction.transaction_id);
    assert.equal(new Set(ids).size, ids.length, 'no row twice');
    assert.deepEqual(new Set(ids), everyId, 'none missing');
    await carol.api.expect(201, 'POST', '/api/v1/withdraw', { json: { account_id: spare.account_id, amount: '0.01' } });
  });

  await t.test('filters: account, type, text, dates; combined with paging', async () => {
    const mainRows = await allTransactions(carol.api, { account_id: main.account_id }, 4);
    assert.equal(mainRows.length, made.filter((m) => m.account === main.account_id).length);
    assert.ok(mainRows.every((r) => r.account_id === main.account_id));
    for (const type of ['deposit', 'withdrawal', 'transfer_in', 'transfer_out']) {
      const rows = await allTransactions(carol.api, { type }, 3);
      const expected = made.filter((m) => m.type === type).length + (type === 'deposit' || type === 'withdrawal' ? 1 : 0);
      assert.equal(rows.length, expected, `type=${type}`);
      assert.ok(rows.every((r) => r.transaction_type === type), `only ${type} rows`);
    }
    const coffee = await allTransactions(carol.api, { q: 'coffee', account_id: main.account_id }, 2);
    assert.equal(coffee.length, 6);
    assert.ok(coffee.every((r) => r.description.includes('coffee')));
    const marker = await allTransactions(carol.api, { q: 'unique-marker' });
    assert.equal(marker.length, 1);
    assert.equal(marker[0].counterparty_account_number, davesAccount.account_number);

    const day = everything[0].timestamp.slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const previous = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const today = await allTransactions(carol.api, { from: day, to: day }, 50);
    assert.equal(today.length, everything.length + 2, 'from=to=today holds every row');
    assert.equal((await allTransactions(carol.api, { from: next })).length, 0, 'nothing after today');
    assert.equal((await allTransactions(carol.api, { to: previous })).length, 0, 'nothing before today');

    const q = (query) => `/api/v1/transactions?${new URLSearchParams(query)}`;
    await carol.api.expect(400, 'GET', q({ limit: '0' }), { code: 'validation_failed', field: 'limit' });
    await carol.api.expect(400, 'GET', q({ limit: '101' }), { code: 'validation_failed', field: 'limit' });
    await carol.api.expect(400, 'GET', q({ limit: 'ten' }), { code: 'validation_failed', field: 'limit' });
    await carol.api.expect(400, 'GET', q({ cursor: 'not-a-cursor' }), { code: 'validation_failed', field: 'cursor' });
    await carol.api.expect(400, 'GET', q({ from: '2024-13-01' }), { code: 'validation_failed', field: 'from' });
    await carol.api.expect(400, 'GET', q({ to: 'yesterday' }), { code: 'validation_failed', field: 'to' });
    await carol.api.expect(400, 'GET', q({ type: 'gift' }), { code: 'validation_failed', field: 'type' });
    await carol.api.expect(404, 'GET', q({ account_id: davesAccount.account_id }), { code: 'not_found' });
  });

  await t.test('analytics totals equal the sum of the postings made', async () => {
    const sum = (filter) => made.filter(filter).reduce((s, m) => s + m.cents, 0);
    const expected = (filter) => ({
      deposits: sum((m) => filter(m) && m.type === 'deposit') + 1,
      withdrawals: sum((m) => filter(m) && m.type === 'withdrawal') + 1,
      transfers_in: sum((m) => filter(m) && m.type === 'transfer_in'),
      transfers_out: sum((m) => filter(m) && m.type === 'transfer_out'),
      count: made.filter(filter).length + 2,
    });
    // The 0.01 deposit and withdrawal of the paging test went to the savings account.
    const all = expected(() => true);
    const body = (await carol.api.expect(200, 'GET', '/api/v1/analytics')).body;
    const accounts = (await carol.api.expect(200, 'GET', '/api/v1/accounts')).body.accounts;
    assert.equal(cents(body.totals.deposits), all.deposits, 'deposits');
    assert.equal(cents(body.totals.withdrawals), all.withdrawals, 'withdrawals');
    assert.equal(cents(body.totals.transfers_in), all.transfers_in, 'transfers in');
    assert.equal(cents(body.totals.transfers_out), all.transfers_out, 'transfers out');
    assert.equal(body.totals.transaction_count, all.count, 'transaction count');
    assert.equal(cents(body.totals.balance), accounts.reduce((s, a) => s + cents(a.balance), 0), 'balance');
    assert.equal(cents(body.totals.balance),
      all.deposits - all.withdrawals + all.transfers_in - all.transfers_out, 'balance = the sum of the postings');
    assert.equal(amount(cents(body.totals.balance)), body.totals.balance);
    for (const field of ['deposits', 'withdrawals', 'transfers_in', 'transfers_out']) {
      assert.equal(body.months.reduce((s, m) => s + cents(m[field]), 0), cents(body.totals[field]), `months add up: ${field}`);
    }

    const mainOnly = expected((m) => m.account === main.account_id);
    const one = (await carol.api.expect(200, 'GET', `/api/v1/analytics?account_id=${main.account_id}`)).body;
    assert.equal(cents(one.totals.deposits), mainOnly.deposits - 1, 'deposits of one account');
    assert.equal(cents(one.totals.withdrawals), mainOnly.withdrawals - 1, 'withdrawals of one account');
    assert.equal(cents(one.totals.transfers_out), mainOnly.transfers_out, 'transfers out of one account');
    assert.equal(cents(one.totals.transfers_in), 0);
    assert.equal(one.totals.transaction_count, mainOnly.count - 2);
    assert.equal(one.totals.balance, (await getAccount(carol.api, main.account_id)).balance);

    await carol.api.expect(404, 'GET', `/api/v1/analytics?account_id=${davesAccount.account_id}`, { code: 'not_found' });
    await carol.api.expect(404, 'GET', `/api/v1/analytics?account_id=${UNKNOWN_ID}`, { code: 'not_found' });
  });

  await t.test('analytics honours from and to (GET /api/v1/analytics?from=&to= in the issue)', async () => {
    const day = everything[0].timestamp.slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const later = (await carol.api.expect(200, 'GET', `/api/v1/analytics?from=${next}&to=${next}`)).body;
    assert.equal(later.totals.deposits, '0.00', 'no deposits after today');
    assert.equal(later.totals.transaction_count, 0, 'no postings after today');
    await carol.api.expect(400, 'GET', '/api/v1/analytics?from=2024-13-45', { code: 'validation_failed', field: 'from' });
    // `to` alone stands for that day; a bad one is named as sent, not as the `from` it fills.
    await carol.api.expect(400, 'GET', '/api/v1/analytics?to=2024-13-45', { code: 'validation_failed', field: 'to' });
  });
});

function haveSqlite3() {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// It damages the SQLite file under the server, so it is registered for SQLite only (on
// DynamoDB it would only count as skipped).
const onSqlite = process.env.BANK_STORE !== 'dynamodb' ? test : () => {};
onSqlite('a failure inside the server: 500 internal, with nothing internal in the answer',
  { skip: haveSqlite3() ? false : 'the sqlite3 command is not installed' }, async (t) => {
    const { server, api } = await setUp(t);
    const erin = await apiUser(api, { full_name: 'Erin Example' });
    await openAccount(erin.api, 'checking', '5');
    // Pull the table out from under the running server.
    execFileSync('sqlite3', [server.db, 'ALTER TABLE transactions RENAME TO transactions_moved;']);
    const failed = await erin.api.expect(500, 'GET', '/api/v1/transactions', { code: 'internal' });
    assert.doesNotMatch(failed.text, /sqlite|select|transactions_moved|no such table|\.cpp|exception/i,
      'the answer does not reveal internals');
    assert.equal(failed.body.error.field, undefined);
  });
