// The bank workload with an auditor, on SQLite: 64 concurrent clients (8 of them only read)
// move money among 50 accounts of 20 people over the JSON API for about 20 s: deposits,
// withdrawals and transfers, many sized to overdraw and so refused (422), requests sent twice
// at once and retried later with the same Idempotency-Key, and reads of every balance all the
// while. The auditor then checks that
//   - no balance was ever read negative (reads, 201 answers, history rows);
//   - each account's balance equals the sum of its acknowledged postings, and the sum of all
//     balances equals acknowledged deposits minus acknowledged withdrawals;
//   - every acknowledged posting is in the history exactly once (a transfer as two legs with
//     one transfer_id), every refused one never, and no row nobody asked for;
//   - `bank verify` passes and reports the same totals.
//
// Seeded: the seed is printed on failure; BANK_TEST_SEED=N replays the same choices (the
// interleaving of the clients is up to the machine).
//
// The per-token API rate limit (6000 a minute) is lifted for this server: the test is about
// money under load, and tests/http/api_rate_limits.test.mjs covers the limit itself.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, verifyLedger } from '../support/server.mjs';
import { Workload, audit, setUpBank, testSeed, verifyTotals, withSeed } from '../support/workload.mjs';

process.env.BANK_API_REQUESTS_PER_MINUTE = '100000000';

const DURATION_MS = Number(process.env.BANK_WORKLOAD_MS || 20_000);

test('64 concurrent clients move money and the auditor finds every cent', { timeout: 180_000 }, async (t) => {
  const seed = testSeed();
  t.diagnostic(`seed ${seed} (BANK_TEST_SEED=${seed} replays it)`);
  await withSeed(seed, 'the workload', async () => {
    const server = await startServer(t, { name: 'prove-workload' });
    const bank = await setUpBank(server, { people: 20, accounts: 50, tag: `wl${seed}` });
    assert.equal(bank.accounts.length, 50);

    const workload = new Workload(server, bank, { seed, clients: 64, readers: 8, durationMs: DURATION_MS });
    await workload.run();
    const summary = workload.summary();
    t.diagnostic(JSON.stringify(summary));

    assert.deepEqual(workload.stats.serverErrors, [], 'no 5xx answers under a healthy load');
    assert.equal(workload.stats.networkErrors, 0, 'no connection failed');
    assert.deepEqual(workload.stats.unexpected, [], 'every answer was 201 or 422 insufficient_funds');
    // The workload must really have exercised what it claims to.
    for (const kind of ['deposits', 'withdrawals', 'transfers']) {
      assert.ok(summary[kind].acked >= 20, `${kind}: at least 20 acknowledged (${JSON.stringify(summary[kind])})`);
      assert.equal(summary[kind].unknown, 0, `${kind}: every request got a definitive answer`);
    }
    assert.ok(summary.withdrawals.refused >= 10, 'some withdrawals were refused for overdrawing');
    assert.ok(summary.transfers.refused >= 10, 'some transfers were refused for overdrawing');
    assert.ok(summary.replays >= 10, 'retries with the same key were replayed');
    assert.ok(summary.reads >= 100, 'balances were read throughout');

    const result = await audit(server, workload);
    t.diagnostic(`history rows ${result.historyRows}, total ${result.total} cents`);
    assert.deepEqual(result.problems, [], 'the auditor finds nothing wrong');
    assert.deepEqual(result.anomalies.slice(0, 5), [], `every history query was answered (${result.anomalies.length} refused)`);

    // `bank verify` on the stopped server's database, and its totals are ours.
    assert.equal(await server.stop('SIGTERM'), 0, 'the server stops cleanly');
    const verified = await verifyLedger(server.db);
    assert.equal(verified.code, 0, `bank verify passes:\n${verified.output}`);
    const totals = verifyTotals(verified.output);
    assert.deepEqual(totals, { total: result.total, deposits: result.deposits, withdrawals: result.withdrawals },
      `bank verify reports the auditor's totals:\n${verified.output}`);
  });
});
