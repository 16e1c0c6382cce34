// The audit log of security events: a person sees their own sign-ins, failures and changes on
// /profile and at GET /api/v1/me/security-events, each with the client address it came from,
// escaped; nobody sees another person's.
//
// The server trusts X-Forwarded-For from 127.0.0.1 (BANK_TRUSTED_PROXIES), so each request can
// come from an address of the test's choosing, markup included.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  BANK_BINARY, Client, csrf, decodeEntities, elementById, tags, textOf, uniqueEmail, PASSWORD,
} from '../support/server.mjs';
import { setUpApi, startApiServer } from '../support/api.mjs';

const HOSTILE_ADDRESS = '<script>alert("x")</script>';

// A form POST from `address`, with the csrf token of `page`.
async function postFrom(client, address, pathname, fields, page = pathname) {
  const headers = { 'x-forwarded-for': address };
  const form = await client.get(page, { headers });
  const token = csrf(form.text);
  assert.ok(token, `a csrf token on GET ${page} (status ${form.status})`);
  return client.post(pathname, { csrf_token: token, ...fields }, { headers });
}

// The rows of the security events table: [{ kind, when, what, address }], newest first.
function securityEvents(html) {
  const table = elementById(html, 'security-events');
  if (!table) return [];
  const rows = [];
  for (const match of table.matchAll(/<tr data-kind="([a-z_]+)">([\s\S]*?)<\/tr>/g)) {
    const cells = [...match[2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]);
    assert.equal(cells.length, 3, `three cells in ${match[0]}`);
    rows.push({ kind: match[1], when: textOf(cells[0]), what: textOf(cells[1]), rawAddress: cells[2], address: decodeEntities(cells[2]) });
  }
  return rows;
}

const AUDIT_SERVER = { env: { BANK_TRUSTED_PROXIES: '127.0.0.1' } };

async function startAuditServer(t) {
  return startApiServer(t, AUDIT_SERVER);
}

