// The server's log, redirected to a file as under a service manager: each request has its line
// within about a second (lines are gathered, not written one by one: app/console_log.hpp), a
// warning is written at once, and no password or session token ever appears in it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, signUp, login, Client, sleep } from '../support/server.mjs';

async function logOnceItHas(server, pattern, withinMs) {
  const deadline = Date.now() + withinMs;
  let text = '';
  while (Date.now() < deadline) {
    text = fs.readFileSync(server.logFile, 'utf8');
    if (pattern.test(text)) return text;
    await sleep(50);
  }
  assert.fail(`the log did not show ${pattern} within ${withinMs} ms:\n${text.slice(-2000)}`);
}

test('each request reaches a redirected log within a second, warnings at once, secrets never', { timeout: 60_000 }, async (t) => {
  const server = await startServer(t);
  const ada = await signUp(server);
  const token = ada.client.cookies.get('bank_session');
  assert.ok(token, 'signed in with a session cookie');

  const page = await ada.client.get('/dashboard');
  assert.equal(page.status, 200);
  await logOnceItHas(server, /GET \/dashboard 200 /, 3_000);

  // A cross-site form post is refused and logged as a warning: written without waiting.
  const started = Date.now();
  const forged = await ada.client.post('/deposit', { account_id: 'x', amount: '1' });
  assert.equal(forged.status, 403);
  await logOnceItHas(server, /CSRF check failed for POST \/deposit/, 3_000);
  assert.ok(Date.now() - started < 900, `the warning took ${Date.now() - started} ms to reach the log`);

  const wrong = await login(new Client(server), ada.email, 'Wrong-passw0rd-9');
  assert.equal(wrong.status, 401, 'a wrong password is refused');
  await server.stop();
  await server.exited;
  const log = fs.readFileSync(server.logFile, 'utf8');
  assert.match(log, /POST \/login 401 /, 'the refused sign-in has its line by the time the server stopped');
  assert.match(log, /stopped; every acknowledged write is durable/);
  for (const secret of [ada.password, 'Wrong-passw0rd-9', token]) {
    assert.ok(!log.includes(secret), 'a password or a session token is in the log');
  }
});
