// DynamoDB unreachable or throttling. A TCP proxy (tests/support/tcp_proxy.mjs) sits between
// `bank serve` and DynamoDB Local (the server's AWS_ENDPOINT_URL_DYNAMODB names the proxy).
// While a small workload runs, the proxy is paused, in one of three ways, until every probe
// has been answered:
//   refuse     new connections are refused, existing ones cut (DynamoDB down)
//   throttle   every request is answered 400 ThrottlingException (DynamoDB throttling)
//   blackhole  new connections are accepted and never answered (a network partition)
// While it is paused, requests sent by the test directly (probes) must show that
//   - deposits, withdrawals and transfers answer 503 with code "unavailable" and a clear
//     "try again" message, while DynamoDB is still away (how long they took is printed);
//   - reads (GET /api/v1/accounts) fail cleanly: 503, not 500, and no internals in the body;
//   - the process keeps serving: GET /healthz answers 200, and it does not exit.
// Once the proxy resumes, every probe retried with its Idempotency-Key settles (posted once or
// refused), every workload request settles, the auditor finds every cent (nothing was
// half-applied, no history query refused) and `bank verify --store dynamodb` passes with the
// auditor's totals.
// A last case loses the answer to a write that reached DynamoDB: the client's resend carries
// the same ClientRequestToken, so the deposit is posted once.
//
// Runs only with BANK_STORE=dynamodb. Seeded: the seed is printed on failure; BANK_TEST_SEED=N
// replays the workload's choices.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { BANK_STORE, PASSWORD, startServer, uniqueEmail, verifyLedger } from '../support/server.mjs';
import { startTcpProxy } from '../support/tcp_proxy.mjs';
import { Workload, audit, httpJson, setUpBank, testSeed, verifyTotals, withSeed } from '../support/workload.mjs';
import { waitFor, withCeiling } from '../support/wait.mjs';

process.env.BANK_API_REQUESTS_PER_MINUTE = '100000000';

const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB || process.env.BANK_TEST_DYNAMODB_ENDPOINT;
const skip = BANK_STORE !== 'dynamodb' ? 'needs BANK_STORE=dynamodb (run by ctest against DynamoDB Local)'
  : !endpoint ? 'needs AWS_ENDPOINT_URL_DYNAMODB (DynamoDB Local)' : false;

// How long the workload runs, in all: DynamoDB goes away once it is going, and comes back
// once every probe has been answered.
const WORKLOAD_MS = 14_000;
// Ceilings that only end a hung run: the probes are answered while DynamoDB is still away.
const PROBES_CEILING_MS = 90_000;
const INTERNALS = /dynamodb|GetItem|Query|TransactWriteItems|curl|connect|Exception|127\.0\.0\.1|port \d+/i;

async function timed(target, request) {
  const started = Date.now();
  try {
    const response = await httpJson(target, request);
    return { ...response, ms: Date.now() - started, at: Date.now() };
  } catch (error) {
    return { status: 'no answer', text: error.message, json: null, ms: Date.now() - started, at: Date.now() };
  }
}

function logLines(server, pattern = /error|warn|critical/i, count = 8) {
  try {
    const lines = fs.readFileSync(server.logFile, 'utf8').split('\n').filter((line) => pattern.test(line));
    return lines.slice(-count).join('\n');
  } catch {
    return '(no log)';
  }
}

// A server whose DynamoDB is reached through a fresh TCP proxy.
async function behindProxy(t, name) {
  const upstream = new URL(endpoint);
  const proxy = await startTcpProxy({ host: upstream.hostname, port: Number(upstream.port || 80) });
  t.after(() => proxy.close());
  const server = await startServer(t, { name, env: { AWS_ENDPOINT_URL_DYNAMODB: proxy.url } });
  return { proxy, server };
}

