// HTTPS: `bank serve --tls-cert --tls-key` serves TLS with HSTS and Secure cookies, refuses a
// plain-HTTP client on that port, and works end to end on the configured store (ctest runs
// this file on SQLite and again with BANK_STORE=dynamodb).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import https from 'node:https';
import http from 'node:http';
import { startServer, uniqueEmail, PASSWORD } from '../support/server.mjs';

function hasOpenssl() {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// A throwaway self-signed certificate in `dir`; the arguments that serve it.
function tlsArguments(dir) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
    '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  return ['--tls-cert', cert, '--tls-key', key];
}

function request(module, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const outgoing = module.request(url, { method, headers, rejectUnauthorized: false, timeout: 10_000 }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, text }));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${url}: no answer within 10 s`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function postJson(url, payload, headers = {}) {
  return request(https, url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
}

test('HTTPS with HSTS and Secure cookies', { skip: !hasOpenssl() && 'openssl is not installed' }, async (t) => {
  const server = await startServer(t, { name: 'tls', args: tlsArguments });
  const base = `https://127.0.0.1:${server.port}`;

  const page = await request(https, `${base}/login`);
  assert.equal(page.status, 200);
  assert.match(page.headers['strict-transport-security'] || '', /max-age=\d+/);
  const cookies = page.headers['set-cookie'] || [];
  assert.ok(cookies.length > 0, 'a CSRF cookie is set');
  for (const cookie of cookies) assert.match(cookie, /;\s*Secure/i, `cookie without Secure: ${cookie}`);

  await assert.rejects(request(http, `http://127.0.0.1:${server.port}/login`),
    'a plain-HTTP request on the TLS port gets no page');
  const again = await request(https, `${base}/healthz`);
  assert.equal(again.status, 200, 'the server keeps serving after a plain-HTTP client');

  // Through TLS to the store and back: a person registers, signs in and opens an account.
  const email = uniqueEmail('tls');
  const registered = await postJson(`${base}/api/v1/register`, { email, password: PASSWORD, full_name: 'Tls Person' });
  assert.equal(registered.status, 201, registered.text);
  const signedIn = await postJson(`${base}/api/v1/login`, { email, password: PASSWORD });
  assert.equal(signedIn.status, 200, signedIn.text);
  const { token } = JSON.parse(signedIn.text);
  const opened = await postJson(`${base}/api/v1/accounts`, { account_type: 'savings' }, { authorization: `Bearer ${token}` });
  assert.equal(opened.status, 201, opened.text);
  const listed = await request(https, `${base}/api/v1/accounts`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(listed.status, 200, listed.text);
  const accounts = JSON.parse(listed.text).accounts;
  assert.deepEqual(accounts.map((a) => a.account_id), [JSON.parse(opened.text).account_id]);
});

test('a certificate without its key is refused at start', async (t) => {
  await assert.rejects(
    startServer(t, { name: 'tls-no-key', args: (dir) => ['--tls-cert', path.join(dir, 'missing.pem')] }),
    /exited \(\d+\) before it was ready:[\s\S]*--tls-cert and --tls-key go together/);
});
