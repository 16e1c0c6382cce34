// Bulk payments over real HTTP (POST /api/v1/transfers/batch): each item decided as if sent
// alone, in order (running balances, the same refusals as POST /api/v1/transfer), answered
// in its place; the batch's own limits (empty, 1,001 items: 400 naming the limit); a read
// token refused; one Idempotency-Key for the whole batch; `bank verify` passes afterwards.
// Every JSON response is validated against the OpenAPI document the server serves.
import test from 'node:test';
import assert from 'node:assert/strict';
import { unusedAccountNumber, verifyLedger } from '../support/server.mjs';
import { apiUser, openAccount, setUpApi, newKey } from '../support/api.mjs';

const balance = async (api, id) => (await api.expect(200, 'GET', `/api/v1/accounts/${id}`)).body.balance;

test('a bulk payment answers each item as a single transfer would', async (t) => {
  const { server, api } = await setUpApi(t);
  const ann = await apiUser(api, { full_name: 'Ann Payroll' });
  const ben = await apiUser(api, { full_name: 'Ben Employee' });
  const annAccount = await openAccount(ann.api, 'checking', '100.00');
  const benAccount = await openAccount(ben.api, 'checking', '5.00');
  const item = (amount, extra = {}) => ({
    from_account_id: annAccount.account_id, to_account_number: benAccount.account_number, amount, ...extra,
  });

  await t.test('created and refused items in order, later items on the balances earlier ones left', async () => {
    const transfers = [
      item('60.00', { description: 'March salary', category: 'income' }),
      item('60.00'), // only $40.00 left: refused
      item('1.005'), // three decimals: refused as a single transfer would be
      { ...item('1.00'), to_account_number: unusedAccountNumber([benAccount.account_number]) },
      { ...item('1.00'), from_account_id: benAccount.account_id }, // not Ann's account
      item('40.00'),
      { ...item('1.00'), color: 'blue' },
    ];
    const { body } = await ann.api.expect(200, 'POST', '/api/v1/transfers/batch', { json: { transfers } });
    assert.equal(body.results.length, transfers.length);
    const [first, overdraft, badAmount, unknown, notMine, last, unknownField] = body.results;
    assert.equal(first.status, 'created');
    assert.equal(first.balance, '40.00');
    assert.equal(first.transaction.description, 'March salary');
    assert.equal(first.transaction.transfer_id, first.transfer_id);
    assert.deepEqual([overdraft.status, overdraft.error.code], ['refused', 'insufficient_funds']);
    assert.deepEqual([badAmount.error.code, badAmount.error.field], ['validation_failed', 'amount']);
    assert.equal(unknown.error.code, 'not_found');
    assert.equal(unknown.error.field, 'to_account_number');
    assert.deepEqual([notMine.error.code, notMine.error.field], ['not_found', 'from_account_id']);
    assert.equal(last.status, 'created');
    assert.equal(last.balance, '0.00');
    assert.deepEqual([unknownField.error.code, unknownField.error.field], ['validation_failed', 'color']);
    assert.equal(await balance(ann.api, annAccount.account_id), '0.00');
    assert.equal(await balance(ben.api, benAccount.account_id), '105.00');

    // The same refusals as a single transfer.
    const single = await ann.api.expect(422, 'POST', '/api/v1/transfer', { json: item('60.00') });
    assert.equal(single.body.error.code, 'insufficient_funds');
    assert.equal(single.body.error.message, overdraft.error.message);
  });

  await t.test('an empty batch and one beyond 1,000 items are refused whole, naming the limit', async () => {
    await ann.api.expect(400, 'POST', '/api/v1/transfers/batch', {
      json: { transfers: [] }, code: 'validation_failed', field: 'transfers',
    });
    await ann.api.expect(400, 'POST', '/api/v1/transfers/batch', { json: {}, field: 'transfers' });
    const tooMany = Array.from({ length: 1001 }, () => item('0.01'));
    const refused = await ann.api.expect(400, 'POST', '/api/v1/transfers/batch', {
      json: { transfers: tooMany }, code: 'validation_failed', field: 'transfers',
    });
    assert.match(refused.body.error.message, /at most 1,000 transfers \(transfer_batch_items_max\); this one has 1,001/);
    assert.equal(await balance(ben.api, benAccount.account_id), '105.00');
  });

  await t.test('1,000 items are one batch', async () => {
    await ann.api.expect(201, 'POST', '/api/v1/deposit', { json: { account_id: annAccount.account_id, amount: '10.00' } });
    const transfers = Array.from({ length: 1000 }, () => item('0.01'));
    // On DynamoDB the items are 1,000 transactions one after another (docs/ARCHITECTURE.md,
    // "Bulk payments"): about 10 s on DynamoDB Local, but over the client's 30-s default once
    // on a loaded 2-core machine; the answer is what is checked here, not its time.
    const { body } = await ann.api.expect(200, 'POST', '/api/v1/transfers/batch', { json: { transfers }, timeout: 180_000 });
    assert.equal(body.results.filter((result) => result.status === 'created').length, 1000);
    assert.equal(body.results[999].balance, '0.00');
    assert.equal(await balance(ben.api, benAccount.account_id), '115.00');
  });

  await t.test('the batch route takes bodies up to 256 KiB (transfer_batch_body_max), others 64 KiB', async () => {
    const padded = (bytes) => ({ transfers: [item('0.01', { description: 'x'.repeat(bytes) })] });
    const big = await ann.api.expect(413, 'POST', '/api/v1/transfers/batch', { json: padded(300 * 1024) });
    assert.match(big.body.error.message, /256 KiB at most/);
    const single = await ann.api.expect(413, 'POST', '/api/v1/transfer', { json: item('0.01', { description: 'x'.repeat(70 * 1024) }) });
    assert.match(single.body.error.message, /64 KiB at most/);
    // 100 KiB is within the batch's limit: the item is refused for its long description alone.
    const { body } = await ann.api.expect(200, 'POST', '/api/v1/transfers/batch', { json: padded(100 * 1024) });
    assert.deepEqual([body.results[0].status, body.results[0].error.field], ['refused', 'description']);
  });

  await t.test('a read token gets 403 insufficient_scope', async () => {
    const read = await ann.api.expect(201, 'POST', '/api/v1/me/tokens', {
      json: { name: 'Reader', scope: 'read', expires_in_days: 1 },
    });
    await ann.api.as(read.body.token).expect(403, 'POST', '/api/v1/transfers/batch', {
      json: { transfers: [item('1.00')] }, code: 'insufficient_scope',
    });
  });

  await t.test('one Idempotency-Key covers the whole batch', async () => {
    await ann.api.expect(201, 'POST', '/api/v1/deposit', { json: { account_id: annAccount.account_id, amount: '3.00' } });
    const key = newKey('batch');
    const json = { transfers: [item('2.00'), item('2.00')] }; // the second is refused
    const first = await ann.api.expect(200, 'POST', '/api/v1/transfers/batch', { json, headers: { 'idempotency-key': key } });
    assert.deepEqual(first.body.results.map((result) => result.status), ['created', 'refused']);
    // Money arrives, yet the replay answers what was decided, and moves nothing.
    await ann.api.expect(201, 'POST', '/api/v1/deposit', { json: { account_id: annAccount.account_id, amount: '10.00' } });
    const replay = await ann.api.expect(200, 'POST', '/api/v1/transfers/batch', { json, headers: { 'idempotency-key': key } });
    assert.equal(replay.text, first.text);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(await balance(ann.api, annAccount.account_id), '11.00');
    await ann.api.expect(409, 'POST', '/api/v1/transfers/batch', {
      json: { transfers: [item('3.00')] }, headers: { 'idempotency-key': key }, code: 'idempotency_conflict',
    });
    await ann.api.expect(409, 'POST', '/api/v1/transfer', {
      json: item('2.00'), headers: { 'idempotency-key': key }, code: 'idempotency_conflict',
    });
    assert.equal(await balance(ann.api, annAccount.account_id), '11.00');
  });

  await t.test('bank verify passes', async () => {
    const { code, output } = await verifyLedger(server.db);
    assert.equal(code, 0, output);
  });
});