async function outage(t, mode) {
  const seed = testSeed();
  t.diagnostic(`seed ${seed} (BANK_TEST_SEED=${seed} replays it)`);
  await withSeed(seed, `DynamoDB ${mode}`, async () => {
    const { proxy, server } = await behindProxy(t, `prove-dynamodb-${mode}`);
    const bank = await setUpBank(server, { people: 4, accounts: 8, tag: `df${mode}${seed}` });
    const workload = new Workload(server, bank, {
      seed, clients: 6, readers: 1, durationMs: WORKLOAD_MS, settleMs: 90_000, tag: `df${mode}`,
    });
    const running = workload.run();
    await waitFor(() => workload.ops.filter((op) => op.outcome === 'acked').length >= 10, { timeoutMs: 60_000, what: 'ten acknowledged postings of the workload before DynamoDB goes away' });

    const problems = [];
    const [from, to] = bank.accounts;
    const token = from.owner.token;
    const probes = [
      workload.newOp('deposit', from, 12_34),
      workload.newOp('withdrawal', from, 1),
      workload.newOp('transfer', from, 1, to),
    ];
    const bodyOf = (op) => (op.kind === 'transfer'
      ? { from_account_id: from.account_id, to_account_number: to.account_number, amount: '0.01', description: op.description }
      : { account_id: from.account_id, amount: op.kind === 'deposit' ? '12.34' : '0.01', description: op.description });
    const paths = { deposit: '/api/v1/deposit', withdrawal: '/api/v1/withdraw', transfer: '/api/v1/transfer' };

    // DynamoDB stays away until every probe has been answered: each must be answered while
    // it is down (a "try again", not a wait for DynamoDB to return).
    await proxy.pause(mode);
    const pausedAt = Date.now();
    // The server has met the outage: the proxy turned a connection away (a refused one never
    // reaches it) or a probe has been answered.
    let answered = 0;
    const metOutage = () => answered > 0 || proxy.stats.blackholed + proxy.stats.throttled > 0;
    const probe = (request) => timed(server, { ...request, timeout: PROBES_CEILING_MS }).then((answer) => {
      answered += 1;
      return answer;
    });
    const probing = Promise.all([
      ...probes.map((op) => probe({
        method: 'POST', path: paths[op.kind], token, headers: { 'idempotency-key': op.key }, body: bodyOf(op),
      })),
      probe({ path: '/api/v1/accounts', token }),
      // While DynamoDB is away, the server still serves what does not need it.
      waitFor(metOutage, { timeoutMs: 60_000, what: `the server to meet the ${mode} DynamoDB` })
        .then(() => timed(server, { path: '/healthz', timeout: PROBES_CEILING_MS })),
    ]);
    const answers = await withCeiling(probing, { timeoutMs: PROBES_CEILING_MS + 5_000, what: `the probes to be answered while DynamoDB is ${mode}` });
    const exitedWhileDown = server.child.exitCode ?? server.child.signalCode;
    await proxy.resume();
    const resumedAt = Date.now();
    const [healthz] = answers.slice(-1);
    const [read] = answers.slice(-2, -1);
    const describe = (what, answer) => `${what}: HTTP ${answer.status} after ${answer.ms} ms: ${String(answer.text).slice(0, 200)}`;
    for (const [index, op] of probes.entries()) {
      const answer = answers[index];
      t.diagnostic(describe(`${op.kind} while DynamoDB ${mode}`, answer));
      op.answers.push(answer.status === 'no answer' ? 'network' : answer.status);
      const expected = `${op.kind} while DynamoDB is ${mode}: expected 503 {code: "unavailable", "... try again ..."}`;
      if (answer.status !== 503 || answer.json?.error?.code !== 'unavailable' || !/try again/i.test(answer.json?.error?.message || '')) {
        problems.push(`${expected}; got ${describe(op.kind, answer)}`);
      }
      if (INTERNALS.test(String(answer.text))) problems.push(`${op.kind}: the answer shows internals: ${String(answer.text).slice(0, 200)}`);
      if (answer.status === 201 || answer.status === 422) workload.record(op, answer);
    }
    t.diagnostic(describe(`GET /api/v1/accounts while DynamoDB ${mode}`, read));
    if (read.status !== 503 || read.json?.error?.code !== 'unavailable') {
      problems.push(`GET /api/v1/accounts while DynamoDB is ${mode}: expected 503 {code: "unavailable"}; got ${describe('read', read)}`);
    }
    if (INTERNALS.test(String(read.text))) problems.push(`GET /api/v1/accounts: the answer shows internals: ${String(read.text).slice(0, 200)}`);
    t.diagnostic(describe(`GET /healthz while DynamoDB ${mode}`, healthz));
    if (healthz.status !== 200) problems.push(`GET /healthz during the ${mode}: expected 200 (the server keeps serving); got ${describe('healthz', healthz)}`);

    if (exitedWhileDown !== null) problems.push(`the server exited during the ${mode} (${exitedWhileDown})`);
    t.diagnostic(`proxy: ${JSON.stringify(proxy.stats)}; paused ${resumedAt - pausedAt} ms`);

    // Everything works again: each probe retried with its key settles.
    for (const op of probes) {
      const response = await workload.settle(op);
      if (!response) { problems.push(`${op.kind} probe: no definitive answer after DynamoDB came back`); continue; }
      if (![201, 422].includes(response.status)) problems.push(`${op.kind} probe after DynamoDB came back: HTTP ${response.status} ${response.text.slice(0, 200)}`);
      if (op.answers[0] === 503 && response.headers['idempotent-replayed'] === 'true') {
        problems.push(`${op.kind} probe: answered 503 "nothing was changed" during the ${mode}, but its retry was a replay: it had posted`);
      }
    }
    const after = await timed(server, { path: '/api/v1/accounts', token, timeout: 10_000 });
    if (after.status !== 200) problems.push(`GET /api/v1/accounts after DynamoDB came back: ${describe('read', after)}`);
    t.diagnostic(`working again ${Date.now() - resumedAt} ms after the proxy resumed`);

    await running;
    const summary = workload.summary();
    t.diagnostic(JSON.stringify(summary));
    const byStatus = {};
    for (const text of workload.stats.serverErrors) {
      const status = /^op \d+: (\d+)/.exec(text)?.[1] || text.split(':')[1]?.trim() || '?';
      byStatus[status] = (byStatus[status] || 0) + 1;
    }
    t.diagnostic(`workload 5xx answers during the ${mode}: ${JSON.stringify(byStatus)}`);
    for (const status of Object.keys(byStatus)) {
      if (status !== '503') problems.push(`the workload got ${byStatus[status]} answers HTTP ${status} during the ${mode} (expected 503 only): e.g. ${workload.stats.serverErrors.find((e) => e.includes(` ${status}`))}`);
    }
    for (const kind of ['deposits', 'withdrawals', 'transfers']) {
      if (summary[kind].unknown !== 0) problems.push(`${kind}: ${summary[kind].unknown} requests never settled after DynamoDB came back`);
    }
    if (workload.stats.unexpected.length) problems.push(...workload.stats.unexpected.slice(0, 5));

    // Nothing half-applied: the auditor, and bank verify on the tables.
    const result = await audit(server, workload);
    problems.push(...result.problems);
    problems.push(...result.anomalies.map((anomaly) => `auditor: ${anomaly}`));
    t.diagnostic(`audit: history rows ${result.historyRows}, total ${result.total} cents, unsettled ops that posted ${result.unknownPosted}`);
    const verified = await verifyLedger(server.db);
    if (verified.code !== 0) problems.push(`bank verify --store dynamodb failed:\n${verified.output}`);
    const totals = verifyTotals(verified.output);
    if (JSON.stringify(totals) !== JSON.stringify({ total: result.total, deposits: result.deposits, withdrawals: result.withdrawals })) {
      problems.push(`bank verify totals ${JSON.stringify(totals)} are not the auditor's ${JSON.stringify({ total: result.total, deposits: result.deposits, withdrawals: result.withdrawals })}`);
    }
    if (server.child.exitCode !== null || server.child.signalCode !== null) problems.push('the server is no longer running');

    assert.deepEqual(problems, [], `DynamoDB ${mode}: server log (last errors):\n${logLines(server)}`);
  });
}

