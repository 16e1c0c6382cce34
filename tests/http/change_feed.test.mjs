// The bank-wide change feed over real HTTP, on either store: people post at once (deposits,
// withdrawals, transfers to each other) while a warehouse loader pages GET
// /api/v1/admin/changes with limit=7; the loader ends with exactly the postings made, each once
// (ids, amounts and kinds as every person's history says), every account's postings in the
// order of its balances, and resuming from a cursor it kept reads the same tail. Customers get
// 403, no token 401, a malformed cursor or limit 400 naming it. On DynamoDB a posting is served
// once it settled (about 10 s, docs/ARCHITECTURE.md), so the loader waits for it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BANK_BINARY } from '../support/server.mjs';
import { apiUser, allTransactions, openAccount, setUpApi } from '../support/api.mjs';
import { parseCents } from '../support/money.mjs';

const FEED = '/api/v1/admin/changes';

function grantAdmin(server, email) {
  const env = { ...process.env, ...(server.tablePrefix ? { BANK_DYNAMODB_TABLE_PREFIX: server.tablePrefix } : {}) };
  execFileSync(BANK_BINARY, ['admin', 'grant', email, '--db', server.db], { env, timeout: 30_000 });
}

// Pages from `cursor` with limit=7 until the loader holds `wanted` postings and the feed says
// there is no more (waiting between empty pages: the DynamoDB feed serves settled postings).
async function load(api, cursor, wanted, cursors = []) {
  const changes = [];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const query = cursor ? `?limit=7&cursor=${cursor}` : '?limit=7';
    const page = (await api.expect(200, 'GET', FEED + query)).body;
    assert.ok(page.changes.length <= 7, 'a page holds at most the limit');
    changes.push(...page.changes);
    cursor = page.next_cursor;
    cursors.push({ cursor, served: changes.length });
    if (changes.length >= wanted && !page.has_more) return { changes, cursor };
    if (page.changes.length === 0) {
      assert.ok(Date.now() < deadline, `the feed served ${changes.length} of ${wanted} postings`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

test('a loader pages the change feed and gets every posting once, in order, resumable', async (t) => {
  const { server, api } = await setUpApi(t, { name: 'change-feed' });
  const admin = await apiUser(api, { full_name: 'Feed Admin' });
  grantAdmin(server, admin.email);
  const people = [];
  for (let index = 0; index < 3; index += 1) {
    const person = await apiUser(api, { full_name: `Feed Person ${index}` });
    person.account = await openAccount(person.api, 'checking', '500.00');
    people.push(person);
  }

  // A loader pages while the three post at once.
  let writing = true;
  const during = (async () => {
    const seen = [];
    let cursor = '';
    while (writing) {
      const page = (await admin.api.expect(200, 'GET', `${FEED}?limit=7${cursor ? `&cursor=${cursor}` : ''}`)).body;
      seen.push(...page.changes);
      cursor = page.next_cursor;
      if (page.changes.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { seen, cursor };
  })();
  await Promise.all(people.map(async (person, index) => {
    const next = people[(index + 1) % people.length].account;
    for (let round = 0; round < 6; round += 1) {
      const amount = `${round + 1}.${String(index).padStart(2, '0')}`;
      const [path, json] = round % 3 === 0 ? ['/api/v1/deposit', { account_id: person.account.account_id, amount }]
        : round % 3 === 1 ? ['/api/v1/withdraw', { account_id: person.account.account_id, amount }]
          : ['/api/v1/transfer', { from_account_id: person.account.account_id, to_account_number: next.account_number, amount }];
      await person.api.expect(201, 'POST', path, { json: { ...json, description: `feed ${round}` } });
    }
  }));
  writing = false;
  const { seen, cursor: stoppedAt } = await during;

  const history = new Map();
  for (const person of people) {
    for (const row of await allTransactions(person.api)) history.set(row.transaction_id, row);
  }
  assert.equal(history.size, 3 * (1 + 6 + 2), 'an opening deposit, six postings and two incoming legs each');
  // The loader that paged during the writes goes on from where it stopped.
  const rest = await load(admin.api, stoppedAt, history.size - seen.length);
  const whileWriting = seen.concat(rest.changes);
  const cursors = [];
  const { changes, cursor: last } = await load(admin.api, '', history.size, cursors);
  assert.equal(changes.length, history.size, 'every posting exactly once');
  assert.deepEqual(new Set(changes.map((change) => change.transaction_id)), new Set(history.keys()));
  const balances = new Map();
  for (const change of changes) {
    const row = history.get(change.transaction_id);
    assert.equal(change.amount, row.amount);
    assert.equal(change.kind, row.transaction_type);
    assert.equal(change.account_id, row.account_id);
    assert.equal(change.committed_at, row.timestamp);
    const before = balances.get(change.account_id) ?? 0;
    const signed = ['deposit', 'transfer_in'].includes(change.kind) ? parseCents(change.amount) : -parseCents(change.amount);
    assert.equal(parseCents(change.balance_after), before + signed, 'each account in the order of its balances');
    balances.set(change.account_id, parseCents(change.balance_after));
  }
  assert.deepEqual(whileWriting.map((change) => change.transaction_id), changes.map((change) => change.transaction_id),
    'paging during the writes saw the same feed as paging after them');
  for (let index = 1; index < changes.length; index += 1) {
    assert.ok(changes[index - 1].position < changes[index].position, 'feed order');
  }

  // A loader that stopped resumes from the cursor it kept and reads the same tail.
  const kept = cursors[Math.floor(cursors.length / 2)];
  const resumed = await load(admin.api, kept.cursor, history.size - kept.served);
  assert.deepEqual(resumed.changes.map((change) => change.transaction_id),
    changes.slice(kept.served).map((change) => change.transaction_id));
  const caughtUp = (await admin.api.expect(200, 'GET', `${FEED}?cursor=${last}`)).body;
  assert.deepEqual(caughtUp, { changes: [], next_cursor: last, has_more: false }, 'nothing new: the same cursor');

  // Only administrators, signed in; a malformed query names its field and reads nothing.
  await people[0].api.expect(403, 'GET', FEED, { code: 'forbidden' });
  await api.expect(401, 'GET', FEED, { token: null, code: 'unauthenticated' });
  for (const [query, field] of [['cursor=***', 'cursor'], ['cursor=MDA', 'cursor'], ['cursor=bm90LWEtcG9zaXRpb24', 'cursor'],
    ['limit=0', 'limit'], ['limit=1001', 'limit'], ['limit=seven', 'limit'], ['limit=-1', 'limit']]) {
    const refused = await admin.api.expect(400, 'GET', `${FEED}?${query}`, { code: 'validation_failed', field });
    assert.match(refused.body.error.message, new RegExp(field), query);
  }
  const largest = await admin.api.expect(200, 'GET', `${FEED}?limit=1000`);
  assert.equal(largest.body.changes.length, history.size);
});
