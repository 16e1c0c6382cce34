// Hostile HTTP: each kind of abuse is answered correctly while a well-behaved client keeps
// being served. The well-behaved client (a bearer-token customer reading its accounts and the
// health check, one request after another) runs during every abuse and must see only 200s
// (each request gives up after 5 s).
//
// Timeouts: the server's only read timeout is limits::request_timeout (30 s, not configurable).
// So that the file does not sit idle for 30 s, an idle connection and a connection that
// trickles a header byte every second are opened when the file starts; the other abuses run
// meanwhile, and the last test waits for the server to close both (a trickle, a byte a second
// forever, must not extend the deadline), never answering them as complete.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { startServer, rawRequest, PASSWORD } from '../support/server.mjs';
import { sleep, waitFor } from '../support/wait.mjs';
import { httpJson, newAgent } from '../support/workload.mjs';

const REQUEST_TIMEOUT_S = 30;

let server;
let token;
let accountId;
const watched = [];

// A socket that records when the server closed it and what it received.
function watchSocket(port, { trickle = false } = {}) {
  const socket = net.connect(port, '127.0.0.1');
  const entry = { socket, closedAt: null, received: '', trickle };
  socket.on('data', (chunk) => { entry.received += chunk.toString('latin1'); });
  socket.on('error', () => {});
  socket.on('close', () => {
    entry.closedAt = Date.now();
    clearInterval(entry.timer);
  });
  if (trickle) {
    socket.on('connect', () => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
      entry.timer = setInterval(() => { if (!socket.destroyed) socket.write('a'); }, 1_000);
    });
  }
  return entry;
}

// The well-behaved client got `more` answers after this call: it keeps being served.
function servedAgain(seen, more, what) {
  const target = seen.ok + more;
  return waitFor(() => seen.ok >= target || seen.failures.length > 0, {
    timeoutMs: 60_000,
    what: `${more} more answers to the well-behaved client ${what}`,
  });
}

// Runs `abuse(seen)` while the well-behaved client makes requests; returns what the client saw.
async function whileServed(abuse) {
  const agent = newAgent();
  const seen = { ok: 0, failures: [] };
  let done = false;
  const client = (async () => {
    while (!done) {
      for (const path of ['/api/v1/accounts', '/healthz']) {
        try {
          const response = await httpJson(server, { path, token, agent, timeout: 5_000 });
          if (response.status === 200) seen.ok += 1;
          else seen.failures.push(`${path}: ${response.status}`);
        } catch (error) {
          seen.failures.push(`${path}: ${error.message}`);
        }
      }
      await sleep(20);
    }
  })();
  try {
    await abuse(seen);
    await servedAgain(seen, 2, 'after the abuse');
  } finally {
    done = true;
    await client;
    agent.destroy();
  }
  assert.deepEqual(seen.failures.slice(0, 10), [], 'the well-behaved client was always served');
  assert.ok(seen.ok >= 2, `the well-behaved client was served after the abuse (${seen.ok})`);
  return seen;
}

// Sends raw bytes and collects everything until the server closes or `ms` pass.
function exchange(data, ms = 3_000) {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let received = '';
    let closed = false;
    const finish = () => { socket.destroy(); resolve({ text: received, closed }); };
    const timer = setTimeout(finish, ms);
    socket.on('data', (chunk) => { received += chunk.toString('latin1'); });
    socket.on('error', () => {});
    socket.on('close', () => { closed = true; clearTimeout(timer); finish(); });
    socket.write(data);
  });
}

const statuses = (text) => [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));

test.before(async () => {
  server = await startServer(null, { name: 'prove-abuse' });
  // Opened first so that their 30 s run alongside everything else.
  watched.push(watchSocket(server.port), watchSocket(server.port, { trickle: true }));
  const email = `abuse-${Date.now()}@example.com`;
  const registered = await httpJson(server, { method: 'POST', path: '/api/v1/register', body: { email, password: PASSWORD, full_name: 'Well Behaved' } });
  assert.equal(registered.status, 201, registered.text);
  const signedIn = await httpJson(server, { method: 'POST', path: '/api/v1/login', body: { email, password: PASSWORD } });
  assert.equal(signedIn.status, 200, signedIn.text);
  token = signedIn.json.token;
  const opened = await httpJson(server, { method: 'POST', path: '/api/v1/accounts', token, body: { account_type: 'checking' } });
  assert.equal(opened.status, 201, opened.text);
  accountId = opened.json.account_id;
  const deposited = await httpJson(server, { method: 'POST', path: '/api/v1/deposit', token, body: { account_id: accountId, amount: '100.00' } });
  assert.equal(deposited.status, 201, deposited.text);
});