test('DynamoDB refusing connections: 503 try again, nothing half-applied, recovery', { skip, timeout: 120_000 }, (t) => outage(t, 'refuse'));
test('DynamoDB throttling every request: 503 try again, nothing half-applied, recovery', { skip, timeout: 120_000 }, (t) => outage(t, 'throttle'));
test('DynamoDB black-holed: the server keeps serving, nothing half-applied, recovery', { skip, timeout: 150_000 }, (t) => outage(t, 'blackhole'));

test('an answer lost after the write reached DynamoDB: the resend posts the deposit once', { skip, timeout: 120_000 }, async (t) => {
  const { proxy, server } = await behindProxy(t, 'prove-dynamodb-lost-answer');
  const email = uniqueEmail('lost');
  const registered = await httpJson(server, { method: 'POST', path: '/api/v1/register', body: { email, password: PASSWORD, full_name: 'Lost Answer' } });
  assert.equal(registered.status, 201, registered.text);
  const { token } = (await httpJson(server, { method: 'POST', path: '/api/v1/login', body: { email, password: PASSWORD } })).json;
  const opened = await httpJson(server, { method: 'POST', path: '/api/v1/accounts', token, body: { account_type: 'checking' } });
  assert.equal(opened.status, 201, opened.text);
  const account = opened.json.account_id;

  // No Idempotency-Key: only the ClientRequestToken of the resent TransactWriteItems keeps the
  // deposit from being posted twice.
  proxy.loseAnswers('TransactWriteItems', 1);
  const deposit = await httpJson(server, { method: 'POST', path: '/api/v1/deposit', token, body: { account_id: account, amount: '12.34', description: 'lost answer' } });
  assert.equal(proxy.stats.lost, 1, 'the answer to the deposit\'s write was lost on its way back');
  assert.equal(deposit.status, 201, `the deposit is acknowledged after the resend: ${deposit.text}`);
  assert.equal(deposit.json.balance, '12.34');

  const read = await httpJson(server, { path: `/api/v1/accounts/${account}`, token });
  assert.equal(read.json.balance, '12.34', 'the balance moved once');
  const history = await httpJson(server, { path: `/api/v1/transactions?account_id=${account}`, token });
  assert.deepEqual(history.json.transactions.map((row) => row.amount), ['12.34'], 'one row in the history');
  const verified = await verifyLedger(server.db);
  assert.equal(verified.code, 0, verified.output);
});
