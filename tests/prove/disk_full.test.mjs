// A full disk: the database lives on a 2 MB tmpfs (mount needs root; the test skips, saying
// why, when it cannot mount). A filler file takes the remaining space; then
//   - money-moving writes answer 503 with a clear JSON error (code "unavailable"), and the log
//     says why (SQLite's "database or disk is full");
//   - reads keep working: /api/v1/accounts, /api/v1/transactions, the dashboard and history pages;
//   - nothing acknowledged is lost, before or after a restart; `bank verify` passes;
//   - once the filler is deleted, writes work again without restarting the server.
// SQLite's WAL may still hold free frames when the filler lands, so a few writes can succeed
// (durably: they are acknowledged and audited like any other) before the first 503.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, verifyLedger, Client, login, PASSWORD } from '../support/server.mjs';
import { httpJson, parseCents, centsText } from '../support/workload.mjs';
import { apiHistory } from '../support/history_pager.mjs';

function tryMount(dir) {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `cannot mount a 2 MB tmpfs at ${dir} (needs root): ${String(error.stderr || error.message).trim()}`;
  }
}

function fill(file) {
  const fd = fs.openSync(file, 'a');
  const block = Buffer.alloc(64 * 1024, 0x5a);
  let written = 0;
  try {
    for (;;) {
      try {
        written += fs.writeSync(fd, block);
      } catch (error) {
        if (error.code !== 'ENOSPC') throw error;
        // Fill the last partial block byte by byte-ish.
        for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) {
          try { written += fs.writeSync(fd, block.subarray(0, size)); size *= 2; } catch { /* smaller */ }
        }
        return written;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

test('a full disk: writes answer 503, reads work, nothing acknowledged is lost, writes resume', { skip: process.env.BANK_STORE === 'dynamodb' && 'SQLite only (its database files)', timeout: 120_000 }, async (t) => {
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-diskfull-'));
  const reason = tryMount(mountPoint);
  if (reason) {
    fs.rmSync(mountPoint, { recursive: true, force: true });
    t.skip(reason);
    return;
  }
  let server;
  t.after(async () => {
    if (server) { server.kill(); await server.exited; }
    try { execFileSync('umount', [mountPoint], { stdio: 'pipe' }); } catch { execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' }); }
    fs.rmSync(mountPoint, { recursive: true, force: true });
  });

  server = await startServer(t, { name: 'prove-disk-full', dir: mountPoint, db: path.join(mountPoint, 'bank.db') });
  const email = `full-${Date.now()}@example.com`;
  const registered = await httpJson(server, { method: 'POST', path: '/api/v1/register', body: { email, password: PASSWORD, full_name: 'Disk Full' } });
  assert.equal(registered.status, 201, registered.text);
  const token = (await httpJson(server, { method: 'POST', path: '/api/v1/login', body: { email, password: PASSWORD } })).json.token;
  const account = (await httpJson(server, { method: 'POST', path: '/api/v1/accounts', token, body: { account_type: 'checking' } })).json;
  const browser = new Client(server);
  assert.equal((await login(browser, email, PASSWORD)).status, 303, 'signed in on the pages');

  const acked = [];
  let sequence = 0;
  const deposit = async () => {
    sequence += 1;
    const description = `full ${sequence}`;
    const response = await httpJson(server, {
      method: 'POST', path: '/api/v1/deposit', token, headers: { 'idempotency-key': `k${sequence}` },
      body: { account_id: account.account_id, amount: '10.00', description },
    });
    if (response.status === 201) acked.push({ description, id: response.json.transaction.transaction_id });
    return response;
  };
  for (let i = 0; i < 5; i += 1) assert.equal((await deposit()).status, 201, 'deposits work before the disk fills');

  const filler = path.join(mountPoint, 'filler');
  const filled = fill(filler);
  t.diagnostic(`filler: ${filled} bytes`);

  // Writes until the first refusal (free WAL frames may take a few).
  const answers = [];
  let refusal = null;
  for (let i = 0; i < 300 && !refusal; i += 1) {
    const response = await deposit();
    answers.push(response.status);
    if (response.status !== 201) refusal = response;
  }
  t.diagnostic(`answers while full: ${answers.length} writes, ${answers.filter((s) => s === 201).length} acknowledged`);
  assert.ok(refusal, `a write on a full disk is refused (got ${answers.length} answers: ${[...new Set(answers)]})`);
  assert.equal(refusal.status, 503, `a write on a full disk answers 503: ${refusal.text}`);
  assert.equal(refusal.json?.error?.code, 'unavailable', `the JSON error code is "unavailable": ${refusal.text}`);
  assert.match(refusal.json.error.message, /nothing was changed|try again/i, 'the message says nothing was changed and to retry');
  assert.ok(refusal.headers['retry-after'], 'a 503 carries Retry-After');

  // Every kind of write is refused the same way while the disk stays full.
  for (const attempt of [
    { path: '/api/v1/deposit', body: { account_id: account.account_id, amount: '1.00' } },
    { path: '/api/v1/withdraw', body: { account_id: account.account_id, amount: '1.00' } },
    { path: '/api/v1/accounts', body: { account_type: 'savings' } },
  ]) {
    const response = await httpJson(server, { method: 'POST', path: attempt.path, token, body: attempt.body });
    assert.equal(response.status, 503, `POST ${attempt.path} on a full disk: ${response.status} ${response.text}`);
  }

  // Reads keep working.
  const accounts = await httpJson(server, { path: '/api/v1/accounts', token });
  assert.equal(accounts.status, 200, `GET /api/v1/accounts while full: ${accounts.text}`);
  const balance = parseCents(accounts.json.accounts[0].balance);
  assert.equal(balance, acked.length * 1000, `the balance is exactly the acknowledged deposits (${centsText(acked.length * 1000)})`);
  const history = await httpJson(server, { path: '/api/v1/transactions', token });
  assert.equal(history.status, 200, `GET /api/v1/transactions while full: ${history.text}`);
  const dashboard = await browser.get('/dashboard');
  assert.equal(dashboard.status, 200, `GET /dashboard while full: ${dashboard.status}`);
  const page = await browser.get('/transactions');
  assert.equal(page.status, 200, `GET /transactions while full: ${page.status}`);

  const log = fs.readFileSync(server.logFile, 'utf8');
  assert.match(log, /disk is full|SQLITE_FULL/i, 'the server log says the disk is full');

  // Space returns: writes work again, without a restart.
  fs.rmSync(filler);
  const again = await deposit();
  assert.equal(again.status, 201, `a write after space returns: ${again.status} ${again.text}`);
  assert.equal((await deposit()).status, 201);

  // Nothing acknowledged is lost, also across a restart.
  await server.restart();
  const rows = await apiHistory(async (historyPath) => {
    const response = await httpJson(server, { path: historyPath, token });
    assert.equal(response.status, 200, response.text);
    return response.json;
  });
  for (const { description, id } of acked) {
    const found = rows.filter((row) => row.description === description);
    assert.equal(found.length, 1, `acknowledged deposit "${description}" is in the history exactly once`);
    assert.equal(found[0].transaction_id, id);
  }
  assert.equal(rows.length, acked.length, 'no refused write left a row');
  const after = await httpJson(server, { path: '/api/v1/accounts', token });
  assert.equal(parseCents(after.json.accounts[0].balance), acked.length * 1000);
  assert.equal(await server.stop('SIGTERM'), 0);
  const verified = await verifyLedger(server.db);
  assert.equal(verified.code, 0, `bank verify passes:\n${verified.output}`);
});
