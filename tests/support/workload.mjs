// The bank workload and its auditor, shared by tests/prove: many concurrent clients move money
// over the JSON API (deposits, withdrawals, transfers, many sized to overdraw, retries with the
// same Idempotency-Key, reads of every balance) while a record of every answer is kept; the
// auditor then proves from that record and the server's own history that no cent was made or
// lost.
//
// Only Node built-ins: node:http is used instead of fetch because a request must be able to
// choose its loopback source address (localAddress), since the server allows 5 registrations
// per client address per hour.

import http from 'node:http';
import crypto from 'node:crypto';
import assert from 'node:assert/strict';
import { PASSWORD, verifyLedger } from './server.mjs';
import { parseCents } from './money.mjs';
import { apiHistory } from './history_pager.mjs';

// ---------------------------------------------------------------------------------------------
// Seeded randomness

// The seed of this run: BANK_TEST_SEED replays a run; otherwise a fresh one.
export function testSeed() {
  const given = process.env.BANK_TEST_SEED;
  if (given && /^\d+$/.test(given)) return Number(given) >>> 0;
  return crypto.randomInt(1, 2 ** 31);
}

// A small seeded generator (mulberry32): rng() in [0, 1).
export function makeRng(seed) {
  let state = seed >>> 0;
  const rng = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  rng.int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)); // inclusive
  rng.pick = (list) => list[Math.floor(rng() * list.length)];
  rng.chance = (p) => rng() < p;
  return rng;
}

