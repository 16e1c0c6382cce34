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
import { BANK_STORE, startServer } from '../support/server.mjs';
import { Workload, assertAudit, assertHealthyRun, assertVerified, setUpBank, testSeed, withSeed } from '../support/workload.mjs';

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
    assertHealthyRun(t, workload, { refused: 5, replays: 5, reads: 50 });
    const result = await assertAudit(t, server, workload);

    assert.equal(await server.stop('SIGTERM'), 0, 'the server stops cleanly');
    await assertVerified(server.db, result);
    t.diagnostic(`took ${Date.now() - started} ms`);
  });
});
