// The server's log, redirected to a file as under a service manager: each request has its line
// (lines are gathered and written at least once a second: app/console_log.hpp), a warning is
// written at once (it survives a SIGKILL right after its answer), and no password or session
// token ever appears in it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, signUp, login, Client } from '../support/server.mjs';
import { waitFor } from '../support/wait.mjs';

function logOnceItHas(server, pattern) {
  const read = () => fs.readFileSync(server.logFile, 'utf8');
  return waitFor(() => pattern.test(read()) && read(), {
    timeoutMs: 10_000,
    what: `the log to show ${pattern}`,
    describe: () => read().slice(-2000),
  });
}

test('each request reaches a redirected log, warnings at once, secrets never', { timeout: 60_000 }, async (t) => {
  const server = await startServer(t);
  const ada = await signUp(server);
  const token = ada.client.cookies.get('bank_session');
  assert.ok(token, 'signed in with a session cookie');

  const page = await ada.client.get('/dashboard');
  assert.equal(page.status, 200);
  await logOnceItHas(server, /GET \/dashboard 200 /);

  const wrong = await login(new Client(server), ada.email, 'Wrong-passw0rd-9');
  assert.equal(wrong.status, 401, 'a wrong password is refused');
  await server.stop();
  await server.exited;
  const log = fs.readFileSync(server.logFile, 'utf8');
  assert.match(log, /POST \/login 401 /, 'the refused sign-in has its line by the time the server stopped');
  assert.match(log, /stopped; every acknowledged write is durable/);

  // A cross-site form post is refused and logged as a warning, written before the answer: the
  // server killed as soon as the answer came (no flush at exit) has still written it.
  await server.restart();
  assert.doesNotMatch(fs.readFileSync(server.logFile, 'utf8'), /CSRF check failed/);
  const forged = await ada.client.post('/deposit', { account_id: 'x', amount: '1' });
  assert.equal(forged.status, 403);
  server.kill();
  await server.exited;
  const killed = await logOnceItHas(server, /CSRF check failed for POST \/deposit/);

  for (const secret of [ada.password, 'Wrong-passw0rd-9', token]) {
    assert.ok(!killed.includes(secret), 'a password or a session token is in the log');
  }
});