// Wraps a test body so that a failure names the seed that replays it.
export async function withSeed(seed, what, body) {
  try {
    return await body();
  } catch (error) {
    const note = `${what} failed with seed ${seed}; replay with BANK_TEST_SEED=${seed}`;
    console.error(`\n*** ${note}\n`);
    if (error && typeof error.message === 'string') error.message = `${note}\n${error.message}`;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Money as integer cents

export function centsText(cents) {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`bad amount ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export { parseCents };

// ---------------------------------------------------------------------------------------------
// HTTP

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A network failure (no HTTP answer): the request may or may not have been applied.
export class NetworkError extends Error {}

export function newAgent() {
  return new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 });
}

// One HTTP request; resolves to { status, headers, text, json } or rejects with NetworkError.
// target: { port, host? }; options: method, path, body (object: sent as JSON), token, headers,
// localAddress, agent, timeout.
export function httpJson(target, { method = 'GET', path, body, token, headers = {}, localAddress, agent, timeout = 15_000 }) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? null : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const allHeaders = { ...headers };
    if (payload) {
      allHeaders['content-type'] ??= 'application/json';
      allHeaders['content-length'] = payload.length;
    }
    if (token) allHeaders.authorization = `Bearer ${token}`;
    const request = http.request({
      host: target.host || '127.0.0.1',
      port: typeof target.port === 'function' ? target.port() : target.port,
      method,
      path,
      headers: allHeaders,
      localAddress,
      agent: agent ?? (localAddress ? false : undefined),
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', (error) => reject(new NetworkError(`${method} ${path}: ${error.message}`)));
      response.on('end', () => {
        if (!response.complete) {
          reject(new NetworkError(`${method} ${path}: the response was cut short`));
          return;
        }
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
        resolve({ status: response.statusCode, headers: response.headers, text, json });
      });
    });
    request.setTimeout(timeout, () => request.destroy(new Error(`no answer within ${timeout} ms`)));
    request.on('error', (error) => reject(new NetworkError(`${method} ${path}: ${error.code || ''} ${error.message}`)));
    if (payload) request.write(payload);
    request.end();
  });
}

function expectStatus(response, status, what) {
  if (response.status !== status) {
    throw new Error(`${what}: expected HTTP ${status}, got ${response.status}: ${response.text.slice(0, 300)}`);
  }
  return response.json;
}

// ---------------------------------------------------------------------------------------------
// Setting up the bank: people and accounts over the API

// Registers `people` people (spread over loopback source addresses 127.0.0.2.., at most 5 each,
// because of the per-address registration limit), signs each in for a token and opens
// `accounts` accounts among them. Returns { people: [{ email, token, user_id, accounts }],
// accounts: [{ account_id, account_number, owner }] }.
export async function setUpBank(target, { people = 20, accounts = 50, tag = 'wl' } = {}) {
  const persons = [];
  const perAddress = 5;
  for (let index = 0; index < people; index += 1) {
    persons.push({
      index,
      email: `${tag}-${index}-${crypto.randomBytes(3).toString('hex')}@example.com`,
      localAddress: `127.0.0.${2 + Math.floor(index / perAddress)}`,
      accounts: [],
    });
  }
  // bcrypt runs on a small worker pool; four at a time keeps its queue short.
  await inBatches(persons, 4, async (person) => {
    const registered = await httpJson(target, {
      method: 'POST', path: '/api/v1/register', localAddress: person.localAddress,
      body: { email: person.email, password: PASSWORD, full_name: `Person ${person.index}` },
    });
    person.user_id = expectStatus(registered, 201, `register ${person.email} from ${person.localAddress}`).user_id;
    const signedIn = await httpJson(target, {
      method: 'POST', path: '/api/v1/login', localAddress: person.localAddress,
      body: { email: person.email, password: PASSWORD },
    });
    person.token = expectStatus(signedIn, 200, `login ${person.email}`).token;
  });
  const allAccounts = [];
  for (let index = 0; index < accounts; index += 1) {
    const owner = persons[index % persons.length];
    const opened = await httpJson(target, {
      method: 'POST', path: '/api/v1/accounts', token: owner.token,
      body: { account_type: index % 3 === 0 ? 'savings' : 'checking' },
    });
    const account = expectStatus(opened, 201, `open account ${index}`);
    const entry = { account_id: account.account_id, account_number: account.account_number, owner };
    owner.accounts.push(entry);
    allAccounts.push(entry);
  }
  return { people: persons, accounts: allAccounts };
}

async function inBatches(items, width, work) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  }));
}

// ---------------------------------------------------------------------------------------------
// The workload

// An operation: { id, kind: deposit|withdrawal|transfer, account, to (transfer), cents, key,
// description, answers: [status...], outcome: acked|refused|unknown, transaction, transfer_id }.

const PATHS = { deposit: '/api/v1/deposit', withdrawal: '/api/v1/withdraw', transfer: '/api/v1/transfer' };

function bodyOf(op) {
  if (op.kind === 'transfer') {
    return { from_account_id: op.account.account_id, to_account_number: op.to.account_number, amount: centsText(op.cents), description: op.description };
  }
  return { account_id: op.account.account_id, amount: centsText(op.cents), description: op.description };
}

export class Workload {
  // target: { port } (port may be a function), or an array of such targets (several servers
  // on one database: client i talks to target i mod n, and a request sent twice at once or
  // retried later goes through the next one); bank from setUpBank.
  constructor(target, bank, { seed, clients = 64, readers = 8, durationMs = 20_000, settleMs = 30_000, tag = 'wl' } = {}) {
    this.targets = Array.isArray(target) ? target : [target];
    this.target = this.targets[0];
    this.bank = bank;
    this.seed = seed;
    this.clients = clients;
    this.readers = readers;
    this.durationMs = durationMs;
    this.settleMs = settleMs;
    this.tag = `${tag}${seed}`;
    this.ops = [];
    this.agent = newAgent();
    this.estimate = new Map(bank.accounts.map((a) => [a.account_id, 0]));
    this.stats = {
      reads: 0, negativeReads: [], networkErrors: 0, serverErrors: [], unexpected: [],
      replays: 0, duplicatesSent: 0, refused: 0, acked: 0, retriesAfterFailure: 0,
    };
    this.stopping = false;
  }

  newOp(kind, account, cents, to) {
    const id = this.ops.length;
    const op = {
      id, kind, account, to, cents,
      key: `${this.tag}-${id}`,
      description: `${this.tag} op ${id}`,
      answers: [], outcome: 'unknown', transaction: null, transfer_id: null,
    };
    this.ops.push(op);
    return op;
  }

  // Sends the op once (through targets[via mod n]); returns the HTTP answer or null after a
  // network failure.
  async sendOnce(op, via = 0) {
    try {
      const response = await httpJson(this.targets[via % this.targets.length], {
        method: 'POST', path: PATHS[op.kind], token: op.account.owner.token, agent: this.agent,
        headers: { 'idempotency-key': op.key }, body: bodyOf(op),
      });
      op.answers.push(response.status);
      return response;
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      op.answers.push('network');
      this.stats.networkErrors += 1;
      return null;
    }
  }

  // Records a definitive answer. A 201 acknowledges the posting; every 201 of one op (replays,
  // duplicates) must name the same transaction.
  record(op, response) {
    if (response.status === 201) {
      const body = response.json;
      const transaction = body?.transaction;
      if (!transaction || typeof transaction.transaction_id !== 'string') {
        this.stats.unexpected.push(`op ${op.id}: 201 without a transaction: ${response.text.slice(0, 200)}`);
        return;
      }
      if (op.transaction && op.transaction.transaction_id !== transaction.transaction_id) {
        this.stats.unexpected.push(`op ${op.id} (${op.key}): two 201 answers name two transactions, ` +
          `${op.transaction.transaction_id} and ${transaction.transaction_id}: the key posted twice`);
      }
      if (!op.transaction) op.transaction = transaction;
      if (op.kind === 'transfer' && body.transfer_id) op.transfer_id = body.transfer_id;
      op.outcome = 'acked';
      const balance = parseCents(body.balance);
      if (balance < 0) this.stats.negativeReads.push(`op ${op.id}: balance ${body.balance} in a 201 answer`);
      if (parseCents(transaction.balance_after) < 0) this.stats.negativeReads.push(`op ${op.id}: balance_after ${transaction.balance_after}`);
      this.estimate.set(op.account.account_id, balance);
      if (response.headers['idempotent-replayed'] === 'true') this.stats.replays += 1;
      return;
    }
    if (response.status === 422 && response.json?.error?.code === 'insufficient_funds') {
      if (op.outcome !== 'acked') op.outcome = 'refused';
      return;
    }
    if (response.status >= 500) {
      this.stats.serverErrors.push(`op ${op.id}: ${response.status} ${response.text.slice(0, 200)}`);
      return;
    }
    this.stats.unexpected.push(`op ${op.id} ${op.kind} ${centsText(op.cents)}: HTTP ${response.status} ${response.text.slice(0, 200)}`);
  }

  // Sends until a definitive answer (not a network failure, not 5xx), retrying with the same
  // Idempotency-Key; gives up after settleMs (the op stays "unknown").
  async settle(op, via = 0) {
    const deadline = Date.now() + this.settleMs;
    for (let attempt = 0; ; attempt += 1) {
      const response = await this.sendOnce(op, via);
      if (response) this.record(op, response);
      if (response && response.status < 500) return response;
      if (Date.now() > deadline) return null;
      if (attempt === 0) this.stats.retriesAfterFailure += 1;
      await sleep(50 + Math.min(attempt, 10) * 30);
    }
  }

  amountFor(rng, account, overdraw) {
    const estimate = this.estimate.get(account.account_id) ?? 0;
    if (overdraw) return Math.min(estimate + rng.int(1, 5_000_00), 1_000_000_00);
    return rng.int(1, Math.max(1, Math.floor(estimate / 3)));
  }

  async writer(rng, via = 0) {
    const { accounts } = this.bank;
    while (!this.stopping && Date.now() < this.deadline) {
      const account = rng.pick(accounts);
      const roll = rng();
      let op;
      if (roll < 0.3) {
        op = this.newOp('deposit', account, rng.int(1, 2_000_00));
      } else if (roll < 0.55) {
        op = this.newOp('withdrawal', account, this.amountFor(rng, account, rng.chance(0.5)));
      } else if (roll < 0.9) {
        let to = rng.pick(accounts);
        while (to === account) to = rng.pick(accounts);
        op = this.newOp('transfer', account, this.amountFor(rng, account, rng.chance(0.35)), to);
      } else {
        await this.readAll(rng.pick(this.bank.people), via);
        continue;
      }
      if (rng.chance(0.1)) {
        // The same request twice at once, as a client that times out and resends would.
        this.stats.duplicatesSent += 1;
        await Promise.all([this.settle(op, via), this.settle(op, via + 1)]);
      } else {
        await this.settle(op, via);
      }
      if (op.outcome === 'acked' && rng.chance(0.1)) {
        // A late retry of an acknowledged request: it must replay, not post again.
        const response = await this.settle(op, via + 1);
        if (response && response.status === 201 && response.headers['idempotent-replayed'] !== 'true') {
          this.stats.unexpected.push(`op ${op.id}: a retry of an acknowledged request was not marked Idempotent-Replayed`);
        }
      }
    }
  }

  // Reads every balance of one person; a negative one is recorded.
  async readAll(person, via = 0) {
    let response;
    try {
      response = await httpJson(this.targets[via % this.targets.length], { path: '/api/v1/accounts', token: person.token, agent: this.agent });
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      this.stats.networkErrors += 1;
      await sleep(50);
      return;
    }
    if (response.status >= 500) { this.stats.serverErrors.push(`GET /api/v1/accounts: ${response.status}`); return; }
    if (response.status !== 200) { this.stats.unexpected.push(`GET /api/v1/accounts: ${response.status} ${response.text.slice(0, 200)}`); return; }
    this.stats.reads += 1;
    for (const account of response.json.accounts) {
      if (parseCents(account.balance) < 0) {
        this.stats.negativeReads.push(`account ${account.account_id} read as ${account.balance}`);
      }
    }
  }

  async reader(via = 0) {
    while (!this.stopping && Date.now() < this.deadline) {
      for (const person of this.bank.people) {
        if (this.stopping || Date.now() >= this.deadline) return;
        await this.readAll(person, via);
      }
    }
  }

  // Seeds every account with a deposit, then runs the clients until the time is up.
  async run() {
    this.deadline = Date.now() + this.durationMs + 60_000;
    const rng = makeRng(this.seed);
    await Promise.all(this.bank.accounts.map((account, index) => this.settle(this.newOp('deposit', account, rng.int(100_00, 5_000_00)), index)));
    this.deadline = Date.now() + this.durationMs;
    const workers = [];
    for (let index = 0; index < this.clients; index += 1) {
      workers.push(index < this.readers ? this.reader(index) : this.writer(makeRng((this.seed * 7919 + index * 104729) >>> 0), index));
    }
    await Promise.all(workers);
    this.agent.destroy();
    this.agent = newAgent();
  }

  summary() {
    const count = (kind, outcome) => this.ops.filter((op) => op.kind === kind && op.outcome === outcome).length;
    return {
      seed: this.seed,
      ops: this.ops.length,
      deposits: { acked: count('deposit', 'acked'), refused: count('deposit', 'refused'), unknown: count('deposit', 'unknown') },
      withdrawals: { acked: count('withdrawal', 'acked'), refused: count('withdrawal', 'refused'), unknown: count('withdrawal', 'unknown') },
      transfers: { acked: count('transfer', 'acked'), refused: count('transfer', 'refused'), unknown: count('transfer', 'unknown') },
      reads: this.stats.reads,
      replays: this.stats.replays,
      duplicatesSent: this.stats.duplicatesSent,
      networkErrors: this.stats.networkErrors,
      retriesAfterFailure: this.stats.retriesAfterFailure,
      serverErrors: this.stats.serverErrors.length,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The auditor

// Every history row of one person (tests/support/history_pager.mjs). A row that comes twice
// while paging is noted in `anomalies`, and kept, so that the audit counts it.
export function historyOf(target, person, anomalies = null) {
  let pageSizeRefused = false;
  const getBody = async (requested) => {
    // After a valid page size was refused, the pages are asked for at the default size.
    const path = pageSizeRefused ? requested.replace(/([?&])limit=\d+&?/, '$1').replace(/[?&]$/, '') : requested;
    let response = await httpJson(target, { path, token: person.token });
    // The same valid query sometimes answers 400 (a server bug): noted, and retried so that
    // the audit can still report on the money.
    for (let retry = 0; response.status === 400 && retry < 10; retry += 1) {
      if (retry === 0) anomalies?.push(`GET ${path} answered 400 (then retried): ${response.text.slice(0, 160)}`);
      await sleep(5);
      response = await httpJson(target, { path, token: person.token });
    }
    if (response.status === 400 && !pageSizeRefused) {
      // A valid page size refused is a server bug: noted (the caller fails on it), and the
      // audit goes on with the default page size so that it still reports what it finds.
      anomalies?.push(`GET ${path} answered 400: ${response.text.slice(0, 160)}`);
      pageSizeRefused = true;
      return getBody(requested);
    }
    return expectStatus(response, 200, `GET ${path} of ${person.email}`);
  };
  const onRepeat = anomalies && ((id) => anomalies.push(`transaction ${id} of ${person.email} came twice while paging the history`));
  return apiHistory(getBody, {}, { limit: 100, onRepeat });
}

// Checks the ledger the server shows against the record of the workload. Returns a list of
// problems (empty when the books balance) and the totals.
// Ops with outcome "unknown" (no definitive answer) may have posted once or not at all.
export async function audit(target, workload) {
  const problems = [];
  const anomalies = [];
  const { bank, ops } = workload;
  const add = (text) => { if (problems.length < 50) problems.push(text); };

  for (const text of workload.stats.negativeReads) add(`negative balance seen: ${text}`);

  // Balances now.
  const balances = new Map();
  for (const person of bank.people) {
    const response = await httpJson(target, { path: '/api/v1/accounts', token: person.token });
    const body = expectStatus(response, 200, `GET /api/v1/accounts of ${person.email}`);
    for (const account of body.accounts) {
      const cents = parseCents(account.balance);
      if (cents < 0) add(`account ${account.account_id} has a negative balance ${account.balance}`);
      balances.set(account.account_id, cents);
    }
  }

  // History rows by description (every op has its own description).
  const rowsByDescription = new Map();
  let historyRows = 0;
  for (const person of bank.people) {
    for (const row of await historyOf(target, person, anomalies)) {
      historyRows += 1;
      if (!rowsByDescription.has(row.description)) rowsByDescription.set(row.description, []);
      rowsByDescription.get(row.description).push(row);
    }
  }
  const known = new Set(ops.map((op) => op.description));
  for (const [description, rows] of rowsByDescription) {
    if (!known.has(description)) add(`history rows nobody asked for: ${JSON.stringify(description)} x${rows.length}`);
  }

  // Expected balances from the acknowledged postings (and the unknown ones that did post).
  const expected = new Map(bank.accounts.map((a) => [a.account_id, 0]));
  const shift = (accountId, cents) => expected.set(accountId, expected.get(accountId) + cents);
  let deposits = 0;
  let withdrawals = 0;
  let unknownPosted = 0;
  for (const op of ops) {
    const rows = rowsByDescription.get(op.description) || [];
    const legs = op.kind === 'transfer' ? 2 : 1;
    let posted;
    if (op.outcome === 'acked') {
      posted = true;
      if (rows.length !== legs) {
        add(`acknowledged ${op.kind} op ${op.id} (${op.key}, ${centsText(op.cents)}, answers ${op.answers.join(',')}) ` +
          `appears ${rows.length} times in the history, expected ${legs}`);
        continue;
      }
      if (!rows.some((r) => r.transaction_id === op.transaction.transaction_id)) {
        add(`acknowledged op ${op.id}: its transaction ${op.transaction.transaction_id} is not in the history`);
      }
    } else if (op.outcome === 'refused') {
      posted = false;
      if (rows.length !== 0) add(`refused ${op.kind} op ${op.id} (${op.key}, answers ${op.answers.join(',')}) appears ${rows.length} times in the history`);
      continue;
    } else {
      if (rows.length !== 0 && rows.length !== legs) {
        add(`unsettled ${op.kind} op ${op.id} (${op.key}) appears ${rows.length} times, expected 0 or ${legs}`);
        continue;
      }
      posted = rows.length === legs;
      if (posted) unknownPosted += 1;
    }
    if (!posted) continue;
    for (const row of rows) {
      if (parseCents(row.amount) !== op.cents) add(`op ${op.id}: history amount ${row.amount}, asked ${centsText(op.cents)}`);
      if (parseCents(row.balance_after) < 0) add(`op ${op.id}: negative balance_after ${row.balance_after}`);
    }
    if (op.kind === 'deposit') {
      if (rows[0].transaction_type !== 'deposit' || rows[0].account_id !== op.account.account_id) add(`op ${op.id}: wrong deposit row ${JSON.stringify(rows[0])}`);
      deposits += op.cents;
      shift(op.account.account_id, op.cents);
    } else if (op.kind === 'withdrawal') {
      if (rows[0].transaction_type !== 'withdrawal' || rows[0].account_id !== op.account.account_id) add(`op ${op.id}: wrong withdrawal row ${JSON.stringify(rows[0])}`);
      withdrawals += op.cents;
      shift(op.account.account_id, -op.cents);
    } else {
      const out = rows.find((r) => r.transaction_type === 'transfer_out');
      const into = rows.find((r) => r.transaction_type === 'transfer_in');
      if (!out || !into || out.account_id !== op.account.account_id || into.account_id !== op.to.account_id ||
          !out.transfer_id || out.transfer_id !== into.transfer_id) {
        add(`op ${op.id}: the two legs of the transfer do not match: ${JSON.stringify(rows)}`);
      }
      shift(op.account.account_id, -op.cents);
      shift(op.to.account_id, op.cents);
    }
  }

  let total = 0;
  for (const account of bank.accounts) {
    const actual = balances.get(account.account_id);
    total += actual ?? 0;
    if (actual !== expected.get(account.account_id)) {
      add(`account ${account.account_id}: balance ${actual === undefined ? 'missing' : centsText(Math.abs(actual))}, ` +
        `but its acknowledged postings add up to ${centsText(Math.abs(expected.get(account.account_id)))}`);
    }
  }
  if (total !== deposits - withdrawals) {
    add(`the sum of balances ${total} cents is not acknowledged deposits ${deposits} minus withdrawals ${withdrawals} = ${deposits - withdrawals}`);
  }
  return { problems, anomalies, total, deposits, withdrawals, historyRows, unknownPosted };
}

// Reads "total balance / deposits / withdrawals" of `bank verify` output as cents.
export function verifyTotals(output) {
  const read = (name) => {
    const m = new RegExp(`^${name}:\\s*\\$?([\\d,]+\\.\\d\\d)`, 'm').exec(output);
    return m ? parseCents(m[1].replace(/,/g, '')) : null;
  };
  return { total: read('total balance'), deposits: read('deposits'), withdrawals: read('withdrawals') };
}

// The checks of a run under a healthy load: no 5xx answer, no broken connection, only 201 or
// 422 insufficient_funds, each kind of posting acknowledged at least 20 times and every request
// settled, and at least `refused` overdrafts refused, `replays` retries replayed and `reads`
// balance reads, so the run really exercised what it claims to. Returns the summary.
export function assertHealthyRun(t, workload, { refused = 10, replays = 10, reads = 100 } = {}) {
  const summary = workload.summary();
  t.diagnostic(JSON.stringify(summary));
  const { serverErrors } = workload.stats;
  assert.deepEqual(serverErrors.slice(0, 10), [], `no 5xx answers under a healthy load (${serverErrors.length})`);
  assert.equal(workload.stats.networkErrors, 0, 'no connection failed');
  assert.deepEqual(workload.stats.unexpected, [], 'every answer was 201 or 422 insufficient_funds');
  for (const kind of ['deposits', 'withdrawals', 'transfers']) {
    assert.ok(summary[kind].acked >= 20, `${kind}: at least 20 acknowledged (${JSON.stringify(summary[kind])})`);
    assert.equal(summary[kind].unknown, 0, `${kind}: every request got a definitive answer`);
  }
  assert.ok(summary.withdrawals.refused >= refused, 'some withdrawals were refused for overdrawing');
  assert.ok(summary.transfers.refused >= refused, 'some transfers were refused for overdrawing');
  assert.ok(summary.replays >= replays, 'retries with the same key were replayed');
  assert.ok(summary.reads >= reads, 'balances were read throughout');
  return summary;
}

// Audits the bank through `target` and asserts the auditor found nothing wrong and every
// history query was answered. Returns the audit (its totals feed assertVerified).
export async function assertAudit(t, target, workload, what = 'the auditor finds nothing wrong') {
  const result = await audit(target, workload);
  t.diagnostic(`history rows ${result.historyRows}, total ${result.total} cents; ` +
    `requests cut off that had posted: ${result.unknownPosted}`);
  assert.deepEqual(result.problems, [], what);
  assert.deepEqual(result.anomalies.slice(0, 5), [], `every history query was answered (${result.anomalies.length} refused)`);
  return result;
}

// `bank verify` on the store of the (stopped) servers passes and reports the audit's totals.
export async function assertVerified(db, result) {
  const verified = await verifyLedger(db);
  assert.equal(verified.code, 0, `bank verify passes:\n${verified.output}`);
  assert.deepEqual(verifyTotals(verified.output),
    { total: result.total, deposits: result.deposits, withdrawals: result.withdrawals },
    `bank verify reports the auditor's totals:\n${verified.output}`);
}