test.after(async () => {
  for (const entry of watched) entry.socket.destroy();
  if (server) {
    server.kill();
    await server.exited;
    fs.rmSync(server.dir, { recursive: true, force: true });
  }
});

test('oversized headers answer 431, for one huge header and for many', async () => {
  await whileServed(async () => {
    const huge = await rawRequest(server.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    assert.equal(huge.status, 431, huge.head);
    let many = 'GET /api/v1/accounts HTTP/1.1\r\nHost: x\r\n';
    for (let i = 0; i < 1_000; i += 1) many += `X-H${i}: ${'b'.repeat(20)}\r\n`;
    const lots = await rawRequest(server.port, `${many}\r\n`);
    assert.equal(lots.status, 431, lots.head);
    assert.match(lots.text, /"code"\s*:\s*"request_header_fields_too_large"|too large/i, 'the answer says what is wrong');
  });
});

test('oversized bodies answer 413 (Content-Length and chunked), pages and API alike', async () => {
  await whileServed(async () => {
    const big = 'x'.repeat(70 * 1024);
    const api = await rawRequest(server.port,
      `POST /api/v1/deposit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n${big}`);
    assert.equal(api.status, 413, api.head);
    assert.match(api.text, /payload_too_large/, 'the API answer has the payload_too_large code');
    const page = await rawRequest(server.port,
      `POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${big.length}\r\n\r\n${big}`);
    assert.equal(page.status, 413, page.head);
    // Announced but never sent: refused from the header alone.
    const announced = await rawRequest(server.port,
      'POST /api/v1/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{');
    assert.equal(announced.status, 413, announced.head);
    let chunked = 'POST /api/v1/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
    for (let i = 0; i < 20; i += 1) chunked += `1000\r\n${'y'.repeat(0x1000)}\r\n`;
    chunked += '0\r\n\r\n';
    const viaChunks = await rawRequest(server.port, chunked);
    assert.equal(viaChunks.status, 413, viaChunks.head);
  });
});

test('malformed request lines answer 400', async () => {
  const lines = [
    'GARBAGE\r\n\r\n',
    'GET\r\n\r\n',
    'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
    'GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n',
    'G@T / HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /\x01\x02 HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET / HTTP/1.1\r\nBad Header Line\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    'GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n',
  ];
  await whileServed(async () => {
    for (const line of lines) {
      const answer = await exchange(line);
      const got = statuses(answer.text);
      assert.deepEqual(got, [400], `${JSON.stringify(line)} answers one 400 (got ${JSON.stringify(answer.text.slice(0, 120))}, closed ${answer.closed})`);
    }
  });
});

test('path traversal on static files answers 404 and never a file', async () => {
  const paths = [
    '/static/../../etc/passwd',
    '/static/../../../../../../etc/passwd',
    '/static/css/../../../../../../etc/passwd',
    '/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/static/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/static/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/static/%252e%252e/%252e%252e/%252e%252e/etc/passwd',
    '/static/..%5c..%5c..%5cetc%5cpasswd',
    '/static/....//....//....//etc/passwd',
    '/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '/static/../../web/templates/layout.mustache',
    '/static/../src/app/main.cpp',
    '/static//etc/passwd',
  ];
  await whileServed(async () => {
    for (const path of paths) {
      const answer = await rawRequest(server.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.ok([400, 404].includes(answer.status), `GET ${path}: 404 (or 400), got ${answer.status}`);
      assert.ok(!/root:.*:0:0:/.test(answer.text), `GET ${path} must not return /etc/passwd`);
      assert.ok(!/#include|\{\{/.test(answer.text), `GET ${path} must not return source or templates`);
    }
  });
});

// The hidden request deposits 1.00 with a description found nowhere else; it must never run.
function hiddenDeposit(tag) {
  const body = JSON.stringify({ account_id: accountId, amount: '1.00', description: tag });
  return `POST /api/v1/deposit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
}

async function smuggledRows(tag) {
  // The account has a handful of rows, so the first page (no query parameters) holds them all.
  const response = await httpJson(server, { path: '/api/v1/transactions', token });
  assert.equal(response.status, 200, response.text);
  assert.ok(response.json.transactions.length < 25 && !response.json.next_cursor, 'one page holds the history');
  return response.json.transactions.filter((row) => row.description === tag).length;
}

test('conflicting Content-Length and Transfer-Encoding: 400 or closed, never a smuggled request', async () => {
  await whileServed(async () => {
    const cases = [];
    // Chunked ends at once; Content-Length covers the hidden request too.
    {
      const tag = `smuggle-te-${Date.now()}`;
      const body = `0\r\n\r\n${hiddenDeposit(tag)}`;
      cases.push({ tag, data: 'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n${body}` });
    }
    // The same with the headers in the other order.
    {
      const tag = `smuggle-te2-${Date.now()}`;
      const body = `0\r\n\r\n${hiddenDeposit(tag)}`;
      cases.push({ tag, data: 'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${body.length}\r\n\r\n${body}` });
    }
    // Content-Length is short; the chunked body carries the hidden request.
    {
      const tag = `smuggle-cl-${Date.now()}`;
      const hidden = hiddenDeposit(tag);
      const chunk = `{"email":"a@example.com"}`;
      cases.push({ tag, data: 'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n${hidden}` });
    }
    // An obfuscated Transfer-Encoding next to a Content-Length.
    {
      const tag = `smuggle-obf-${Date.now()}`;
      const body = `0\r\n\r\n${hiddenDeposit(tag)}`;
      cases.push({ tag, data: 'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${body.length}\r\nTransfer-Encoding: chunked, identity\r\n\r\n${body}` });
    }
    // Two different Content-Lengths.
    {
      const tag = `smuggle-2cl-${Date.now()}`;
      const hidden = hiddenDeposit(tag);
      cases.push({ tag, data: 'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Content-Length: 2\r\nContent-Length: ${2 + hidden.length}\r\n\r\n{}${hidden}` });
    }
    for (const { tag, data } of cases) {
      const answer = await exchange(data, 2_000);
      const got = statuses(answer.text);
      assert.ok(got.length <= 1, `one answer at most, the hidden request gets none (got ${JSON.stringify(got)}): ${answer.text.slice(0, 300)}`);
      assert.ok(got.length === 0 || got[0] === 400 || answer.closed,
        `400, or the connection closed (got ${JSON.stringify(got)}, closed ${answer.closed})`);
      assert.equal(await smuggledRows(tag), 0, `the hidden deposit ${tag} was never executed`);
    }
  });
});

test('500 idle keep-alive connections and 100 slowloris connections do not stop others being served', { timeout: 60_000 }, async () => {
  const sockets = [];
  try {
    await whileServed(async (seen) => {
      // 500 keep-alive connections, each served once and then left idle.
      const served = await Promise.all(Array.from({ length: 500 }, () => new Promise((resolve) => {
        const socket = net.connect(server.port, '127.0.0.1');
        sockets.push(socket);
        let text = '';
        socket.on('error', () => resolve(false));
        socket.on('data', (chunk) => {
          text += chunk.toString('latin1');
          if (/\r\n\r\n[\s\S]*\}/.test(text)) resolve(/^HTTP\/1\.1 200/.test(text));
        });
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
        setTimeout(() => resolve(false), 10_000);
      })));
      assert.equal(served.filter(Boolean).length, 500, 'all 500 keep-alive connections were served');
      // 100 connections that trickle their headers.
      for (let i = 0; i < 100; i += 1) {
        const socket = net.connect(server.port, '127.0.0.1');
        sockets.push(socket);
        socket.on('error', () => {});
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
        const timer = setInterval(() => { if (socket.destroyed) clearInterval(timer); else socket.write('X-A: b\r\n'); }, 500);
        socket.on('close', () => clearInterval(timer));
      }
      await servedAgain(seen, 10, 'while 100 connections trickle their headers');
    });
  } finally {
    for (const socket of sockets) socket.destroy();
  }
});

test(`an idle connection and a trickling one are closed by the server after its ${REQUEST_TIMEOUT_S} s request timeout`, { timeout: 60_000 }, async () => {
  // They were opened when the file started (see the top): the wait is mostly over by now.
  for (const entry of watched) {
    const what = entry.trickle ? 'the trickling connection' : 'the idle connection';
    await waitFor(() => entry.closedAt !== null, { timeoutMs: (REQUEST_TIMEOUT_S + 30) * 1_000, what: `the server to close ${what}` });
    assert.ok(!/HTTP\/1\.[01] 200/.test(entry.received), `${what} was not answered as if complete`);
  }
  // And the server still serves.
  const health = await httpJson(server, { path: '/healthz' });
  assert.equal(health.status, 200);
});
