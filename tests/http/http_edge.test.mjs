// The HTTP edge: unknown routes and methods, oversized requests, health check, static assets,
// path traversal, and many transfers at once keeping the ledger whole.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, startServer, verifyLedger, signUp, createAccount, balanceOf, csrf, rawRequest, allTransactions,
} from '../support/server.mjs';

test('routes, methods, limits, health check and static files', async (t) => {
  const server = await startServer(t);
  const client = new Client(server);

  const missing = await client.get('/no/such/page');
  assert.equal(missing.status, 404, 'unknown path');
  assert.equal((await client.request('PUT', '/login', { body: 'x' })).status, 405, 'PUT /login');
  assert.equal((await client.request('DELETE', '/dashboard')).status, 405, 'DELETE /dashboard');

  const health = await client.get('/healthz');
  assert.equal(health.status, 200);
  assert.match(health.headers.get('content-type') ?? '', /^application\/json/);
  assert.deepEqual(JSON.parse(health.text), { status: 'ok' });

  const css = await client.get('/static/css/bootstrap.min.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  assert.ok(css.text.includes('Bootstrap'), 'it is the Bootstrap stylesheet');

  // fetch would normalise the dot segments away, so these go over a raw socket.
  for (const target of ['/static/../CMakeLists.txt', '/static/%2e%2e/CMakeLists.txt', '/static/..%2fCMakeLists.txt',
    '/static/css/../../../CMakeLists.txt']) {
    const response = await rawRequest(server.port,
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    assert.equal(response.status, 404, `GET ${target}`);
    assert.ok(!response.text.includes('cmake_minimum_required'), `GET ${target} does not leak the file`);
  }

  const token = csrf((await client.get('/login')).text);
  const body = `csrf_token=${token}&email=a%40example.com&password=${'p'.repeat(100 * 1024)}`;
  const cookie = client.cookieHeader();
  const tooBig = await rawRequest(server.port,
    `POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n` +
    `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
  assert.equal(tooBig.status, 413, '100 KB body');

  const hugeHeader = await rawRequest(server.port,
    `GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'h'.repeat(20 * 1024)}\r\nConnection: close\r\n\r\n`);
  assert.equal(hugeHeader.status, 431, '20 KB header');

  // The server is still fine afterwards.
  assert.equal((await client.get('/healthz')).status, 200);
});

test('20 parallel transfers back and forth keep every cent and the ledger verifies', { timeout: 60_000 }, async (t) => {
  const server = await startServer(t);
  const { client } = await signUp(server);
  const a = await createAccount(client, 'checking', '1000');
  const b = await createAccount(client, 'savings', '1000');
  const token = csrf((await client.get('/transfer')).text);
  assert.ok(token);

  let expectedA = 1000_00;
  const jobs = [];
  for (let i = 0; i < 20; i += 1) {
    const cents = 100 + i * 7;  // $1.00 .. $2.33, all different
    const forward = i % 2 === 0;
    expectedA += forward ? -cents : cents;
    jobs.push(client.post('/transfer', {
      csrf_token: token,
      account_id: forward ? a.account_id : b.account_id,
      to_account_number: forward ? b.account_number : a.account_number,
      amount: (cents / 100).toFixed(2),
      description: `parallel ${i}`,
    }));
  }
  const responses = await Promise.all(jobs);
  assert.deepEqual(responses.map((r) => r.status), Array(20).fill(303), 'every transfer is acknowledged');

  const balanceA = await balanceOf(client, a.account_id);
  const balanceB = await balanceOf(client, b.account_id);
  assert.equal(balanceA + balanceB, 2000_00, 'no money made or lost');
  assert.equal(balanceA, expectedA);
  assert.equal((await allTransactions(client)).length, 2 + 40, 'two opening deposits and two legs per transfer');

  assert.equal(await server.stop('SIGTERM'), 0);
  const verified = await verifyLedger(server.db);
  assert.equal(verified.code, 0, `bank verify: ${verified.output}`);
});
