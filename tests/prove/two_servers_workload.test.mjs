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
import { BANK_STORE, startServer } from '../support/server.mjs';
import { Workload, assertAudit, assertHealthyRun, assertVerified, httpJson, setUpBank, testSeed, withSeed } from '../support/workload.mjs';

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
    // Fewer reads asked for than on one server (each crosses two servers and DynamoDB Local),
    // but some: the readers ran throughout.
    assertHealthyRun(t, workload, { refused: 5, replays: 5, reads: 10 });

    // The auditor reads through the second server; then every balance through the first
    // must be the same (both read the base table consistently).
    const result = await assertAudit(t, second, workload);
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
    await assertVerified(first.db, result);
    t.diagnostic(`took ${Date.now() - started} ms`);
  });
});