test('wrong password, right password and a password change each show on /profile with their address', async (t) => {
  const server = await startAuditServer(t);
  const ann = new Client(server);
  const email = uniqueEmail('audit');
  const registered = await postFrom(ann, '198.51.100.1', '/register',
    { email, password: PASSWORD, confirm_password: PASSWORD, full_name: 'Ann Lee', phone: '' });
  assert.equal(registered.status, 303, 'registered');

  const wrong = await postFrom(ann, '198.51.100.2', '/login', { email, password: 'not-the-password' });
  assert.notEqual(wrong.status, 303, 'a wrong password does not sign in');
  const right = await postFrom(ann, HOSTILE_ADDRESS, '/login', { email, password: PASSWORD });
  assert.equal(right.status, 303, 'the right password signs in');

  const newPassword = 'Another-passw0rd';
  const changed = await postFrom(ann, '198.51.100.4', '/profile', {
    action: 'password', current_password: PASSWORD, new_password: newPassword, confirm_password: newPassword,
  });
  assert.equal(changed.status, 303, 'the password is changed');
  assert.equal(changed.location, '/profile');

  const profile = await ann.get('/profile');
  assert.equal(profile.status, 200);
  const events = securityEvents(profile.text);
  assert.deepEqual(events.map((event) => [event.kind, event.address]), [
    ['password_changed', '198.51.100.4'],
    ['login_succeeded', HOSTILE_ADDRESS],
    ['login_failed', '198.51.100.2'],
    ['registered', '198.51.100.1'],
  ], 'newest first, each with the address it came from');
  assert.match(events[0].what, /^Password changed/);
  assert.match(events[2].what, /^Failed sign-in\s+Wrong password \(1 of 5/);
  for (const event of events) assert.match(event.when, /^[A-Z][a-z]{2} \d{2}, \d{4} \d{2}:\d{2} UTC$/);

  assert.ok(!profile.text.includes(HOSTILE_ADDRESS), 'the address is never markup');
  assert.ok(!events[1].rawAddress.includes('<'), `escaped: ${events[1].rawAddress}`);
  for (const secret of [PASSWORD, newPassword, 'not-the-password']) {
    assert.ok(!profile.text.includes(secret), 'no password on the page');
  }
});

test('another person never sees these events, on the page or over the API', async (t) => {
  const { server, api } = await setUpApi(t, AUDIT_SERVER);
  const ann = new Client(server);
  const annEmail = uniqueEmail('ann');
  await postFrom(ann, '198.51.100.11', '/register',
    { email: annEmail, password: PASSWORD, confirm_password: PASSWORD, full_name: 'Ann Lee', phone: '' });
  await postFrom(ann, '198.51.100.12', '/login', { email: annEmail, password: 'not-the-password' });
  assert.equal((await postFrom(ann, '198.51.100.13', '/login', { email: annEmail, password: PASSWORD })).status, 303);

  const bob = new Client(server);
  const bobEmail = uniqueEmail('bob');
  await postFrom(bob, '203.0.113.21', '/register',
    { email: bobEmail, password: PASSWORD, confirm_password: PASSWORD, full_name: 'Bob Ray', phone: '' });
  assert.equal((await postFrom(bob, '203.0.113.22', '/login', { email: bobEmail, password: PASSWORD })).status, 303);

  const bobPage = await bob.get('/profile');
  const bobEvents = securityEvents(bobPage.text);
  assert.deepEqual(bobEvents.map((event) => event.address), ['203.0.113.22', '203.0.113.21']);
  assert.ok(!bobPage.text.includes('198.51.100.1'), "none of Ann's addresses on Bob's page");

  const signedIn = await api.expect(200, 'POST', '/api/v1/login', {
    json: { email: bobEmail, password: PASSWORD }, token: null, headers: { 'x-forwarded-for': '203.0.113.23' },
  });
  const bobApi = api.as(signedIn.body.token);
  const listed = await bobApi.expect(200, 'GET', '/api/v1/me/security-events');
  assert.deepEqual(listed.body.events.map((event) => [event.kind, event.client_address]), [
    ['login_succeeded', '203.0.113.23'],
    ['login_succeeded', '203.0.113.22'],
    ['registered', '203.0.113.21'],
  ]);
  const newest = await bobApi.expect(200, 'GET', '/api/v1/me/security-events?limit=1');
  assert.equal(newest.body.events.length, 1);
  await bobApi.expect(400, 'GET', '/api/v1/me/security-events?limit=0', { code: 'validation_failed', field: 'limit' });
  await bobApi.expect(400, 'GET', '/api/v1/me/security-events?limit=201', { code: 'validation_failed', field: 'limit' });
  await api.expect(401, 'GET', '/api/v1/me/security-events', { token: null });

  const annPage = await ann.get('/profile');
  const annAddresses = securityEvents(annPage.text).map((event) => event.address);
  assert.deepEqual(annAddresses, ['198.51.100.13', '198.51.100.12', '198.51.100.11']);
  assert.ok(!annPage.text.includes('203.0.113.2'), "none of Bob's addresses on Ann's page");
  assert.ok(tags(annPage.text, 'time').length >= 3, 'each time is a <time> element');
});

test('`bank admin grant` shows on the person\'s own log as a role granted from the command line', async (t) => {
  const server = await startAuditServer(t);
  const ann = new Client(server);
  const email = uniqueEmail('admin');
  await postFrom(ann, '198.51.100.31', '/register',
    { email, password: PASSWORD, confirm_password: PASSWORD, full_name: 'Ann Lee', phone: '' });
  assert.equal((await postFrom(ann, '198.51.100.32', '/login', { email, password: PASSWORD })).status, 303);
  const store = server.tablePrefix === undefined ? {}
    : { BANK_STORE: 'dynamodb', BANK_DYNAMODB_TABLE_PREFIX: server.tablePrefix };
  execFileSync(BANK_BINARY, ['admin', 'grant', email, '--db', server.db], {
    env: { ...process.env, ...store }, timeout: 60_000,
  });
  const events = securityEvents((await ann.get('/profile')).text);
  assert.equal(events[0].kind, 'role_granted');
  assert.match(events[0].what, /^Role granted\s+Admin role granted from the command line$/);
  assert.equal(events[0].address, '—', 'no client address for the command line');
});
