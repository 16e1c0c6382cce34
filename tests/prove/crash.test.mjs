// Crash recovery: the bank workload runs while the server is killed with SIGKILL at random
// moments (at least ten times) and restarted on the same database. After each kill, before the
// restart, `bank verify` must pass on the database as the crash left it. Requests in flight at
// a kill get no answer; the client retries them with the same Idempotency-Key once the server
// is back, which settles each one: it posted exactly once, or not at all and is then posted or
// refused by the retry. At the end the auditor checks that every acknowledged posting survived
// exactly once, that balances match the acknowledged postings, and `bank verify` passes.
//
// Seeded (printed on failure; BANK_TEST_SEED=N replays the choices and the kill times).
import test from 'node:test';
import assert from 'node:assert/strict';
import { startServer, verifyLedger } from '../support/server.mjs';
import { Workload, assertAudit, assertVerified, makeRng, setUpBank, sleep, testSeed, withSeed } from '../support/workload.mjs';
import { waitFor } from '../support/wait.mjs';

process.env.BANK_API_REQUESTS_PER_MINUTE = '100000000';

const KILLS = Number(process.env.BANK_CRASH_KILLS || 12);

test('SIGKILL at random moments under load loses no acknowledged posting', { skip: process.env.BANK_STORE === 'dynamodb' && 'SQLite only (its database files)', timeout: 240_000 }, async (t) => {
  const seed = testSeed();
  t.diagnostic(`seed ${seed} (BANK_TEST_SEED=${seed} replays it)`);
  await withSeed(seed, 'the crash test', async () => {
    const server = await startServer(t, { name: 'prove-crash' });
    const bank = await setUpBank(server, { people: 20, accounts: 50, tag: `cr${seed}` });
    const rng = makeRng(seed ^ 0x5eed);
    const gaps = Array.from({ length: KILLS }, () => rng.int(700, 2_300));
    const duration = gaps.reduce((a, b) => a + b, 0) + 3_000;

    const workload = new Workload(server, bank, { seed, clients: 64, readers: 8, durationMs: duration, settleMs: 60_000, tag: 'cr' });
    const running = workload.run();

    const kills = [];
    const verifyFailures = [];
    // The clients get going before the first kill; then the kills come at random moments.
    await waitFor(() => workload.ops.filter((op) => op.outcome === 'acked').length >= 20, { timeoutMs: 60_000, what: 'twenty acknowledged postings before the first kill' });
    for (const gap of gaps) {
      await sleep(gap);
      const ackedBefore = workload.ops.filter((op) => op.outcome === 'acked').length;
      server.kill();
      const how = await server.exited;
      const verified = await verifyLedger(server.db);
      if (verified.code !== 0) verifyFailures.push(`after kill ${kills.length + 1}:\n${verified.output}`);
      await server.restart();
      kills.push({ how, ackedBefore });
    }
    await running;
    const summary = workload.summary();
    t.diagnostic(`kills: ${JSON.stringify(kills)}`);
    t.diagnostic(JSON.stringify(summary));

    assert.equal(kills.length, KILLS);
    assert.ok(kills.every((k) => k.how === 'SIGKILL'), `every kill was a SIGKILL: ${JSON.stringify(kills)}`);
    assert.deepEqual(verifyFailures, [], 'bank verify passes on the database as each crash left it');
    assert.deepEqual(workload.stats.unexpected, [], 'every definitive answer was 201 or 422 insufficient_funds');
    assert.ok(summary.networkErrors > 0, 'some requests were cut off by the kills (else the test proves nothing)');
    for (const kind of ['deposits', 'withdrawals', 'transfers']) {
      assert.equal(summary[kind].unknown, 0, `${kind}: every request was settled by retrying with its key`);
      assert.ok(summary[kind].acked >= 20, `${kind}: at least 20 acknowledged`);
    }

    // One last crash right after the load: whatever was acknowledged last must be on disk.
    server.kill();
    await server.exited;
    await server.restart();

    const result = await assertAudit(t, server, workload,
      'every acknowledged posting survived, exactly once; balances match');

    assert.equal(await server.stop('SIGTERM'), 0, 'the server stops cleanly');
    await assertVerified(server.db, result);
  });
});
