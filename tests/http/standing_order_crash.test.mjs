// A server killed with SIGKILL while a standing order is due (before its claim, between claim
// and posting, or between posting and recording: wherever the kill lands), then a server on the
// same store five minutes later (past the claim's lease, within the posting key's 24 hours):
// the occurrence is posted exactly once, and `bank verify` passes. Both stores.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, verifyLedger } from '../support/server.mjs';
import { Api, apiUser, loadOpenApi, openAccount, allTransactions } from '../support/api.mjs';
import { waitFor } from '../support/wait.mjs';

test('SIGKILL while an order is due, then a restart: posted once', async (t) => {
  const first = await startServer(t, { env: { BANK_TEST_NOW: '2026-06-15T12:00:00Z', BANK_SCHEDULER_INTERVAL: 1 }, keepDir: true });
  t.after(() => fs.rmSync(first.dir, { recursive: true, force: true }));
  const spec = await loadOpenApi(first);
  const api = new Api(first, spec);
  const ann = await apiUser(api);
  const ben = await apiUser(api);
  const from = await openAccount(ann.api, 'checking', '100');
  const to = await openAccount(ben.api, 'checking');
  const { body: order } = await ann.api.expect(201, 'POST', '/api/v1/standing-orders', {
    json: {
      from_account_id: from.account_id, to_account_number: to.account_number, amount: '9.99',
      description: 'Due now', rrule: 'FREQ=DAILY;COUNT=1',
    },
  });
  first.kill();
  await first.exited;

  const second = await startServer(t, {
    db: first.db, dir: first.dir, tablePrefix: first.tablePrefix,
    env: { BANK_TEST_NOW: '2026-06-15T12:05:00Z', BANK_SCHEDULER_INTERVAL: 1 },
  });
  const again = new Api(second, spec, ann.token);
  const posted = await waitFor(async () => {
    const { body } = await again.expect(200, 'GET', `/api/v1/standing-orders/${order.standing_order_id}/occurrences`);
    return body.occurrences[0]?.status === 'posted' && body.occurrences[0];
  }, { what: 'the occurrence posted after the restart' });
  const rows = (await allTransactions(again)).filter((row) => row.standing_order_id === order.standing_order_id);
  assert.equal(rows.length, 1, 'posted exactly once');
  assert.equal(rows[0].transaction_id, posted.transaction_id);
  const { body: account } = await again.expect(200, 'GET', `/api/v1/accounts/${from.account_id}`);
  assert.equal(account.balance, '90.01');
  const { code, output } = await verifyLedger(second.db);
  assert.equal(code, 0, output);
});
