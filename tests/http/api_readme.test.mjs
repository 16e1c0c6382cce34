// The curl examples of the README's "API" section run as written (only the address changes) against
// a fresh server; every call they make is recorded and its answer validated against the OpenAPI
// document the server serves.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BANK_SOURCE_DIR } from '../support/server.mjs';
import { setUpApi } from '../support/api.mjs';

const README_ADDRESS = 'http://127.0.0.1:5000';

// The ```sh blocks of the README section "## API".
function readmeExamples() {
  const readme = fs.readFileSync(path.join(BANK_SOURCE_DIR, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## API\n');
  assert.ok(start >= 0, 'the README has an "## API" section');
  const next = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, next < 0 ? undefined : next);
  const blocks = [...section.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length > 0, 'the API section has shell examples');
  return blocks.join('\n');
}

function haveCurl() {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Every curl call goes through a wrapper that records "status method url content-type" and the
// body, and passes the body on unchanged.
const WRAPPER = String.raw`
curl() {
  local out status
  out=$(command curl -w '\n%{http_code} %{method} %{url_effective} %{content_type}' "$@") || return $?
  printf '%s\n%s\n' "\${out##*$'\n'}" "\${out%$'\n'*}" >>"$BANK_README_CALLS"
  printf '%s' "\${out%$'\n'*}"
}
`.replace(/\\\$/g, '$');

test('the README API examples work as written', { skip: haveCurl() ? false : 'curl is not installed' }, async (t) => {
  const { server, spec, api } = await setUpApi(t);
  const examples = readmeExamples();
  assert.ok(examples.includes(README_ADDRESS), `the examples use ${README_ADDRESS}`);
  const script = `set -euo pipefail\n${WRAPPER}\n${examples.split(README_ADDRESS).join(server.url)}`;
  const calls = path.join(server.dir, 'calls.txt');
  fs.writeFileSync(calls, '');

  const { code, stdout, stderr } = await new Promise((resolve) => {
    execFile('bash', ['-c', script], {
      cwd: server.dir, env: { ...process.env, BANK_README_CALLS: calls }, timeout: 60_000,
    }, (error, out, err) => resolve({ code: error ? error.code : 0, stdout: out, stderr: err }));
  });
  assert.equal(code, 0, `the examples ran without error:\n${stderr}`);

  // What they printed: one JSON object a line.
  const printed = stdout.split('\n').filter((line) => line.trim() !== '');
  assert.ok(printed.length > 0);
  for (const line of printed) assert.doesNotThrow(() => JSON.parse(line), `printed JSON: ${line}`);

  // Every call, validated against the document.
  const lines = fs.readFileSync(calls, 'utf8').split('\n');
  const recorded = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const [status, method, url, ...type] = lines[i].split(' ');
    const pathname = url.slice(server.url.length);
    const response = { status: Number(status), headers: new Headers({ 'content-type': type.join(' ') }), text: lines[i + 1] };
    const body = api.check(method, pathname, response);
    recorded.push({ method, pathname, status: Number(status), body, text: lines[i + 1] });
  }
  const summary = recorded.map((r) => `${r.method} ${r.pathname.split('?')[0]} ${r.status}`);
  const endpoints = new Set(recorded.map((r) => `${r.method} ${spec.templateOf(r.pathname)}`));
  for (const expected of ['POST /api/v1/register', 'POST /api/v1/login', 'GET /api/v1/me', 'POST /api/v1/accounts',
    'GET /api/v1/accounts', 'POST /api/v1/deposit', 'POST /api/v1/withdraw', 'POST /api/v1/transfer',
    'GET /api/v1/transactions', 'GET /api/v1/analytics', 'POST /api/v1/logout']) {
    assert.ok(endpoints.has(expected), `the examples show ${expected}`);
  }
  // All succeed, except a call made after logging out to show that the token stopped working.
  const logout = recorded.findIndex((r) => r.pathname === '/api/v1/logout');
  assert.ok(logout >= 0 && logout < recorded.length - 1, 'the examples log out, then show a call refused');
  recorded.forEach((r, i) => {
    if (i > logout) assert.equal(r.status, 401, `after logout: ${summary[i]}`);
    else assert.ok(r.status >= 200 && r.status < 300, `succeeded: ${summary[i]}: ${r.text}`);
  });

  // The same deposit sent twice with one key was posted once.
  const deposits = recorded.filter((r) => r.pathname === '/api/v1/deposit');
  assert.equal(deposits.length, 2, 'the examples send one deposit twice with one key');
  assert.equal(deposits[1].text, deposits[0].text, 'the second deposit is a replay');
  const history = recorded.find((r) => r.pathname.startsWith('/api/v1/transactions'));
  const analytics = recorded.find((r) => r.pathname === '/api/v1/analytics');
  const balances = analytics.body.accounts.reduce((sum, a) => sum + Number(a.balance), 0);
  assert.equal(Number(analytics.body.totals.balance), balances);
  assert.ok(history.body.transactions.length > 0);
});
