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
import { startServer } from '../support/server.mjs';
import { Workload, assertAudit, assertHealthyRun, assertVerified, setUpBank, testSeed, withSeed } from '../support/workload.mjs';

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
    assertHealthyRun(t, workload);
    const result = await assertAudit(t, server, workload);

    // `bank verify` on the stopped server's database, and its totals are ours.
    assert.equal(await server.stop('SIGTERM'), 0, 'the server stops cleanly');
    await assertVerified(server.db, result);
  });
});
