// Every outcome of a standing order's occurrence is in its owner's audit log (GET
// /api/v1/me/security-events), over real HTTP on either store: posted, short of funds
// (retrying: once, at its first try, not at every pass), failed after the retry window, and
// skipped (a date missed past the catch-up limit while no server ran).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer } from '../support/server.mjs';
import { Api, apiUser, loadOpenApi, openAccount } from '../support/api.mjs';
import { waitFor } from '../support/wait.mjs';

async function orderEvents(api) {
  const { body } = await api.expect(200, 'GET', '/api/v1/me/security-events');
  return body.events.filter((event) => event.kind.startsWith('standing_order_'));
}

test('posted, retrying, failed and skipped occurrences are in the owner\'s audit log', async (t) => {
  const first = await startServer(t, { name: 'so-audit-first', env: { BANK_TEST_NOW: '2026-06-15T12:00:00Z', BANK_SCHEDULER_INTERVAL: 1 }, keepDir: true });
  t.after(() => fs.rmSync(first.dir, { recursive: true, force: true }));
  const spec = await loadOpenApi(first);
  const api = new Api(first, spec);
  const ann = await apiUser(api);
  const ben = await apiUser(api);
  const from = await openAccount(ann.api, 'checking', '100');
  const to = await openAccount(ben.api, 'checking');
  const order = (amount, start_date) => ann.api.expect(201, 'POST', '/api/v1/standing-orders', {
    json: {
      from_account_id: from.account_id, to_account_number: to.account_number, amount,
      description: `Order of ${amount}`, rrule: 'FREQ=DAILY;COUNT=1', ...(start_date ? { start_date } : {}),
    },
  });
  const paid = (await order('9.99')).body;
  const short = (await order('500.00')).body;
  const later = (await order('1.00', '2026-06-16')).body;
  const june15 = await waitFor(async () => {
    const events = await orderEvents(ann.api);
    const kinds = events.map((event) => event.kind);
    return kinds.includes('standing_order_posted') && kinds.includes('standing_order_retrying') && events;
  }, { what: 'the posted and the retrying occurrence in the audit log' });
  const posted = june15.find((event) => event.kind === 'standing_order_posted');
  assert.match(posted.detail, new RegExp(paid.standing_order_id));
  assert.match(posted.detail, /2026-06-15/);
  const retrying = june15.find((event) => event.kind === 'standing_order_retrying');
  assert.match(retrying.detail, new RegExp(short.standing_order_id));
  assert.equal((await orderEvents(ben.api)).length, 0, 'only the order\'s owner is told');
  first.kill();
  await first.exited;

  // Ten days later: the short order's retry window is over, and the later one's date is past
  // the catch-up limit.
  const second = await startServer(t, {
    name: 'so-audit-second', db: first.db, dir: first.dir, tablePrefix: first.tablePrefix,
    env: { BANK_TEST_NOW: '2026-06-25T12:00:00Z', BANK_SCHEDULER_INTERVAL: 1 },
  });
  // Ten days on, the first session has expired: sign in again.
  const signedIn = await new Api(second, spec).expect(200, 'POST', '/api/v1/login',
    { json: { email: ann.email, password: ann.password }, token: null });
  const again = new Api(second, spec, signedIn.body.token);
  const events = await waitFor(async () => {
    const found = await orderEvents(again);
    const kinds = found.map((event) => event.kind);
    return kinds.includes('standing_order_failed') && kinds.includes('standing_order_skipped') && found;
  }, { what: 'the failed and the skipped occurrence in the audit log' });
  assert.match(events.find((event) => event.kind === 'standing_order_failed').detail, new RegExp(short.standing_order_id));
  assert.match(events.find((event) => event.kind === 'standing_order_skipped').detail, new RegExp(later.standing_order_id));
  assert.equal(events.filter((event) => event.kind === 'standing_order_retrying').length, 1,
    'a date short of funds is audited at its first try only');
  assert.equal(events.filter((event) => event.kind === 'standing_order_posted').length, 1);
});
