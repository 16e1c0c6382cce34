// The bank workload with its auditor (tests/support/workload.mjs) on DynamoDB Local: the same
// clients, checks and `bank verify` as tests/prove/workload.test.mjs, against a server on
// fresh DynamoDB tables. Runs only with BANK_STORE=dynamodb (ctest's prove_dynamodb run,
// against the DynamoDB Local that scripts/dev test starts).
//
// Load: 64 clients (8 of them only read) for 15 s; BANK_WORKLOAD_CLIENTS and BANK_WORKLOAD_MS
// override. DynamoDB Local (one Java process) does about 150 postings a second on 2 cores, so
// the whole file, with setup, audit and verify, takes about 35 s there.
//
// Seeded: the seed is printed on failure; BANK_TEST_SEED=N replays the same choices.
import test from 'node:test';
import assert from 'node:assert/strict';
import { BANK_STORE, startServer, verifyLedger } from '../support/server.mjs';
import { Workload, audit, setUpBank, testSeed, verifyTotals, withSeed } from '../support/workload.mjs';

process.env.BANK_API_REQUESTS_PER_MINUTE = '100000000';

const skip = BANK_STORE === 'dynamodb' ? false : 'needs BANK_STORE=dynamodb (run by ctest against DynamoDB Local)';
const CLIENTS = Number(process.env.BANK_WORKLOAD_CLIENTS || 64);
const READERS = Math.max(2, Math.round(CLIENTS / 8));
const DURATION_MS = Number(process.env.BANK_WORKLOAD_MS || 15_000);

test(`${CLIENTS} concurrent clients on DynamoDB Local and the auditor finds every cent`, { skip, timeout: 240_000 }, async (t) => {
  const seed = testSeed();
  t.diagnostic(`seed ${seed} (BANK_TEST_SEED=${seed} replays it); ${CLIENTS} clients (${READERS} readers), ${DURATION_MS} ms`);
  await withSeed(seed, 'the DynamoDB workload', async () => {
    const started = Date.now();
    const server = await startServer(t, { name: 'prove-workload-dynamodb' });
    const bank = await setUpBank(server, { people: 20, accounts: 50, tag: `wd${seed}` });
    assert.equal(bank.accounts.length, 50);

    const workload = new Workload(server, bank, { seed, clients: CLIENTS, readers: READERS, durationMs: DURATION_MS, tag: 'wd' });
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
    assert.ok(summary.withdrawals.refused >= 5, 'some withdrawals were refused for overdrawing');
    assert.ok(summary.transfers.refused >= 5, 'some transfers were refused for overdrawing');
    assert.ok(summary.replays >= 5, 'retries with the same key were replayed');
    assert.ok(summary.reads >= 50, 'balances were read throughout');

    const result = await audit(server, workload);
    t.diagnostic(`history rows ${result.historyRows}, total ${result.total} cents`);
    assert.deepEqual(result.problems, [], 'the auditor finds nothing wrong');
    assert.deepEqual(result.anomalies.slice(0, 5), [], `every history query was answered (${result.anomalies.length} refused)`);

    assert.equal(await server.stop('SIGTERM'), 0, 'the server stops cleanly');
    const verified = await verifyLedger(server.db);
    assert.equal(verified.code, 0, `bank verify --store dynamodb passes:\n${verified.output}`);
    assert.deepEqual(verifyTotals(verified.output), { total: result.total, deposits: result.deposits, withdrawals: result.withdrawals },
      `bank verify reports the auditor's totals:\n${verified.output}`);
    t.diagnostic(`took ${Date.now() - started} ms`);
  });
});
