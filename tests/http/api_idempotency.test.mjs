// JSON API v1, Idempotency-Key on the money-moving POSTs: the same key and body return the
// original status and body (with Idempotent-Replayed: true) without posting again; another body
// is 409 idempotency_conflict; a refused request may be retried with its key; 32 concurrent
// requests with one key post once; keys are per user. Every JSON response is validated against
// the OpenAPI document the server serves.
import test from 'node:test';
import assert from 'node:assert/strict';
import { verifyLedger } from '../support/server.mjs';
import {
  apiUser, openAccount, setUpApi, allTransactions, newKey, cents,
} from '../support/api.mjs';

const setUp = setUpApi;

const balance = async (api, id) => (await api.expect(200, 'GET', `/api/v1/accounts/${id}`)).body.balance;
const historyCount = async (api) => (await allTransactions(api)).length;

test('Idempotency-Key on deposit, withdraw and transfer', async (t) => {
  const { server, api } = await setUp(t);
  const ann = await apiUser(api, { full_name: 'Ann Example' });
  const ben = await apiUser(api, { full_name: 'Ben Example' });
  const annAccount = await openAccount(ann.api, 'checking', '1000');
  const annSavings = await openAccount(ann.api, 'savings');
  const benAccount = await openAccount(ben.api, 'checking', '10');

  await t.test('the same key and body replay the original 201 and body without posting again', async () => {
    const cases = [
      ['/api/v1/deposit', { account_id: annAccount.account_id, amount: '20.00', description: 'replayed deposit' }],
      ['/api/v1/withdraw', { account_id: annAccount.account_id, amount: '5.50', category: 'dining' }],
      ['/api/v1/transfer', { from_account_id: annAccount.account_id, to_account_number: benAccount.account_number, amount: '3.25' }],
    ];
    for (const [endpoint, json] of cases) {
      const key = newKey(endpoint.split('/').pop());
      const first = await ann.api.expect(201, 'POST', endpoint, { json, headers: { 'idempotency-key': key } });
      assert.equal(first.headers.get('idempotent-replayed'), null, `${endpoint}: the first answer is not a replay`);
      const count = await historyCount(ann.api);
      const annBalance = await balance(ann.api, annAccount.account_id);
      const benBalance = await balance(ben.api, benAccount.account_id);

      for (let again = 0; again < 2; again += 1) {
        const replay = await ann.api.expect(201, 'POST', endpoint, { json, headers: { 'idempotency-key': key } });
        assert.equal(replay.text, first.text, `${endpoint}: the replay has the very same body`);
        assert.equal(replay.headers.get('idempotent-replayed'), 'true', `${endpoint}: Idempotent-Replayed: true`);
      }
      assert.equal(await historyCount(ann.api), count, `${endpoint}: nothing was posted again`);
      assert.equal(await balance(ann.api, annAccount.account_id), annBalance, `${endpoint}: the balance did not move`);
      assert.equal(await balance(ben.api, benAccount.account_id), benBalance, `${endpoint}: the payee got nothing more`);

      // The same body without the key is a new posting.
      const fresh = await ann.api.expect(201, 'POST', endpoint, { json });
      assert.notEqual(fresh.body.transaction.transaction_id, first.body.transaction.transaction_id);
    }
  });

  await t.test('the same key with another body: 409 idempotency_conflict, nothing posted', async () => {
    const key = newKey('conflict');
    const json = { account_id: annAccount.account_id, amount: '1.00' };
    const first = await ann.api.expect(201, 'POST', '/api/v1/deposit', { json, headers: { 'idempotency-key': key } });
    const count = await historyCount(ann.api);
    const before = await balance(ann.api, annAccount.account_id);
    for (const other of [
      { ...json, amount: '2.00' },
      { ...json, description: 'something else' },
      { account_id: annSavings.account_id, amount: '1.00' },
    ]) {
      await ann.api.expect(409, 'POST', '/api/v1/deposit', {
        json: other, headers: { 'idempotency-key': key }, code: 'idempotency_conflict',
      });
    }
    assert.equal(await historyCount(ann.api), count);
    assert.equal(await balance(ann.api, annAccount.account_id), before);
    // The original request still replays.
    const replay = await ann.api.expect(201, 'POST', '/api/v1/deposit', { json, headers: { 'idempotency-key': key } });
    assert.equal(replay.text, first.text);
  });

  await t.test('the same key on another endpoint, even with the same body: 409 idempotency_conflict, nothing posted', async () => {
    const key = newKey('endpoint');
    const json = { account_id: annAccount.account_id, amount: '4.00' };
    const first = await ann.api.expect(201, 'POST', '/api/v1/deposit', { json, headers: { 'idempotency-key': key } });
    const count = await historyCount(ann.api);
    const before = await balance(ann.api, annAccount.account_id);
    await ann.api.expect(409, 'POST', '/api/v1/withdraw', {
      json, headers: { 'idempotency-key': key }, code: 'idempotency_conflict',
    });
    await ann.api.expect(409, 'POST', '/api/v1/transfer', {
      json: { from_account_id: annAccount.account_id, to_account_number: benAccount.account_number, amount: '4.00' },
      headers: { 'idempotency-key': key },
      code: 'idempotency_conflict',
    });
    assert.equal(await historyCount(ann.api), count, 'nothing was posted');
    assert.equal(await balance(ann.api, annAccount.account_id), before, 'the balance did not move');
    const replay = await ann.api.expect(201, 'POST', '/api/v1/deposit', { json, headers: { 'idempotency-key': key } });
    assert.equal(replay.text, first.text, 'the key still replays its deposit');
  });

  await t.test('a refused request is not remembered: it may be retried with its key', async () => {
    const key = newKey('retry');
    const json = { account_id: annSavings.account_id, amount: '75.00' };
    await ann.api.expect(422, 'POST', '/api/v1/withdraw', { json, headers: { 'idempotency-key': key }, code: 'insufficient_funds' });
    await ann.api.expect(201, 'POST', '/api/v1/transfer', {
      json: { from_account_id: annAccount.account_id, to_account_number: annSavings.account_number, amount: '100.00' },
    });
    const retried = await ann.api.expect(201, 'POST', '/api/v1/withdraw', { json, headers: { 'idempotency-key': key } });
    assert.equal(retried.headers.get('idempotent-replayed'), null, 'the retry posted');
    assert.equal(retried.body.balance, '25.00');

    const badKey = newKey('invalid');
    await ann.api.expect(400, 'POST', '/api/v1/deposit', {
      json: { account_id: annSavings.account_id, amount: '1.234' }, headers: { 'idempotency-key': badKey }, code: 'validation_failed',
    });
    await ann.api.expect(201, 'POST', '/api/v1/deposit', {
      json: { account_id: annSavings.account_id, amount: '1.23' }, headers: { 'idempotency-key': badKey },
    });
    const maxKey = 'k'.repeat(255);
    await ann.api.expect(201, 'POST', '/api/v1/deposit', {
      json: { account_id: annSavings.account_id, amount: '0.01' }, headers: { 'idempotency-key': maxKey },
    });
  });

  await t.test('32 concurrent requests with one key post exactly once', async () => {
    for (const [endpoint, json, amountCents] of [
      ['/api/v1/deposit', { account_id: annAccount.account_id, amount: '12.34', description: 'concurrent' }, 1234],
      ['/api/v1/transfer', { from_account_id: annAccount.account_id, to_account_number: benAccount.account_number, amount: '2.50' }, -250],
    ]) {
      const key = newKey('burst');
      const count = await historyCount(ann.api);
      const before = cents(await balance(ann.api, annAccount.account_id));
      const benBefore = cents(await balance(ben.api, benAccount.account_id));
      const answers = await Promise.all(Array.from({ length: 32 }, () =>
        ann.api.request('POST', endpoint, { json, headers: { 'idempotency-key': key } })));
      for (const answer of answers) assert.equal(answer.status, 201, `${endpoint}: ${answer.text}`);
      assert.equal(new Set(answers.map((a) => a.text)).size, 1, `${endpoint}: all 32 answers have the same body`);
      const originals = answers.filter((a) => a.headers.get('idempotent-replayed') !== 'true');
      assert.equal(originals.length, 1, `${endpoint}: exactly one answer is not a replay`);
      const history = await allTransactions(ann.api);
      assert.equal(history.length, count + 1, `${endpoint}: exactly one row more in the history`);
      assert.equal(history.filter((r) => r.transaction_id === answers[0].body.transaction.transaction_id).length, 1);
      assert.equal(cents(await balance(ann.api, annAccount.account_id)), before + amountCents, `${endpoint}: moved once`);
      if (amountCents < 0) {
        assert.equal(cents(await balance(ben.api, benAccount.account_id)), benBefore - amountCents, 'received once');
      }
    }
  });

  await t.test('keys are per user: two people, one key, both post', async () => {
    const key = newKey('shared');
    const annBefore = cents(await balance(ann.api, annAccount.account_id));
    const benBefore = cents(await balance(ben.api, benAccount.account_id));
    const annPost = await ann.api.expect(201, 'POST', '/api/v1/deposit', {
      json: { account_id: annAccount.account_id, amount: '4.00' }, headers: { 'idempotency-key': key },
    });
    const benPost = await ben.api.expect(201, 'POST', '/api/v1/deposit', {
      json: { account_id: benAccount.account_id, amount: '4.00' }, headers: { 'idempotency-key': key },
    });
    assert.equal(benPost.headers.get('idempotent-replayed'), null, 'Ben\'s request is not a replay of Ann\'s');
    assert.notEqual(benPost.body.transaction.transaction_id, annPost.body.transaction.transaction_id);
    assert.equal(cents(await balance(ann.api, annAccount.account_id)), annBefore + 400);
    assert.equal(cents(await balance(ben.api, benAccount.account_id)), benBefore + 400);
    // And each replays only their own.
    const benReplay = await ben.api.expect(201, 'POST', '/api/v1/deposit', {
      json: { account_id: benAccount.account_id, amount: '4.00' }, headers: { 'idempotency-key': key },
    });
    assert.equal(benReplay.text, benPost.text);
    assert.equal(benReplay.headers.get('idempotent-replayed'), 'true');
  });

  await t.test('the ledger verifies', async () => {
    await server.stop();
    const { code, output } = await verifyLedger(server.db);
    assert.equal(code, 0, output);
  });
});
