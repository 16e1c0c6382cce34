// The bank workload with its auditor through TWO `bank serve` processes sharing one set of
// DynamoDB tables: the clients are split across both servers, a request sent twice at once
// goes once through each, a late retry of an acknowledged request goes through the other
// server (so idempotency is shared), and the auditor reads through the second server while
// the first set the bank up. `bank verify --store dynamodb` on the shared tables passes and
// reports the auditor's totals. Runs only with BANK_STORE=dynamodb.
//
// Load as in workload_dynamodb.test.mjs: 64 clients for 15 s (BANK_WORKLOAD_CLIENTS and
// BANK_WORKLOAD_MS override). Seeded: the seed is printed on failure; BANK_TEST_SEED=N
// replays the same choices.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BANK_STORE, startServer, verifyLedger } from '../support/server.mjs';
import { Workload, audit, httpJson, setUpBank, testSeed, verifyTotals, withSeed } from '../support/workload.mjs';

process.env.BANK_API_REQUESTS_PER_MINUTE = '100000000';

const skip = BANK_STORE === 'dynamodb' ? false : 'needs BANK_STORE=dynamodb (run by ctest against DynamoDB Local)';
const CLIENTS = Number(process.env.BANK_WORKLOAD_CLIENTS || 64);
const READERS = Math.max(2, Math.round(CLIENTS / 8));
const DURATION_MS = Number(process.env.BANK_WORKLOAD_MS || 15_000);

test(`${CLIENTS} clients through two servers on one DynamoDB keep every cent`, { skip, timeout: 240_000 }, async (t) => {
  const seed = testSeed();
  t.diagnostic(`seed ${seed} (BANK_TEST_SEED=${seed} replays it); ${CLIENTS} clients (${READERS} readers), ${DURATION_MS} ms`);
  await withSeed(seed, 'the two-server workload', async () => {
    const started = Date.now();
    const first = await startServer(t, { name: 'prove-two-servers-a' });
    const second = await startServer(t, { name: 'prove-two-servers-b', tablePrefix: first.tablePrefix });
    const bank = await setUpBank(first, { people: 20, accounts: 50, tag: `ws${seed}` });

    // A token issued by the first server is good on the second.
    const probe = await httpJson(second, { path: '/api/v1/accounts', token: bank.people[0].token });
    assert.equal(probe.status, 200, `a session made through the first server works on the second: ${probe.text.slice(0, 200)}`);

    const workload = new Workload([first, second], bank, { seed, clients: CLIENTS, readers: READERS, durationMs: DURATION_MS, tag: 'ws' });
    await workload.run();
    const summary = workload.summary();
    t.diagnostic(JSON.stringify(summary));

    assert.deepEqual(workload.stats.serverErrors.slice(0, 10), [], `no 5xx answers under a healthy load (${workload.stats.serverErrors.length})`);
    assert.equal(workload.stats.networkErrors, 0, 'no connection failed');
    assert.deepEqual(workload.stats.unexpected, [], 'every answer was 201 or 422 insufficient_funds');
    for (const kind of ['deposits', 'withdrawals', 'transfers']) {
      assert.ok(summary[kind].acked >= 20, `${kind}: at least 20 acknowledged (${JSON.stringify(summary[kind])})`);
      assert.equal(summary[kind].unknown, 0, `${kind}: every request got a definitive answer`);
    }
    assert.ok(summary.transfers.refused >= 5, 'some transfers were refused for overdrawing');
    assert.ok(summary.replays >= 5, 'retries with the same key through the other server were replayed');

    // The auditor reads through the second server; then every balance through the first
    // must be the same (both read the base table consistently).
    const result = await audit(second, workload);
    t.diagnostic(`history rows ${result.historyRows}, total ${result.total} cents`);
    assert.deepEqual(result.problems, [], 'the auditor finds nothing wrong');
    assert.deepEqual(result.anomalies.slice(0, 5), [], `every history query was answered (${result.anomalies.length} refused)`);
    const mismatches = [];
    for (const person of bank.people) {
      const [viaFirst, viaSecond] = await Promise.all([first, second].map((server) =>
        httpJson(server, { path: '/api/v1/accounts', token: person.token })));
      assert.equal(viaFirst.status, 200);
      assert.equal(viaSecond.status, 200);
      const balances = (response) => JSON.stringify(response.json.accounts.map((a) => [a.account_id, a.balance]).sort());
      if (balances(viaFirst) !== balances(viaSecond)) mismatches.push(`${person.email}: ${balances(viaFirst)} vs ${balances(viaSecond)}`);
    }
    assert.deepEqual(mismatches, [], 'both servers show the same balances');

    assert.equal(await first.stop('SIGTERM'), 0, 'the first server stops cleanly');
    assert.equal(await second.stop('SIGTERM'), 0, 'the second server stops cleanly');
    const verified = await verifyLedger(first.db);
    assert.equal(verified.code, 0, `bank verify --store dynamodb passes:\n${verified.output}`);
    assert.deepEqual(verifyTotals(verified.output), { total: result.total, deposits: result.deposits, withdrawals: result.withdrawals },
      `bank verify reports the auditor's totals:\n${verified.output}`);
    t.diagnostic(`took ${Date.now() - started} ms`);
  });
});
