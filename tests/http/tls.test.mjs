// HTTPS: `bank serve --tls-cert --tls-key` serves TLS with HSTS and Secure cookies, and
// refuses a plain-HTTP client on that port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';

const binary = process.env.BANK_BINARY || '/work/main/build/bank';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function hasOpenssl() {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function get(module, url, options = {}) {
  return new Promise((resolve, reject) => {
    const request = module.get(url, { rejectUnauthorized: false, ...options }, (response) => {
      let body = '';
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
    });
    request.setTimeout(5000, () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

async function startTlsServer(t, extraArgs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-tls-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const child = spawn(binary, ['serve', '--host', '127.0.0.1', '--port', String(port),
    '--db', path.join(dir, 'bank.db'), ...extraArgs(dir)], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise((resolve) => {
    const watch = (chunk) => {
      output += chunk;
      if (output.includes('listening on')) resolve(true);
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
  });
  const started = await Promise.race([ready, exited.then(() => false),
    new Promise((resolve) => setTimeout(() => resolve(false), 15000))]);
  return { port, started, output: () => output, exited };
}

test('HTTPS with HSTS and Secure cookies', { skip: !hasOpenssl() && 'openssl is not installed' }, async (t) => {
  const server = await startTlsServer(t, (dir) => {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
      '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    return ['--tls-cert', cert, '--tls-key', key];
  });
  assert.ok(server.started, `the server did not start:\n${server.output()}`);
  assert.match(server.output(), /listening on https:\/\//);

  const page = await get(https, `https://127.0.0.1:${server.port}/login`);
  assert.equal(page.status, 200);
  assert.match(page.headers['strict-transport-security'] || '', /max-age=\d+/);
  const cookies = page.headers['set-cookie'] || [];
  assert.ok(cookies.length > 0, 'a CSRF cookie is set');
  for (const cookie of cookies) assert.match(cookie, /;\s*Secure/i, `cookie without Secure: ${cookie}`);

  await assert.rejects(get(http, `http://127.0.0.1:${server.port}/login`),
    'a plain-HTTP request on the TLS port gets no page');
  const again = await get(https, `https://127.0.0.1:${server.port}/healthz`);
  assert.equal(again.status, 200, 'the server keeps serving after a plain-HTTP client');
});

test('a certificate without its key is refused at start', async (t) => {
  const server = await startTlsServer(t, (dir) => ['--tls-cert', path.join(dir, 'missing.pem')]);
  assert.equal(server.started, false);
  assert.notEqual(await server.exited, 0);
  assert.match(server.output(), /--tls-cert and --tls-key go together/);
});
