// SIGTERM while deposits are arriving: the process finishes cleanly and keeps every deposit it
// acknowledged.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, startServer, verifyLedger, signUp, login, createAccount, balanceOf, csrf, allTransactions,
} from '../support/server.mjs';
import { withCeiling } from '../support/wait.mjs';

test('SIGTERM under load exits 0 and loses no acknowledged deposit', { timeout: 90_000 }, async (t) => {
  const server = await startServer(t);
  const { client, email, password } = await signUp(server);
  const account = await createAccount(client, 'checking');
  const token = csrf((await client.get('/deposit')).text);

  const acknowledged = [];
  let next = 0;
  let stopping = false;
  let resolveEnough;
  const enough = new Promise((resolve) => { resolveEnough = resolve; });

  async function worker() {
    for (;;) {
      const n = next;
      next += 1;
      const cents = 100 + n;
      try {
        const response = await client.post('/deposit', {
          csrf_token: token,
          account_id: account.account_id,
          amount: (cents / 100).toFixed(2),
          description: `shutdown-${n}`,
        }, { timeout: 15_000 });
        if (response.status === 303) {
          acknowledged.push({ description: `shutdown-${n}`, cents });
          if (acknowledged.length >= 20) resolveEnough();
        } else if (!stopping) {
          throw new Error(`deposit ${n} answered ${response.status} before shutdown`);
        }
        if (stopping && response.status !== 303) return;
      } catch (error) {
        if (!stopping) throw error;
        return;  // connection refused or closed: the server is gone
      }
      if (n > 5000) return;
    }
  }

  const workers = Array.from({ length: 6 }, () => worker());
  await Promise.race([enough, Promise.all(workers)]);
  stopping = true;
  server.child.kill('SIGTERM');
  const code = await withCeiling(server.exited, { timeoutMs: 60_000, what: 'the server to exit after SIGTERM' });
  assert.equal(code, 0, 'exit code after SIGTERM');
  await Promise.all(workers);
  assert.ok(acknowledged.length >= 20, `deposits acknowledged before shutdown: ${acknowledged.length}`);

  await server.restart();
  const again = new Client(server);
  assert.equal((await login(again, email, password)).status, 303);
  const rows = await allTransactions(again, `account_id=${account.account_id}`);
  const present = new Set();
  for (const row of rows) {
    const m = /shutdown-\d+/.exec(row.text);
    if (m) present.add(m[0]);
  }
  const lost = acknowledged.filter((d) => !present.has(d.description)).map((d) => d.description);
  assert.deepEqual(lost, [], 'every acknowledged deposit is in the history after restart');
  const ackedCents = acknowledged.reduce((sum, d) => sum + d.cents, 0);
  assert.ok(await balanceOf(again, account.account_id) >= ackedCents, 'the balance holds every acknowledged deposit');

  assert.equal(await server.stop('SIGTERM'), 0);
  const verified = await verifyLedger(server.db);
  assert.equal(verified.code, 0, `bank verify: ${verified.output}`);
});
